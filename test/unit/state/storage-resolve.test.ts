import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../../src/services/demo/index.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { reconnect, shutdown } from '../../../src/state/session.js';
import { readCaFile, resolveLocation } from '../../../src/state/storage.js';
import { emptyForm, type FormContext, type StorageForm } from '../../../src/state/storage-form.js';
import { makeTestTls } from '../../helpers/tls.js';

let ctx: EffectContext | undefined;
afterEach(() => ctx && shutdown(ctx));

async function connected() {
  const backend = createDemoBackend({ tick: 5 });
  ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => backend });
  await reconnect(ctx);
  return { ctx };
}

const fctx: FormContext = { storedKeys: true, storedCa: false, internalStores: [] };
const s3compat = (patch: Partial<StorageForm> = {}): StorageForm => ({
  ...emptyForm(),
  type: 's3-compatible',
  endpoint: 'http://s3.lab:9000',
  bucket: 'new-bucket',
  prefix: 'velero',
  accessKeyId: 'NEWKEYID0001',
  secretAccessKey: 'new-secret-value',
  ...patch,
});
const iniOf = (id: string, secret: string) => `[default]\naws_access_key_id=${id}\naws_secret_access_key=${secret}\n`;

describe('resolveLocation', () => {
  it('keeps the stored keys for empty key fields, and carries over unshown settings', async () => {
    const { ctx } = await connected();
    const resolved = await resolveLocation(ctx, s3compat({ accessKeyId: '', secretAccessKey: '' }), fctx);
    expect(resolved.composed.secret?.data.cloud).toBe(iniOf(DEMO_ACCESS_KEY, DEMO_SECRET_KEY));
    const mixed = await resolveLocation(ctx, s3compat({ accessKeyId: '', secretAccessKey: 'rotated' }), fctx);
    expect(mixed.composed.secret?.data.cloud).toBe(iniOf(DEMO_ACCESS_KEY, 'rotated'));
    expect(mixed.dest.credentials).toEqual({ accessKeyId: DEMO_ACCESS_KEY, secretAccessKey: 'rotated' });
    expect(mixed.dest.endpoint).toBe('http://s3.lab:9000');
  });

  it('validates internal storage through the node URL while Velero gets the in-cluster one', async () => {
    const { ctx } = await connected();
    const form = s3compat({ type: 'internal', endpoint: 'http://minio.minio', publicUrl: 'http://10.96.0.20' });
    const { composed, dest } = await resolveLocation(ctx, form, fctx);
    expect(composed.location.spec.config).toEqual({
      region: 'us-east-1',
      s3Url: 'http://minio.minio',
      s3ForcePathStyle: 'true',
      publicUrl: 'http://10.96.0.20',
      checksumAlgorithm: '',
    });
    expect(dest.endpoint).toBe('http://10.96.0.20');
  });

  it('reads the CA file as PEM, and refuses what is not one', async () => {
    const { ctx } = await connected();
    const dir = mkdtempSync(join(tmpdir(), 'storage-ca-'));
    try {
      const pem = makeTestTls().caCert;
      writeFileSync(join(dir, 'ca.pem'), pem);
      writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
      const { composed, dest } = await resolveLocation(ctx, s3compat({ caFile: join(dir, 'ca.pem') }), fctx);
      expect(composed.location.spec.objectStorage.caCert).toBe(Buffer.from(pem).toString('base64'));
      expect(dest.caCert).toBe(pem);
      expect(await readCaFile(join(dir, 'nope.pem'))).toEqual({ error: `No file at ${join(dir, 'nope.pem')}` });
      expect(await readCaFile(dir)).toEqual({ error: `${dir} is a folder; give the path of the PEM file` });
      expect(await readCaFile(join(dir, 'key.pem'))).toEqual({ error: expect.stringMatching(/must be PEM text starting with -----BEGIN CERTIFICATE-----/) });
      await expect(resolveLocation(ctx, s3compat({ caFile: join(dir, 'key.pem') }), fctx)).rejects.toThrow(/a private key is not a certificate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
