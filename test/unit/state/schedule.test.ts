// The schedule actions against the demo backend: the exact objects written
// (its calls log), pause/resume keeping settings, refusals writing nothing,
// and retention applied to existing snapshots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoBackend, type DemoBackend } from '../../../src/services/demo/index.js';
import type { Schedule } from '../../../src/services/model.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { applyRetentionToExisting, currentRetentionTtl, previewRetention, saveSchedule, setSchedulePaused } from '../../../src/state/schedule.js';
import { settingsOf } from '../../../src/state/schedule-model.js';
import { reconnect } from '../../../src/state/session.js';

const BASE = new Date('2025-06-12T09:30:00Z');
let backend: DemoBackend;
let ctx: EffectContext;

beforeEach(async () => {
  backend = createDemoBackend({ now: () => BASE });
  backend.demo.pause();
  ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => backend, now: () => BASE });
  await reconnect(ctx);
  await until(() => ctx.store.getState().loaded.Schedule === true);
});
afterEach(() => backend.close());

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('condition not reached');
}

const writes = () => backend.demo.calls.filter((c) => ['create', 'update', 'delete', 'setBackupExpiration'].includes(c.method));
const stored = (name: string) => ctx.store.getState().objects.Schedule[name];

describe('saveSchedule', () => {
  it('creates <slug>-partial with the exact Schedule Velero needs', async () => {
    expect(currentRetentionTtl(ctx.store.getState(), 'partial')).toBe('720h0m0s');
    await saveSchedule(ctx, 'partial', { enabled: true, cron: '0 0 * * *', retention: { value: 2, unit: 'weeks' } });
    expect(writes()).toEqual([
      {
        method: 'create',
        args: [
          'Schedule',
          {
            apiVersion: 'velero.io/v1',
            kind: 'Schedule',
            metadata: { name: 'harness-partial', namespace: 'velero', annotations: { 'kots.io/snapshot-trigger': 'schedule' } },
            spec: {
              schedule: '0 0 * * *',
              template: {
                includeClusterResources: true,
                storageLocation: 'default',
                ttl: '336h0m0s',
                defaultVolumesToFsBackup: false,
                includedNamespaces: ['harness'],
                labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } },
              },
              paused: false,
              skipImmediately: true,
              useOwnerReferencesInBackup: false,
            },
          },
        ],
      },
    ]);
    await until(() => Boolean(stored('harness-partial')));
    expect(currentRetentionTtl(ctx.store.getState(), 'partial')).toBe('336h0m0s');
    backend.demo.step();
    await until(() => stored('harness-partial')?.status?.phase === 'Enabled');
  });

  it('updates the full schedule another tool created (found by shape), not a duplicate', async () => {
    await saveSchedule(ctx, 'full', { enabled: true, cron: '0 3 * * *', retention: { value: 1, unit: 'weeks' } });
    const calls = writes();
    expect(calls.map((c) => [c.method, (c.args[1] as Schedule).metadata.name])).toEqual([['update', 'snapshots-full']]);
    const written = calls[0]!.args[1] as Schedule;
    expect(written.metadata.annotations).toEqual({ 'kots.io/instance': 'true', 'kots.io/snapshot-trigger': 'schedule' });
    expect(written.spec).toMatchObject({
      schedule: '0 3 * * *',
      paused: false,
      skipImmediately: true,
      template: { ttl: '168h0m0s', includedNamespaces: ['kotsadm', 'harness'], orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }] },
    });
    await until(() => stored('snapshots-full')?.spec.schedule === '0 3 * * *');
    expect(Object.keys(ctx.store.getState().objects.Schedule)).toEqual(['snapshots-full']);
    expect(currentRetentionTtl(ctx.store.getState(), 'full')).toBe('168h0m0s');
  });

  it('writes nothing for an invalid cron or retention', async () => {
    await expect(saveSchedule(ctx, 'full', { enabled: true, cron: '0 0 * * * *', retention: { value: 1, unit: 'months' } })).rejects.toThrow(
      /Schedule not saved: 6 fields: Velero does not accept a seconds/,
    );
    await expect(saveSchedule(ctx, 'full', { enabled: true, cron: '@daily', retention: { value: 0, unit: 'months' } })).rejects.toThrow(/retention/);
    expect(writes()).toEqual([]);
  });
});

describe('setSchedulePaused', () => {
  it('pauses and resumes keeping the cron and retention', async () => {
    const before = settingsOf(stored('snapshots-full'));
    await setSchedulePaused(ctx, 'full', true);
    await until(() => stored('snapshots-full')?.spec.paused === true);
    expect(settingsOf(stored('snapshots-full'))).toEqual({ ...before, enabled: false });
    await setSchedulePaused(ctx, 'full', false);
    await until(() => stored('snapshots-full')?.spec.paused === false);
    expect(settingsOf(stored('snapshots-full'))).toEqual(before);
    const specs = writes().map((c) => (c.args[1] as Schedule).spec);
    expect(specs.map((s) => [s.paused, s.schedule, s.template.ttl, s.skipImmediately])).toEqual([
      [true, '0 0 * * *', '720h0m0s', true],
      [false, '0 0 * * *', '720h0m0s', true],
    ]);
  });

  it('refuses when there is no schedule of that kind', async () => {
    await expect(setSchedulePaused(ctx, 'partial', true)).rejects.toThrow('There is no partial snapshot schedule yet; set one up first.');
    expect(writes()).toEqual([]);
  });
});

describe('applyRetentionToExisting', () => {
  it('rewrites the expiration of finished full snapshots; those past it are then collected', async () => {
    await saveSchedule(ctx, 'full', { enabled: true, cron: '0 0 * * *', retention: { value: 1, unit: 'weeks' } });
    await until(() => currentRetentionTtl(ctx.store.getState(), 'full') === '168h0m0s');
    const preview = previewRetention(ctx.store.getState(), 'full', BASE)!;
    expect(preview.sooner.filter((c) => c.pastDue).map((c) => c.name)).toEqual(['instance-t9x6l']);
    expect(preview.later).toEqual([]);

    const result = await applyRetentionToExisting(ctx, 'full');
    const expirations = writes().filter((c) => c.method === 'setBackupExpiration');
    expect(expirations.map((c) => c.args[0])).toEqual(result.changed);
    expect(result.changed.sort()).toEqual(preview.sooner.map((c) => c.name).sort());
    expect(result.failed).toEqual([]);
    const older = expirations.find((c) => c.args[0] === 'instance-t9x6l')!;
    expect(older.args[1]).toBe(preview.sooner.find((c) => c.name === 'instance-t9x6l')!.next);
    // Partial snapshots are left alone.
    expect(result.changed.some((n) => n.startsWith('harness-'))).toBe(false);

    for (let i = 0; i < 10; i++) backend.demo.step();
    const requests = await backend.velero('velero').list('DeleteBackupRequest');
    expect(requests.map((r) => r.spec.backupName)).toEqual(['instance-t9x6l']);
  });
});
