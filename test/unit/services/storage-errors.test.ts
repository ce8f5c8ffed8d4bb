import { describe, expect, it } from 'vitest';
import { S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Destination } from '../../../src/services/interfaces.js';
import { describeStorageError, toServiceError } from '../../../src/services/storage-errors.js';
import { isMissing } from '../../../src/services/storage-error-codes.js';
import { foreignDirs, childNames, storageLayout } from '../../../src/services/storage-layout.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const dest: S3Destination = {
  bucket: 'snaps',
  region: 'us-east-1',
  endpoint: 'https://minio.example:9000',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
};

function s3Error(name: string, status: number, message = name, extra: Record<string, unknown> = {}): S3ServiceException {
  return Object.assign(new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message }), extra);
}

function sysError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code, $metadata: { attempts: 2 } });
}

describe('describeStorageError', () => {
  it('maps credential and permission errors', () => {
    expect(describeStorageError(s3Error('InvalidAccessKeyId', 403), dest, 'bucket')).toEqual({
      kind: 'unauthorized',
      message: 'Access key ID ••••MPLE is not known at https://minio.example:9000',
      hint: 'Check the access key ID: it may be mistyped or deleted',
    });
    expect(describeStorageError(s3Error('SignatureDoesNotMatch', 403), dest, 'bucket').message)
      .toBe('The secret access key does not match access key ID ••••MPLE');
    expect(describeStorageError(s3Error('AccessDenied', 403), dest, 'delete')).toMatchObject({
      kind: 'forbidden', message: 'Access key ID ••••MPLE may not delete objects in bucket "snaps"',
    });
    expect(describeStorageError(s3Error('ExpiredToken', 400), dest, 'read').kind).toBe('unauthorized');
  });

  it('reads a body-less HEAD answer by its status', () => {
    expect(describeStorageError(s3Error('UnknownError', 403), dest, 'bucket').kind).toBe('forbidden');
    expect(describeStorageError(s3Error('NotFound', 404), dest, 'bucket')).toMatchObject({
      kind: 'no-bucket', message: 'Bucket "snaps" does not exist at https://minio.example:9000',
    });
  });

  it('maps clock skew and a wrong region', () => {
    expect(describeStorageError(s3Error('RequestTimeTooSkewed', 403), dest, 'bucket').kind).toBe('clock-skew');
    const aws = { ...dest, endpoint: undefined };
    const wrongRegion = s3Error('AuthorizationHeaderMalformed', 400, "the region 'us-east-1' is wrong; expecting 'eu-west-3'");
    expect(describeStorageError(wrongRegion, aws, 'bucket')).toEqual({
      kind: 'invalid', message: 'Bucket "snaps" is not in region "us-east-1"; it is in "eu-west-3"', hint: 'Set the region to eu-west-3',
    });
  });

  it('names host:port for network failures, also inside an AggregateError', () => {
    const refused = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'connect failed');
    expect(describeStorageError(refused, dest, 'bucket')).toMatchObject({ kind: 'unreachable', message: 'Connection to minio.example:9000 refused' });
    const timeout = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'), { name: 'TimeoutError' });
    expect(describeStorageError(timeout, dest, 'bucket').message).toBe('Cannot reach minio.example:9000: no connection within 5 s');
    const silent = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(describeStorageError(silent, dest, 'bucket').message).toBe('Cannot reach minio.example:9000: connected, but no answer within 15 s');
    expect(describeStorageError(sysError('EHOSTUNREACH'), dest, 'bucket').message).toBe('Cannot reach minio.example:9000: no route to the host');
    const dns = describeStorageError(sysError('ENOTFOUND'), { ...dest, endpoint: 'http://minio.minio.svc.cluster.local' }, 'bucket');
    expect(dns).toMatchObject({ kind: 'unreachable', message: 'Host "minio.minio.svc.cluster.local" not found (DNS lookup failed for minio.minio.svc.cluster.local:80)' });
    expect(dns.hint).toMatch(/in-cluster service name/);
  });

  it('maps TLS verification errors with an actionable hint', () => {
    expect(describeStorageError(sysError('SELF_SIGNED_CERT_IN_CHAIN'), dest, 'bucket')).toEqual({
      kind: 'tls',
      message: 'The certificate of minio.example:9000 is not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
      hint: "add the CA certificate (PEM) that signed the server's certificate",
    });
    expect(describeStorageError(sysError('ERR_TLS_CERT_ALTNAME_INVALID'), dest, 'bucket').message).toMatch(/not issued for that host name/);
    expect(describeStorageError(sysError('CERT_HAS_EXPIRED'), dest, 'bucket').message).toMatch(/is expired/);
  });

  it('scrubs the secret and the full key ID from anything the server says', () => {
    const echo = s3Error('InternalError', 500, `failed for ${dest.credentials?.accessKeyId} with ${secret}`);
    const failure = describeStorageError(echo, dest, 'read');
    expect(failure.kind).toBe('unknown');
    expect(failure.hint).toMatch(/problem on its side/);
    expect(failure.message).not.toContain(secret);
    expect(failure.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(failure.message).toContain('••••MPLE');
  });
});

describe('toServiceError and isMissing', () => {
  it('turns a missing bucket into not-found', () => {
    expect(toServiceError(s3Error('NoSuchBucket', 404), dest, 'list')).toMatchObject({ name: 'ServiceError', kind: 'not-found' });
  });

  it('treats missing keys, not missing buckets, as missing objects', () => {
    expect(isMissing(s3Error('NoSuchKey', 404))).toBe(true);
    expect(isMissing(s3Error('NoSuchBucket', 404))).toBe(false);
    expect(isMissing(s3Error('AccessDenied', 403))).toBe(false);
    expect(isMissing(sysError('ECONNREFUSED'))).toBe(false);
  });
});

describe('storage layout', () => {
  it('builds Velero keys with and without a prefix', () => {
    const l = storageLayout('/velero/');
    expect(l.backupLog('b1')).toBe('velero/backups/b1/b1-logs.gz');
    expect(l.backupResourceList('b1')).toBe('velero/backups/b1/b1-resource-list.json.gz');
    expect(l.restoreResults('r1')).toBe('velero/restores/r1/restore-r1-results.gz');
    expect(l.probeKey('x')).toBe('velero/metadata/.snapshots-tui-probe-x');
    expect(storageLayout(undefined).backupMetadata('b1')).toBe('backups/b1/velero-backup.json');
  });

  it('finds foreign folders and child names', () => {
    expect(foreignDirs(['v/backups/', 'v/zeta/', 'v/kopia/', 'v/alpha/'], 'v/')).toEqual(['alpha', 'zeta']);
    expect(childNames(['v/backups/b2/', 'v/backups/b1/'], 'v/backups/')).toEqual(['b2', 'b1']);
  });
});
