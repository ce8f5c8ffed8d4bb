import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/interfaces.js';
import type { BackupStorageLocation } from '../../../src/services/model.js';
import {
  composeLocation, credentialRefOf, credentialsIni, destinationFromInput, destinationFromLocation, destinationTypeOf, maskAccessKey,
  parseCredentialsIni, type LocationInput,
} from '../../../src/services/storage-location.js';

const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function input(overrides: Partial<LocationInput>): LocationInput {
  return { type: 'aws', namespace: 'velero', bucket: 'snaps', region: 'eu-west-3', credentials: keys, ...overrides };
}

describe('composeLocation', () => {
  it('writes an AWS S3 location pointing at the cloud-credentials secret', () => {
    const { location, secret } = composeLocation(input({ prefix: '/cluster-a/' }));
    expect(location).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'default', namespace: 'velero' },
      spec: {
        provider: 'aws',
        objectStorage: { bucket: 'snaps', prefix: 'cluster-a' },
        config: { region: 'eu-west-3' },
        credential: { name: 'cloud-credentials', key: 'cloud' },
        default: true,
        accessMode: 'ReadWrite',
      },
    });
    expect(secret).toEqual({
      name: 'cloud-credentials',
      data: { cloud: `[default]\naws_access_key_id=${keys.accessKeyId}\naws_secret_access_key=${keys.secretAccessKey}\n` },
    });
  });

  it('writes no secret and no credential reference for an instance role', () => {
    const { location, secret } = composeLocation(input({ credentials: undefined, accessMode: 'ReadOnly' }));
    expect(secret).toBeUndefined();
    expect(location.spec.credential).toBeUndefined();
    expect(location.spec.accessMode).toBe('ReadOnly');
  });

  it('writes an S3-compatible location with path style, an empty checksum algorithm and the CA', () => {
    const { location } = composeLocation(input({
      type: 's3-compatible', endpoint: 'https://minio.example:9000', region: 'minio', caCert: pem, insecureSkipTLSVerify: true,
    }));
    expect(location.spec.config).toEqual({
      region: 'minio',
      s3Url: 'https://minio.example:9000',
      s3ForcePathStyle: 'true',
      insecureSkipTLSVerify: 'true',
      checksumAlgorithm: '',
    });
    expect(Buffer.from(location.spec.objectStorage.caCert ?? '', 'base64').toString('utf8')).toBe(pem);
  });

  it('keeps a chosen checksum algorithm for any type', () => {
    expect(composeLocation(input({ checksumAlgorithm: 'CRC32' })).location.spec.config?.checksumAlgorithm).toBe('CRC32');
    expect(composeLocation(input({ checksumAlgorithm: '' })).location.spec.config).toHaveProperty('checksumAlgorithm', '');
    const compatible = input({ type: 's3-compatible', endpoint: 'http://rgw:7480', checksumAlgorithm: 'CRC32' });
    expect(composeLocation(compatible).location.spec.config?.checksumAlgorithm).toBe('CRC32');
  });

  it('writes publicUrl for internal storage only when it differs from the in-cluster URL', () => {
    const inCluster = 'http://rook-ceph-rgw.rook-ceph.svc:80';
    const differs = composeLocation(input({ type: 'internal', endpoint: inCluster, publicUrl: 'http://10.0.0.5:30080' }));
    expect(differs.location.spec.config).toMatchObject({ s3Url: inCluster, publicUrl: 'http://10.0.0.5:30080', s3ForcePathStyle: 'true' });
    const same = composeLocation(input({ type: 'internal', endpoint: inCluster, publicUrl: inCluster }));
    expect(same.location.spec.config).not.toHaveProperty('publicUrl');
  });

  it('refuses S3-compatible storage without keys or endpoint', () => {
    expect(() => composeLocation(input({ type: 's3-compatible', endpoint: 'http://x:9000', credentials: undefined }))).toThrow(ServiceError);
    expect(() => composeLocation(input({ type: 'internal', endpoint: ' ' }))).toThrow(/endpoint URL/);
  });

  it('validates internal storage at its node-reachable address, and an instance role with no keys', () => {
    const internal = input({ type: 'internal', endpoint: 'http://rgw.rook-ceph.svc', publicUrl: 'http://10.0.0.5:30080' });
    expect(destinationFromInput(internal)).toMatchObject({ endpoint: 'http://10.0.0.5:30080', forcePathStyle: true, credentials: keys });
    expect(destinationFromInput(input({ credentials: undefined }))).toEqual({ bucket: 'snaps', region: 'eu-west-3' });
  });

  it('round-trips through destinationFromLocation', () => {
    const composed = composeLocation(input({
      type: 's3-compatible', endpoint: 'https://minio.example:9000', prefix: 'a/b', caCert: pem, insecureSkipTLSVerify: true,
    }));
    expect(destinationFromLocation(composed.location, composed.secret?.data)).toEqual({
      bucket: 'snaps',
      prefix: 'a/b',
      region: 'eu-west-3',
      endpoint: 'https://minio.example:9000',
      forcePathStyle: true,
      insecureSkipTLSVerify: true,
      caCert: pem,
      credentials: keys,
    });
  });
});

function bsl(spec: Partial<BackupStorageLocation['spec']>): BackupStorageLocation {
  return { metadata: { name: 'default' }, spec: { provider: 'aws', objectStorage: { bucket: 'snaps' }, ...spec } };
}

describe('destinationFromLocation', () => {
  it('reads the key named by spec.credential and the profile named in config', () => {
    const location = bsl({ credential: { name: 'my-creds', key: 'aws' }, config: { region: 'us-west-2', profile: 'backup' } });
    expect(credentialRefOf(location)).toEqual({ name: 'my-creds', key: 'aws' });
    const ini = `[default]\naws_access_key_id=WRONG\naws_secret_access_key=WRONG\n[backup]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`;
    expect(destinationFromLocation(location, { aws: ini }).credentials).toEqual(keys);
  });

  it('defaults to the cloud key of cloud-credentials, us-east-1, and no credentials without a secret', () => {
    const location = bsl({});
    expect(credentialRefOf(location)).toEqual({ name: 'cloud-credentials', key: 'cloud' });
    expect(destinationFromLocation(location, undefined)).toEqual({ bucket: 'snaps', region: 'us-east-1' });
  });

  it('prefers the node-reachable publicUrl over the in-cluster s3Url', () => {
    const location = bsl({ config: { s3Url: 'http://minio.minio.svc:9000', publicUrl: 'http://10.0.0.5:30900' } });
    expect(destinationFromLocation(location, undefined).endpoint).toBe('http://10.0.0.5:30900');
    expect(destinationFromLocation(bsl({ config: { s3Url: 'http://minio:9000' } }), undefined).endpoint).toBe('http://minio:9000');
  });

  it('names the secret and key when the credentials are missing, without echoing content', () => {
    const location = bsl({});
    const call = () => destinationFromLocation(location, { cloud: `[other]\naws_secret_access_key=${keys.secretAccessKey}\n` });
    expect(call).toThrow('Secret "cloud-credentials" key "cloud" has no aws_access_key_id and aws_secret_access_key in profile [default]');
    expect(() => destinationFromLocation(location, { unrelated: 'x' })).toThrow(ServiceError);
  });

  it('tells which form wrote the location', () => {
    expect(destinationTypeOf(bsl({ config: { region: 'us-east-1' } }))).toBe('aws');
    expect(destinationTypeOf(bsl({ config: { s3Url: 'http://minio:9000' } }))).toBe('s3-compatible');
    expect(destinationTypeOf(bsl({ config: { s3Url: 'http://rgw.svc', publicUrl: 'http://10.0.0.5' } }))).toBe('internal');
  });

  it('reads internal storage back as internal when the node reaches it at the in-cluster URL (no publicUrl)', () => {
    const endpoint = 'http://10.96.0.20:7070';
    const internal = composeLocation(input({ type: 'internal', endpoint, publicUrl: endpoint })).location;
    expect(internal.spec.config?.publicUrl).toBeUndefined();
    expect(destinationTypeOf(internal)).toBe('internal');
    const compatible = composeLocation(input({ type: 's3-compatible', endpoint })).location;
    expect(compatible.metadata.annotations).toBeUndefined();
    expect(destinationTypeOf(compatible)).toBe('s3-compatible');
  });
});

describe('credentials INI', () => {
  it('parses comments, spaces, CRLF and [profile x] headers', () => {
    const text = '# comment\r\n[profile velero]\r\n; another\r\naws_access_key_id =  AK \r\naws_secret_access_key=S/K=\r\n';
    expect(parseCredentialsIni(text, 'velero')).toEqual({ accessKeyId: 'AK', secretAccessKey: 'S/K=' });
    expect(parseCredentialsIni(text)).toBeUndefined();
    expect(parseCredentialsIni(credentialsIni(keys))).toEqual(keys);
  });
});

describe('maskAccessKey', () => {
  it('shows at most the last four characters, fewer for short IDs', () => {
    expect(maskAccessKey('AKIAIOSFODNN7EXAMPLE')).toBe('••••MPLE');
    expect(maskAccessKey('abcd')).toBe('••••cd');
    expect(maskAccessKey('abc')).toBe('••••c');
    expect(maskAccessKey('a')).toBe('••••');
    expect(maskAccessKey('')).toBe('');
  });
});
