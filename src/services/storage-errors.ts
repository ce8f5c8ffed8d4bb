// Turns S3 SDK and socket errors into a kind, a message naming what failed, and a
// hint of what to do. Every text goes through redact(): no secret, no full key ID.
import { ServiceError, type FailureKind, type S3Destination, type ValidationResult } from './interfaces.js';
import { maskAccessKey } from './storage-location.js';
import { CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './storage-client.js';
import {
  TLS_CODES, endpointHost, endpointName, errorText, httpStatusOf, isTransportError, networkCode, s3ErrorCode,
} from './storage-error-codes.js';

export type StorageFailureKind = NonNullable<ValidationResult['kind']>;
export type StorageOperation = 'bucket' | 'write' | 'read' | 'delete' | 'list';

export interface StorageFailure {
  kind: StorageFailureKind;
  message: string;
  hint?: string;
}

const NET_WORDS: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ECONNABORTED: 'the connection was aborted',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'no route to the network',
  EADDRNOTAVAIL: 'the address is not available',
};
const OP_VERB: Record<StorageOperation, string> = {
  bucket: 'list', write: 'write to', read: 'read from', delete: 'delete objects in', list: 'list',
};

/** Replaces the secret and the access key ID wherever they appear. */
export function redact(text: string, dest: S3Destination): string {
  const keys = dest.credentials;
  if (!keys) return text;
  let out = text;
  if (keys.secretAccessKey) out = out.split(keys.secretAccessKey).join('••••');
  if (keys.accessKeyId) out = out.split(keys.accessKeyId).join(maskAccessKey(keys.accessKeyId));
  return out;
}

export function describeStorageError(err: unknown, dest: S3Destination, op: StorageOperation): StorageFailure {
  const failure = classify(err, dest, op);
  return {
    kind: failure.kind,
    message: redact(failure.message, dest),
    ...(failure.hint ? { hint: redact(failure.hint, dest) } : {}),
  };
}

export function toServiceError(err: unknown, dest: S3Destination, op: StorageOperation): ServiceError {
  if (err instanceof ServiceError) return err;
  const f = describeStorageError(err, dest, op);
  const kind: FailureKind = f.kind === 'no-bucket' ? 'not-found' : f.kind === 'foreign-objects' ? 'invalid' : f.kind;
  return new ServiceError(kind, f.message, f.hint);
}

function classify(err: unknown, dest: S3Destination, op: StorageOperation): StorageFailure {
  const host = endpointHost(dest);
  const net = networkCode(err);
  if (net && TLS_CODES.has(net)) return tlsFailure(net, host, dest);
  if (net === 'ENOTFOUND' || net === 'EAI_AGAIN') {
    const name = host.replace(/:\d+$/, '');
    const inCluster = /\.svc(\.|$)|\.cluster\.local$/.test(name);
    return {
      kind: 'unreachable',
      message: `Host "${name}" not found (DNS lookup failed for ${host})`,
      hint: inCluster
        ? 'This is an in-cluster service name; from this machine use the ClusterIP or a node address (Public URL)'
        : 'Check the host name in the endpoint URL',
    };
  }
  if (net === 'ECONNREFUSED') {
    return { kind: 'unreachable', message: `Connection to ${host} refused`, hint: 'Check the port, and that the S3 server is running and listening there' };
  }
  if (net || isTransportError(err)) {
    const what = /establish a connection/.test(errorText(err))
      ? `no connection within ${CONNECT_TIMEOUT_MS / 1000} s`
      : net === 'ETIMEDOUT' || !net
        ? `connected, but no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : NET_WORDS[net] ?? `network error ${net}`;
    return {
      kind: 'unreachable',
      message: `Cannot reach ${host}: ${what}`,
      hint: 'Check the endpoint, firewalls and routes between this machine and the S3 server',
    };
  }
  const name = (err as { name?: unknown } | undefined)?.name;
  if (name === 'CredentialsProviderError') {
    return {
      kind: 'unauthorized',
      message: 'No credentials: none were entered and no instance role or AWS profile was found on this machine',
      hint: 'Enter an access key ID and a secret access key',
    };
  }
  const code = s3ErrorCode(err);
  if (code === undefined) return { kind: 'unknown', message: `S3 request to ${host} failed: ${errorText(err)}` };
  return s3Failure(code, err, dest, op);
}

function s3Failure(code: string, err: unknown, dest: S3Destination, op: StorageOperation): StorageFailure {
  const where = endpointName(dest);
  const key = dest.credentials ? `Access key ID ${maskAccessKey(dest.credentials.accessKeyId)}` : 'The instance role';
  switch (code) {
    case 'InvalidAccessKeyId':
      return { kind: 'unauthorized', message: `${key} is not known at ${where}`, hint: 'Check the access key ID: it may be mistyped or deleted' };
    case 'SignatureDoesNotMatch':
      return { kind: 'unauthorized', message: `The secret access key does not match ${key.replace(/^Access/, 'access')}`, hint: 'Re-enter the secret access key' };
    case 'InvalidToken': case 'ExpiredToken': case 'TokenRefreshRequired':
      return { kind: 'unauthorized', message: `The credentials for ${where} have expired or are invalid`, hint: 'Enter fresh credentials' };
    case 'AccessDenied': case 'Forbidden': case 'AllAccessDisabled':
      return {
        kind: 'forbidden',
        message: `${key} may not ${OP_VERB[op]} bucket "${dest.bucket}"`,
        hint: op === 'bucket' || op === 'list'
          ? 'Grant s3:ListBucket on the bucket (or check the keys: some servers answer 403 for wrong keys)'
          : 'Velero needs s3:ListBucket, GetObject, PutObject and DeleteObject on the bucket',
      };
    case 'NoSuchBucket':
      return { kind: 'no-bucket', message: `Bucket "${dest.bucket}" does not exist at ${where}`, hint: 'Create the bucket first, or check the bucket name and endpoint' };
    case 'NotFound':
      if (op === 'bucket') return s3Failure('NoSuchBucket', err, dest, op);
      break;
    case 'RequestTimeTooSkewed':
      return { kind: 'clock-skew', message: `This machine's clock and ${where}'s differ by more than 15 minutes`, hint: 'Synchronise the clocks (NTP / chrony) on this machine and the S3 server' };
    case 'PermanentRedirect': case 'AuthorizationHeaderMalformed': case 'IllegalLocationConstraintException': {
      const region = regionOf(err);
      return {
        kind: 'invalid',
        message: `Bucket "${dest.bucket}" is not in region "${dest.region}"${region ? `; it is in "${region}"` : ''}`,
        hint: region ? `Set the region to ${region}` : "Set the region to the bucket's region",
      };
    }
    case 'InvalidBucketName':
      return { kind: 'invalid', message: `The server rejects the bucket name "${dest.bucket}"` };
  }
  const status = httpStatusOf(err);
  const serverSide = status !== undefined && status >= 500;
  return {
    kind: 'unknown',
    message: `${where} answered ${code} (HTTP ${status ?? '?'})${errorText(err) && errorText(err) !== code ? `: ${errorText(err)}` : ''}`,
    ...(serverSide ? { hint: 'The S3 server reports a problem on its side; try again later' } : {}),
  };
}

function tlsFailure(code: string, host: string, dest: S3Destination): StorageFailure {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { kind: 'tls', message: `The certificate of ${host} is not issued for that host name`, hint: 'Use the host name the certificate names, or fix the certificate' };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return { kind: 'tls', message: `The certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}`, hint: 'Renew the server certificate, or check this machine\'s clock' };
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return { kind: 'tls', message: `${host} does not answer TLS`, hint: 'If the server speaks plain HTTP, use an http:// endpoint' };
  }
  return {
    kind: 'tls',
    message: `The certificate of ${host} is not trusted (${code})`,
    hint: dest.caCert ? 'The CA certificate given does not sign this server\'s certificate; add the right CA certificate' : 'add the CA certificate (PEM) that signed the server\'s certificate',
  };
}

function regionOf(err: unknown): string | undefined {
  const e = err as { Region?: unknown; message?: unknown; $response?: { headers?: Record<string, string> } };
  if (typeof e.Region === 'string' && e.Region) return e.Region;
  const header = e.$response?.headers?.['x-amz-bucket-region'];
  if (header) return header;
  const match = typeof e.message === 'string' ? /expecting '([a-z0-9-]+)'/.exec(e.message) : null;
  return match?.[1];
}
