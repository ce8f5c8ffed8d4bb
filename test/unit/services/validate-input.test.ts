import { beforeAll, describe, expect, it } from 'vitest';
import {
  validateAccessKeyId, validateBucketName, validateCaCertificate, validateEndpoint, validatePrefix, validateRegion,
  validateSecretAccessKey,
} from '../../../src/services/validate-input.js';
import { makeTestTls, type TestTls } from '../../helpers/tls.js';

describe('validateBucketName', () => {
  it('accepts valid names', () => {
    for (const name of ['abc', 'my-bucket', 'snaps.example.com', 'a'.repeat(63), '1bucket9']) {
      expect(validateBucketName(name)).toBeUndefined();
    }
  });

  it('names the bad value and the rule', () => {
    expect(validateBucketName('')).toBe('Bucket is required');
    expect(validateBucketName('ab')).toBe('Bucket "ab" is 2 characters long; names have 3 to 63 characters');
    expect(validateBucketName('a'.repeat(64))).toMatch(/64 characters long/);
    expect(validateBucketName('My_Bucket')).toBe('Bucket "My_Bucket" contains "M"; use lowercase letters, digits, dots and hyphens only');
    expect(validateBucketName('bucket/velero')).toMatch(/contains "\/": put only the bucket name here and the folder in Prefix/);
    expect(validateBucketName('-bucket')).toBe('Bucket "-bucket" must start and end with a lowercase letter or a digit');
    expect(validateBucketName('bucket.')).toMatch(/must start and end/);
    expect(validateBucketName('a..b')).toMatch(/two dots in a row/);
    expect(validateBucketName('192.168.1.10')).toMatch(/looks like an IP address/);
    expect(validateBucketName('xn--bucket')).toMatch(/reserved prefix "xn--"/);
    expect(validateBucketName('data-s3alias')).toMatch(/reserved suffix "-s3alias"/);
  });
});

describe('validateEndpoint', () => {
  it('accepts http and https URLs with a port or a path', () => {
    for (const url of ['http://10.0.0.5:9000', 'https://s3.example.com', 'https://gw.example.com/s3', 'http://[::1]:9000']) {
      expect(validateEndpoint(url)).toBeUndefined();
    }
  });

  it('rejects what the S3 client cannot use', () => {
    expect(validateEndpoint('')).toMatch(/required/);
    expect(validateEndpoint('minio:9000')).toBe('Endpoint "minio:9000" uses "minio"; only http and https are allowed');
    expect(validateEndpoint('s3.example.com')).toBe('Endpoint "s3.example.com" is not a URL; write it as http://host:port or https://host:port');
    expect(validateEndpoint('ftp://files.example.com')).toMatch(/uses "ftp"; only http and https/);
    expect(validateEndpoint('https://user:pw@s3.example.com')).toMatch(/must not contain a user name or password/);
    expect(validateEndpoint('https://s3.example.com/?x=1')).toMatch(/must not have a query/);
  });
});

describe('validateRegion', () => {
  it('wants the AWS form for AWS and only sane characters otherwise', () => {
    for (const r of ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'us-gov-west-1']) expect(validateRegion(r)).toBeUndefined();
    expect(validateRegion('US-East-1')).toBe('Region "US-East-1" is not an AWS region; use the form us-east-1 or eu-west-3');
    expect(validateRegion('useast1')).toMatch(/not an AWS region/);
    expect(validateRegion('')).toMatch(/required, e.g. us-east-1/);
    expect(validateRegion('minio', false)).toBeUndefined();
    expect(validateRegion('default', false)).toBeUndefined();
    expect(validateRegion('my region', false)).toBe('Region "my region" may contain only letters, digits, "-" and "_"');
  });
});

describe('validateCaCertificate', () => {
  let tls: TestTls;
  beforeAll(() => {
    tls = makeTestTls();
  });

  it('accepts a certificate and a bundle, and an empty field', () => {
    expect(validateCaCertificate(tls.caCert)).toBeUndefined();
    expect(validateCaCertificate(`${tls.caCert}\n${tls.serverCert}`)).toBeUndefined();
    expect(validateCaCertificate('  ')).toBeUndefined();
  });

  it('rejects non-PEM text, a private key, and damaged blocks', () => {
    expect(validateCaCertificate('hello')).toMatch(/must be PEM text starting with -----BEGIN CERTIFICATE-----/);
    expect(validateCaCertificate(tls.serverKey)).toMatch(/a private key is not a certificate/);
    const damaged = tls.serverCert.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(validateCaCertificate(`${tls.caCert}${damaged}`)).toBe('Certificate 2 of 2 is not a valid PEM certificate (damaged or truncated base64)');
  });

  it('rejects an expired or not yet valid certificate, naming its subject', () => {
    const later = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    expect(validateCaCertificate(tls.caCert, later)).toMatch(/^The certificate \(CN=snapshots-tui test CA\) expired on /);
    const earlier = new Date(Date.now() - 10 * 24 * 3600 * 1000);
    expect(validateCaCertificate(tls.caCert, earlier)).toMatch(/is not valid before/);
  });
});

describe('validatePrefix', () => {
  it('accepts relative folder paths and an empty prefix', () => {
    for (const p of ['', 'velero', 'clusters/prod', 'a_b-c.d/', 'v1']) expect(validatePrefix(p)).toBeUndefined();
  });

  it('rejects a leading slash, dot segments, empty segments and odd characters', () => {
    expect(validatePrefix('/velero')).toBe('Prefix "/velero" starts with "/"; write it without the leading slash, e.g. velero');
    expect(validatePrefix('a/../b')).toBe('Prefix "a/../b" contains "." or ".." as a folder; use plain folder names');
    expect(validatePrefix('..')).toMatch(/contains "\." or "\.\."/);
    expect(validatePrefix('a//b')).toMatch(/contains "\/\/"/);
    expect(validatePrefix('my backups')).toBe('Prefix "my backups" contains "a space"; use letters, digits and - _ . / only');
    expect(validatePrefix('a\\b')).toMatch(/contains "\\"/);
  });
});

describe('validateAccessKeyId', () => {
  it('accepts AWS IDs and, when not strict, other servers\' IDs', () => {
    expect(validateAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(validateAccessKeyId('minioadmin', false)).toBeUndefined();
  });

  it('rejects bad IDs while showing them only masked', () => {
    expect(validateAccessKeyId('')).toBe('Access key ID is required');
    expect(validateAccessKeyId('akiaiosfodnn7example')).toBe('Access key ID ••••mple must contain only uppercase letters and digits');
    expect(validateAccessKeyId('AKIASHORT')).toBe('Access key ID ••••HORT is 9 characters long; AWS IDs have 16 to 128');
    expect(validateAccessKeyId('AKIA IOSFODNN7EXAMPLE')).toMatch(/contains a space/);
    expect(validateAccessKeyId('ab', false)).toBe('Access key ID ••••b is 2 characters long; use 3 to 128');
    expect(validateAccessKeyId('clé-accès', false)).toMatch(/printable ASCII/);
  });
});

describe('validateSecretAccessKey', () => {
  it('never echoes the secret', () => {
    expect(validateSecretAccessKey('wJalrXUtnFEMI/K7MDENG')).toBeUndefined();
    expect(validateSecretAccessKey('')).toBe('Secret access key is required');
    const padded = validateSecretAccessKey(' wJalrXUtnFEMI ');
    expect(padded).toBe('Secret access key starts or ends with a space or line break');
    expect(validateSecretAccessKey('wJalr XUtnFEMI')).toBe('Secret access key contains a space or line break');
  });
});
