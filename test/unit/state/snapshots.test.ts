// Snapshot actions against the demo backend (the same functions command mode uses).
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, DEMO_ACCESS_KEY, DEMO_ENDPOINT, DEMO_PREFIX, DEMO_SECRET_KEY, SEEDED_BACKUPS, type DemoBackend } from '../../../src/services/demo/index.js';
import type { Backup, DeleteBackupRequest } from '../../../src/services/model.js';
import { composeBackup } from '../../../src/services/profile.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { reconnect, shutdown } from '../../../src/state/session.js';
import { composeDeleteRequest, createSnapshot, deleteRefusal, deleteSnapshot } from '../../../src/state/snapshots.js';
import { firstError, loadSnapshotBucketInfo, loadSnapshotLog, storageDestination } from '../../../src/state/snapshots-storage.js';

const AT = new Date('2025-06-12T09:30:00Z');
const clock = () => new Date(AT);
let ctx: EffectContext | undefined;
let backend: DemoBackend | undefined;
afterEach(() => {
  if (ctx) shutdown(ctx);
  ctx = undefined;
});

async function connected(): Promise<{ ctx: EffectContext; backend: DemoBackend }> {
  backend = createDemoBackend({ now: clock });
  backend.demo.pause();
  ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => backend!, now: clock });
  await reconnect(ctx, { checkServer: false });
  return { ctx, backend };
}

const created = (b: DemoBackend, kind: string) => b.demo.calls.filter((c) => c.method === 'create' && c.args[0] === kind).map((c) => c.args[1]);

describe('createSnapshot', () => {
  it('creates exactly the composed Backup with the schedule’s TTL and returns the stored one', async () => {
    const { ctx, backend } = await connected();
    const made = await createSnapshot(ctx, 'full');
    expect(created(backend, 'Backup')).toEqual([composeBackup(backend.demo.profile, 'full', '720h0m0s', AT)]);
    expect(made.metadata.name).toMatch(/^instance-/);
    expect(ctx.store.getState().objects.Backup[made.metadata.name!]).toBeDefined();
  });

  it('refuses while another snapshot runs, creating nothing', async () => {
    const { ctx, backend } = await connected();
    await createSnapshot(ctx, 'partial');
    backend.demo.step();
    await expect(createSnapshot(ctx, 'full')).rejects.toThrow(/Cannot start a snapshot: snapshot harness-\w+ is still running/);
    expect(created(backend, 'Backup')).toHaveLength(1);
  });
});

describe('deleteSnapshot', () => {
  it('creates the DeleteBackupRequest velero backup delete would', async () => {
    const { ctx, backend } = await connected();
    const name = SEEDED_BACKUPS.olderFull;
    const uid = ctx.store.getState().objects.Backup[name]!.metadata.uid!;
    await deleteSnapshot(ctx, name);
    const expected: DeleteBackupRequest = {
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { generateName: `${name}-`, labels: { 'velero.io/backup-name': name, 'velero.io/backup-uid': uid } },
      spec: { backupName: name },
    };
    expect(created(backend, 'DeleteBackupRequest')).toEqual([expected]);
  });

  it('refuses a running snapshot and a snapshot already being deleted', async () => {
    const { ctx, backend } = await connected();
    const made = await createSnapshot(ctx, 'partial');
    backend.demo.step();
    expect(deleteRefusal(ctx, made.metadata.name!)).toMatch(/still running/);
    await deleteSnapshot(ctx, SEEDED_BACKUPS.partial);
    expect(deleteRefusal(ctx, SEEDED_BACKUPS.partial)).toMatch(/already being deleted/);
    await expect(deleteSnapshot(ctx, SEEDED_BACKUPS.partial)).rejects.toThrow(/already being deleted/);
    expect(created(backend, 'DeleteBackupRequest')).toHaveLength(1);
  });

  it('uses Velero’s hashed label value for names longer than 63 characters', () => {
    const name = `harness-${'x'.repeat(70)}`;
    const dbr = composeDeleteRequest({ metadata: { name, uid: 'u1' }, spec: {} } as Backup);
    const label = dbr.metadata.labels!['velero.io/backup-name']!;
    expect(label).toHaveLength(63);
    expect(label.startsWith(name.slice(0, 57))).toBe(true);
    expect(label.slice(57)).toMatch(/^[0-9a-f]{6}$/);
    expect(dbr.spec.backupName).toBe(name);
  });
});

describe('reading the bucket', () => {
  it('builds the destination from the default location and its credentials secret', async () => {
    const { ctx } = await connected();
    const dest = await storageDestination(ctx);
    expect(dest).toMatchObject({
      bucket: 'harness-snapshots',
      prefix: DEMO_PREFIX,
      endpoint: DEMO_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: DEMO_ACCESS_KEY, secretAccessKey: DEMO_SECRET_KEY },
    });
  });

  it('reads results, resource list, size and log of a partially failed snapshot', async () => {
    const { ctx } = await connected();
    const name = SEEDED_BACKUPS.partiallyFailedPartial;
    const info = await loadSnapshotBucketInfo(ctx, name);
    expect(info.problems).toEqual([]);
    expect(firstError(info.results)).toMatch(/^namespace harness: pod volume backup failed/);
    expect(Object.keys(info.resourceList ?? {}).length).toBeGreaterThan(0);
    expect(info.size).toBeGreaterThan(0);
    expect(await loadSnapshotLog(ctx, name)).toMatch(/level=error/);
  });

  it('reports what could not be read instead of failing', async () => {
    const { ctx, backend } = await connected();
    backend.demo.setStorageDown(true);
    const info = await loadSnapshotBucketInfo(ctx, SEEDED_BACKUPS.partial);
    expect(info.results).toBeUndefined();
    expect(info.problems.join('\n')).toMatch(/^results: /m);
  });
});
