import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend } from '../../../src/services/demo/index.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { reconnect, shutdown } from '../../../src/state/session.js';
import { resolveLocation } from '../../../src/state/storage.js';
import { emptyForm } from '../../../src/state/storage-form.js';
import { detectInternalStores } from '../../../src/state/storage-internal.js';

let ctx: EffectContext | undefined;
afterEach(() => ctx && shutdown(ctx));

async function connected() {
  const backend = createDemoBackend({ tick: 5 });
  ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => backend });
  await reconnect(ctx);
  return { ctx };
}

const fctx = { storedKeys: true, storedCa: false, internalStores: [] };
const s3compat = (patch: Partial<ReturnType<typeof emptyForm>> = {}) => ({ ...emptyForm(), type: 's3-compatible' as const, endpoint: 'http://s3.lab:9000', bucket: 'new-bucket', ...patch });
const iniOf = (id: string, secret: string) => `[default]\naws_access_key_id=${id}\naws_secret_access_key=${secret}\n`;

describe('detectInternalStores', () => {
  it('finds kURL object stores by Deployment and shows only masked keys from their Secret', async () => {
    const { ctx } = await connected();
    const cluster = ctx.session!.backend.cluster;
    cluster.findDeployments = async (name) => (name === 'minio' ? ['minio'] : name === 'rook-ceph-rgw-rook-ceph-store-a' ? ['rook-ceph'] : []);
    cluster.getSecret = async (ns, name) =>
      ns === 'minio' && name === 'minio-credentials' ? { MINIO_ACCESS_KEY: 'minioadminkey', MINIO_SECRET_KEY: 'minio-secret-123' } : undefined;
    const stores = await detectInternalStores(ctx);
    expect(stores).toEqual([
      { id: 'rook-ceph', label: 'Rook Ceph', namespace: 'rook-ceph', inClusterUrl: 'http://rook-ceph-rgw-rook-ceph-store.rook-ceph' },
      { id: 'minio', label: 'MinIO', namespace: 'minio', inClusterUrl: 'http://minio.minio', credentials: { secret: 'minio/minio-credentials', maskedKeyId: '••••nkey' } },
    ]);
    expect(JSON.stringify(stores)).not.toContain('minio-secret-123');
    const form = { ...s3compat({ type: 'internal', accessKeyId: '', secretAccessKey: '' }), internalStore: 'minio', endpoint: 'http://minio.minio' };
    const resolved = await resolveLocation(ctx, form, { ...fctx, internalStores: stores });
    expect(resolved.composed.secret?.data.cloud).toBe(iniOf('minioadminkey', 'minio-secret-123'));
  });
});
