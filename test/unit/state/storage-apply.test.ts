import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, type DemoSeed } from '../../../src/services/demo/index.js';
import { ServiceError, type ClusterService, type VeleroService } from '../../../src/services/interfaces.js';
import type { BackupStorageLocation } from '../../../src/services/model.js';
import { destinationTypeOf, KEYLESS_CREDENTIALS } from '../../../src/services/storage-location.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { reconnect, shutdown } from '../../../src/state/session.js';
import { resolveLocation } from '../../../src/state/storage.js';
import { applyStorage, checkDestination } from '../../../src/state/storage-apply.js';
import { waitForSync, waitForVerdict } from '../../../src/state/storage-watch.js';
import { emptyForm, type FormContext, type StorageForm } from '../../../src/state/storage-form.js';

const open: EffectContext[] = [];
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};
afterEach(() => {
  for (const ctx of open.splice(0)) shutdown(ctx);
});

async function connected(seed: DemoSeed = 'default') {
  const backend = createDemoBackend({ tick: 5, seed });
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => backend });
  open.push(ctx);
  await reconnect(ctx);
  return { ctx, backend, calls: backend.demo.calls };
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

/** Replaces methods of the session's Velero service (to make one write fail). */
function patchVelero(ctx: EffectContext, patch: Partial<VeleroService>) {
  const session = ctx.session!;
  session.velero = { ...session.velero, ...patch } as VeleroService;
}

describe('checkDestination', () => {
  it('a failed check records the step, message and hint, skips the rest and writes nothing', async () => {
    const { ctx, calls } = await connected();
    const resolved = await resolveLocation(ctx, s3compat({ bucket: 'missing-bucket' }), fctx);
    expect(await checkDestination(ctx, resolved, 'save')).toBe(false);
    const run = ctx.store.getState().storageRun!;
    expect(run.stage).toBe('invalid');
    expect(run.steps).toEqual({ reach: 'ok', bucket: 'failed', write: 'skipped', read: 'skipped', delete: 'skipped', layout: 'skipped' });
    expect(run.failure).toEqual({
      step: 'bucket',
      message: 'Bucket "missing-bucket" does not exist at http://s3.lab:9000',
      hint: 'Create the bucket first, or check the bucket name and endpoint',
      foreignEntries: undefined,
    });
    expect(calls).toEqual([]);
  });

  it('read-only locations pass without write access and count the snapshots instead', async () => {
    const { ctx, backend } = await connected();
    backend.demo.failNext('validate', 'Access Denied on PutObject');
    const resolved = await resolveLocation(ctx, s3compat({ bucket: 'harness-snapshots', prefix: 'cluster-a', accessMode: 'ReadOnly' }), fctx);
    expect(await checkDestination(ctx, resolved, 'validate')).toBe(true);
    const run = ctx.store.getState().storageRun!;
    expect(run.stage).toBe('validated');
    expect(run.note).toMatch(/cannot write to the bucket: fine for a read-only location/);
    expect(run.steps).toMatchObject({ reach: 'ok', bucket: 'ok', write: 'skipped', layout: 'ok' });
    expect(run.bucketBackups).toBe(8);
  });

  it('under --readonly the check writes nothing to the bucket and says write access was not tested', async () => {
    const backend = createDemoBackend({ tick: 5 });
    const ctx = createEffectContext({ demo: true, readonly: true, options: {}, open: async () => backend });
    open.push(ctx);
    await reconnect(ctx);
    const asked: unknown[] = [];
    const validate = backend.storage.validate.bind(backend.storage);
    backend.storage.validate = (dest, onStep, opts) => (asked.push(opts), validate(dest, onStep, opts));
    expect(await checkDestination(ctx, await resolveLocation(ctx, s3compat(), fctx), 'validate')).toBe(true);
    expect(asked).toEqual([{ writeProbe: false }]);
    const run = ctx.store.getState().storageRun!;
    expect(run.steps).toEqual({ reach: 'ok', bucket: 'ok', write: 'skipped', read: 'skipped', delete: 'skipped', layout: 'ok' });
    expect(run.note).toBe('Read-only mode (--readonly): nothing was written to the bucket, so write access was not tested; snapshots were listed instead.');
    expect(backend.demo.calls).toEqual([]);
  });

  it('the same write failure fails a read-write location', async () => {
    const { ctx, backend } = await connected();
    backend.demo.failNext('validate', 'Access Denied on PutObject');
    const resolved = await resolveLocation(ctx, s3compat(), fctx);
    expect(await checkDestination(ctx, resolved, 'validate')).toBe(false);
    expect(ctx.store.getState().storageRun!.failure?.message).toBe('Access Denied on PutObject');
  });
});

describe('applyStorage', () => {
  it('when the BSL write fails after the Secret changed, the previous Secret is restored and the run says so', async () => {
    const { ctx, calls } = await connected();
    const before = ctx.store.getState().objects.BackupStorageLocation.default;
    patchVelero(ctx, {
      update: async () => {
        throw new ServiceError('conflict', 'Operation cannot be fulfilled on backupstoragelocations.velero.io "default": the object has been modified');
      },
    });
    const resolved = await resolveLocation(ctx, s3compat(), fctx);
    await expect(applyStorage(ctx, resolved)).rejects.toThrow(/the object has been modified/);
    expect(calls.map((c) => [c.method, c.args[1], c.args[2]])).toEqual([
      ['putSecret', 'cloud-credentials', { cloud: iniOf('NEWKEYID0001', 'new-secret-value') }],
      ['putSecret', 'cloud-credentials', { cloud: iniOf(DEMO_ACCESS_KEY, DEMO_SECRET_KEY) }],
    ]);
    const run = ctx.store.getState().storageRun!;
    expect(run.stage).toBe('write-failed');
    expect(run.writes.map((w) => [w.id, w.status])).toEqual([['secret', 'ok'], ['location', 'failed'], ['rollback', 'ok']]);
    expect(run.writeError).toContain('The previous credentials in Secret cloud-credentials were restored; the location is unchanged.');
    expect(await ctx.session!.backend.cluster.getSecret('velero', 'cloud-credentials')).toEqual({ cloud: iniOf(DEMO_ACCESS_KEY, DEMO_SECRET_KEY) });
    expect(ctx.store.getState().objects.BackupStorageLocation.default?.spec).toEqual(before?.spec);
  });

  it('says when the rollback itself fails', async () => {
    const { ctx } = await connected();
    const cluster = ctx.session!.backend.cluster;
    let puts = 0;
    const original = cluster.putSecret.bind(cluster);
    (cluster as ClusterService).putSecret = async (...args) => {
      if (++puts > 1) throw new ServiceError('unreachable', 'connection refused');
      return original(...args);
    };
    patchVelero(ctx, { update: async () => Promise.reject(new ServiceError('forbidden', 'cannot update backupstoragelocations')) });
    await expect(applyStorage(ctx, await resolveLocation(ctx, s3compat(), fctx))).rejects.toThrow();
    expect(ctx.store.getState().storageRun!.writeError).toMatch(/Restoring the previous credentials in Secret cloud-credentials FAILED \(connection refused\)/);
  });

  it('a new Secret on a cluster without one is left in place (nothing uses it) when the BSL cannot be created', async () => {
    const { ctx, calls } = await connected('empty');
    patchVelero(ctx, { create: async () => Promise.reject(new ServiceError('forbidden', 'cannot create backupstoragelocations')) });
    await expect(applyStorage(ctx, await resolveLocation(ctx, s3compat(), { ...fctx, storedKeys: false }))).rejects.toThrow();
    expect(calls.map((c) => c.method)).toEqual(['putSecret']);
    const run = ctx.store.getState().storageRun!;
    expect(run.writes.find((w) => w.id === 'rollback')?.status).toBe('skipped');
    expect(run.writeError).toContain('The new Secret cloud-credentials was left in place; no location uses it');
  });

  it('a Secret write failure changes nothing', async () => {
    const { ctx, calls } = await connected();
    const cluster = ctx.session!.backend.cluster;
    cluster.putSecret = async () => Promise.reject(new ServiceError('forbidden', 'secrets "cloud-credentials" is forbidden'));
    await expect(applyStorage(ctx, await resolveLocation(ctx, s3compat(), fctx))).rejects.toThrow();
    expect(calls).toEqual([]);
    expect(ctx.store.getState().storageRun!.writeError).toBe('Nothing was changed: secrets "cloud-credentials" is forbidden');
  });

  it('writes the BSL keeping its metadata, then reports Velero’s verdict', async () => {
    const { ctx, calls } = await connected();
    const outcome = await applyStorage(ctx, await resolveLocation(ctx, s3compat(), fctx), { verdictTimeoutMs: 5000 });
    expect(outcome.verdict).toMatchObject({ phase: 'Available' });
    const update = calls.find((c) => c.method === 'update')!.args[1] as BackupStorageLocation;
    expect(update.metadata).toMatchObject({ name: 'default', labels: { component: 'velero' } });
    expect(ctx.store.getState().storageRun?.stage).toBe('done');
  });

  it('internal storage reads back as internal; saving another kind drops only that mark', async () => {
    const { ctx, calls } = await connected();
    const internal = s3compat({ type: 'internal', endpoint: 'http://10.96.0.20:7070', publicUrl: 'http://10.96.0.20:7070' });
    await applyStorage(ctx, await resolveLocation(ctx, internal, fctx), { verdictTimeoutMs: 5000 });
    const stored = ctx.store.getState().objects.BackupStorageLocation.default!;
    expect(stored.spec.config?.publicUrl).toBeUndefined();
    expect(destinationTypeOf(stored)).toBe('internal');

    const velero = ctx.session!.velero;
    await velero.update('BackupStorageLocation', { ...stored, metadata: { ...stored.metadata, annotations: { ...stored.metadata.annotations, 'team/owner': 'ops' } } });
    await applyStorage(ctx, await resolveLocation(ctx, s3compat(), fctx), { verdictTimeoutMs: 5000 });
    const update = calls.filter((c) => c.method === 'update' && c.args[0] === 'BackupStorageLocation').at(-1)!.args[1] as BackupStorageLocation;
    expect(update.metadata.annotations).toEqual({ 'team/owner': 'ops' });
    expect(destinationTypeOf(update)).toBe('s3-compatible');
  });

  it('instance role: the old keys leave the mounted Secret, and come back if the BSL write fails', async () => {
    const { ctx, calls } = await connected();
    const secrets = ctx.session!.backend.cluster;
    const before = await secrets.getSecret('velero', 'cloud-credentials');
    expect(before?.cloud).toContain('aws_secret_access_key');
    const role = s3compat({ type: 'aws', auth: 'instance-role', endpoint: '', region: 'eu-west-3', accessKeyId: '', secretAccessKey: '' });
    patchVelero(ctx, {
      update: async () => {
        throw new ServiceError('conflict', 'the object has been modified');
      },
    });
    await expect(applyStorage(ctx, await resolveLocation(ctx, role, fctx))).rejects.toThrow(/modified/);
    expect(calls.map((c) => c.method)).toEqual(['putSecret', 'putSecret']);
    expect((calls[0]!.args[2] as Record<string, string>).cloud).toBe(KEYLESS_CREDENTIALS);
    expect(await secrets.getSecret('velero', 'cloud-credentials')).toEqual(before);
    expect(ctx.store.getState().storageRun?.writeError).toContain('The previous credentials in Secret cloud-credentials were restored');
  });

  it('instance role: the keys stay while another location reads them, and the run says why', async () => {
    const { ctx, calls } = await connected();
    const velero = ctx.session!.velero;
    await velero.create('BackupStorageLocation', {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'archive', namespace: 'velero' },
      spec: { provider: 'aws', objectStorage: { bucket: 'archive' }, config: { region: 'us-east-1' }, credential: { name: 'cloud-credentials', key: 'cloud' } },
    });
    await until(() => Boolean(ctx.store.getState().objects.BackupStorageLocation.archive));
    const role = s3compat({ type: 'aws', auth: 'instance-role', endpoint: '', region: 'eu-west-3', accessKeyId: '', secretAccessKey: '' });
    await applyStorage(ctx, await resolveLocation(ctx, role, fctx), { verdictTimeoutMs: 5000 });
    expect(calls.filter((c) => c.method === 'putSecret')).toEqual([]);
    expect(ctx.store.getState().storageRun?.writes).toContainEqual({
      id: 'secret',
      label: 'Secret velero/cloud-credentials keeps its keys: location archive reads them (Velero may use them instead of the instance role)',
      status: 'skipped',
    });
  });

  it('a check and a sync in the same second as the ones before count as news when they come after the write', async () => {
    const { ctx, backend } = await connected();
    backend.demo.setVeleroStopped(true); // only this test changes the location
    const bsl = ctx.store.getState().objects.BackupStorageLocation.default!;
    const { lastValidationTime: checked, lastSyncedTime: synced } = bsl.status!;
    const written = { resourceVersion: bsl.metadata.resourceVersion, atMs: Date.parse(checked!) + 400 };
    // The same object again (e.g. our own write coming back through the watch) is no answer.
    expect(await waitForVerdict(ctx, checked, 100, written)).toMatchObject({ timedOut: true });
    // A newer version whose times did not move (the apiserver keeps whole seconds).
    setTimeout(() => void ctx.session!.velero.update('BackupStorageLocation', bsl), 20);
    expect(await waitForVerdict(ctx, checked, 2000, written)).toEqual({ phase: 'Available', message: undefined, at: checked });
    expect(await waitForSync(ctx, synced, written, 2000)).toMatchObject({ status: 'done', at: synced });
    // Without the write to compare with, the same second stays "not yet".
    expect(await waitForVerdict(ctx, checked, 100)).toMatchObject({ timedOut: true });
  });

  it('gives up waiting for Velero after the timeout and says so', async () => {
    const { ctx, backend } = await connected();
    backend.demo.setVeleroStopped(true);
    const since = ctx.store.getState().objects.BackupStorageLocation.default?.status?.lastValidationTime;
    const watches = ctx.stops.length;
    const verdict = await waitForVerdict(ctx, since, 150);
    expect(verdict).toEqual({ phase: 'Available', message: undefined, timedOut: true });
    expect(ctx.stops.length).toBe(watches); // the verdict's own watch was closed and forgotten
  });
});
