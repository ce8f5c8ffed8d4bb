import { describe, expect, it } from 'vitest';
import type { BackupStorageLocation } from '../../../src/services/model.js';
import {
  emptyForm,
  fieldError,
  firstInvalid,
  formErrors,
  formFromLocation,
  visibleFields,
  withStore,
  withType,
  type FormContext,
  type StorageForm,
} from '../../../src/state/storage-form.js';

const none: FormContext = { storedKeys: false, storedCa: false, internalStores: [] };
const stored: FormContext = { ...none, storedKeys: true, storedKeyMasked: '••••WXYZ' };
const withMinio: FormContext = {
  ...none,
  internalStores: [{ id: 'minio', label: 'MinIO', namespace: 'minio', inClusterUrl: 'http://minio.minio', credentials: { secret: 'minio/minio-credentials', maskedKeyId: '••••1234' } }],
};

const aws = (patch: Partial<StorageForm> = {}): StorageForm => ({
  ...emptyForm(),
  bucket: 'snapshots-prod',
  accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
  secretAccessKey: 'abc/def+ghi',
  ...patch,
});

describe('visible fields', () => {
  it('Amazon S3 with keys, and without them when the instance role is used', () => {
    expect(visibleFields(aws(), none)).toEqual(['type', 'bucket', 'prefix', 'region', 'auth', 'accessKeyId', 'secretAccessKey', 'accessMode']);
    expect(visibleFields(aws({ auth: 'instance-role' }), none)).toEqual(['type', 'bucket', 'prefix', 'region', 'auth', 'accessMode']);
  });
  it('S3-compatible has an endpoint and a CA certificate, and always keys', () => {
    expect(visibleFields(aws({ type: 's3-compatible', auth: 'instance-role' }), none)).toEqual([
      'type', 'endpoint', 'region', 'bucket', 'prefix', 'accessKeyId', 'secretAccessKey', 'caFile', 'accessMode',
    ]);
  });
  it('internal storage offers found stores, and hides key fields when the store has its own Secret', () => {
    expect(visibleFields(aws({ type: 'internal' }), none)).toEqual([
      'type', 'endpoint', 'publicUrl', 'region', 'bucket', 'prefix', 'accessKeyId', 'secretAccessKey', 'caFile', 'accessMode',
    ]);
    const picked = withType(aws(), 'internal', withMinio);
    expect(picked.internalStore).toBe('minio');
    expect(visibleFields(picked, withMinio)).toEqual(['type', 'internalStore', 'endpoint', 'publicUrl', 'region', 'bucket', 'prefix', 'caFile', 'accessMode']);
    expect(visibleFields(withStore(picked, 'manual', withMinio), withMinio)).toContain('secretAccessKey');
  });
});

describe('field errors', () => {
  it('uses the input validators, AWS-strict only for Amazon S3', () => {
    expect(fieldError('bucket', aws({ bucket: 'My_Bucket' }), none)).toBe('Bucket "My_Bucket" contains "M"; use lowercase letters, digits, dots and hyphens only');
    expect(fieldError('region', aws({ region: 'minio' }), none)).toMatch(/not an AWS region/);
    expect(fieldError('region', aws({ type: 's3-compatible', region: 'minio' }), none)).toBeUndefined();
    expect(fieldError('endpoint', aws({ type: 's3-compatible', endpoint: 'ftp://x' }), none)).toMatch(/only http and https/);
    expect(fieldError('endpoint', aws({ endpoint: '' }), none)).toBeUndefined();
    expect(fieldError('prefix', aws({ prefix: '/velero' }), none)).toMatch(/starts with "\/"/);
  });
  it('empty key fields are fine only when keys are stored (they are kept)', () => {
    const blank = aws({ accessKeyId: '', secretAccessKey: '' });
    expect(fieldError('accessKeyId', blank, none)).toBe('Access key ID is required');
    expect(fieldError('secretAccessKey', blank, none)).toBe('Secret access key is required');
    expect(fieldError('accessKeyId', blank, stored)).toBeUndefined();
    expect(fieldError('secretAccessKey', blank, stored)).toBeUndefined();
  });
  it('never echoes the access key ID or the secret', () => {
    const form = aws({ accessKeyId: 'akia-lower-case-id', secretAccessKey: ' sp ace ' });
    const all = Object.values(formErrors(form, none)).join('\n');
    expect(all).toContain('Secret access key starts or ends with a space');
    expect(all).toContain('••••e-id');
    expect(all).not.toContain('akia-lower-case-id');
    expect(all).not.toContain('sp ace');
  });
  it('reports the CA file check for the path it was made for only', () => {
    const form = aws({ type: 's3-compatible', endpoint: 'https://s3.local', caFile: '/etc/ca.pem' });
    expect(fieldError('caFile', form, { ...none, caCheck: { path: '/etc/ca.pem', error: 'No file at /etc/ca.pem' } })).toBe('No file at /etc/ca.pem');
    expect(fieldError('caFile', form, { ...none, caCheck: { path: '/other.pem', error: 'No file at /other.pem' } })).toBeUndefined();
    expect(fieldError('caFile', { ...form, caFile: 'none' }, { ...none, caCheck: { path: 'none', error: 'x' } })).toBeUndefined();
  });
  it('first invalid field follows the order on screen', () => {
    const form = aws({ type: 's3-compatible', endpoint: 'nope', bucket: '', accessKeyId: '' });
    expect(firstInvalid(form, none)).toBe('endpoint');
    expect(firstInvalid({ ...form, endpoint: 'http://minio:9000' }, none)).toBe('bucket');
    expect(firstInvalid({ ...form, endpoint: 'http://minio:9000', bucket: 'velero' }, none)).toBe('accessKeyId');
    expect(firstInvalid({ ...form, endpoint: 'http://minio:9000', bucket: 'velero', accessKeyId: 'minio' }, none)).toBeUndefined();
  });
});

describe('prefill', () => {
  const bsl = (config: Record<string, string>, extra: Partial<BackupStorageLocation['spec']> = {}): BackupStorageLocation => ({
    metadata: { name: 'default' },
    spec: { provider: 'aws', objectStorage: { bucket: 'b1', prefix: 'p1' }, config, ...extra },
  });
  it('S3-compatible location, keys left empty to keep them', () => {
    const form = formFromLocation(bsl({ region: 'minio', s3Url: 'http://minio:9000', s3ForcePathStyle: 'true' }, { accessMode: 'ReadOnly' }), true);
    expect(form).toMatchObject({ type: 's3-compatible', endpoint: 'http://minio:9000', region: 'minio', bucket: 'b1', prefix: 'p1', accessMode: 'ReadOnly', auth: 'keys' });
    expect(form.accessKeyId).toBe('');
    expect(form.secretAccessKey).toBe('');
  });
  it('AWS location without keys uses the instance role; internal keeps its node URL', () => {
    expect(formFromLocation(bsl({ region: 'eu-west-3' }), false)).toMatchObject({ type: 'aws', auth: 'instance-role', region: 'eu-west-3' });
    expect(formFromLocation(bsl({ region: 'us-east-1', s3Url: 'http://minio.minio', publicUrl: 'http://10.0.0.5' }), true)).toMatchObject({
      type: 'internal',
      endpoint: 'http://minio.minio',
      publicUrl: 'http://10.0.0.5',
    });
  });
});
