// The error texts Velero and its AWS plugin (SDK v2) produce, so the demo's
// failures read like the ones an admin will meet on a real cluster.
import type { BackupStorageLocation } from '../model.js';
import { normalizePrefix } from './bucket.js';
import { S3_DIAL_ERROR } from './world.js';

export function locationUrl(bsl: BackupStorageLocation): string {
  const base = bsl.spec.config?.s3Url ?? `https://s3.${bsl.spec.config?.region ?? 'us-east-1'}.amazonaws.com`;
  return base.replace(/\/+$/, '');
}

function objectUrl(bsl: BackupStorageLocation, key: string): string {
  const prefix = normalizePrefix(bsl.spec.objectStorage.prefix);
  return `${locationUrl(bsl)}/${bsl.spec.objectStorage.bucket}/${prefix ? `${prefix}/` : ''}${key}`;
}

/** The plugin's error when the S3 endpoint refuses connections. */
export function dialError(bsl: BackupStorageLocation, operation: string, method: string, key: string): string {
  return (
    `rpc error: code = Unknown desc = operation error S3: ${operation}, exceeded maximum number of attempts, 3, ` +
    `https response error StatusCode: 0, RequestID: , HostID: , request send failed, ${method} "${objectUrl(bsl, key)}": ${S3_DIAL_ERROR}`
  );
}

export function apiError(operation: string, status: number, code: string, text: string): string {
  return (
    `rpc error: code = Unknown desc = operation error S3: ${operation}, https response error StatusCode: ${status}, ` +
    `RequestID: 1842D5E5A8C1B2F0, HostID: dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8, api error ${code}: ${text}`
  );
}

export const NO_SUCH_BUCKET = 'The specified bucket does not exist';
export const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
export const NO_CREDENTIALS =
  'rpc error: code = Unknown desc = operation error S3: ListObjectsV2, get identity: get credentials: failed to refresh cached credentials, ' +
  'no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded';

export function notFound(kind: string, name: string): string {
  return `${kind}.velero.io "${name}" not found`;
}
