import { afterEach, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import { ServiceError } from '../../../src/services/interfaces.js';
import type { Backup } from '../../../src/services/model.js';
import { composeBackup } from '../../../src/services/profile.js';
import { BASE, DEMO_DEST, pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

function partial(): Backup {
  return composeBackup(backend.demo.profile, 'partial', '168h0m0s', BASE);
}

async function phases(name: string, steps: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < steps; i++) {
    backend.demo.step();
    seen.push((await backend.velero('velero').get('Backup', name))?.status?.phase ?? 'gone');
  }
  return seen;
}

describe('demo backup lifecycle', () => {
  it('names a generateName backup deterministically and records the exact object written', async () => {
    backend = pausedBackend();
    const request = partial();
    const created = await backend.velero('velero').create('Backup', request);
    expect(created.metadata.name).toMatch(/^harness-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.status).toBeUndefined();
    expect(backend.demo.calls).toEqual([{ method: 'create', args: ['Backup', request] }]);

    const other = pausedBackend();
    const again = await other.velero('velero').create('Backup', partial());
    other.close();
    expect(again.metadata.name).toBe(created.metadata.name);
  });

  it('goes InProgress with growing progress and pod volume bytes, then Finalizing and Completed', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const { metadata } = await velero.create('Backup', partial());
    const name = metadata.name!;

    backend.demo.step();
    const started = (await velero.get('Backup', name))!;
    expect(started.status?.phase).toBe('InProgress');
    expect(started.status?.progress).toEqual({ totalItems: 21, itemsBackedUp: 0 });
    expect(started.status?.startTimestamp).toBe('2025-06-12T09:30:00Z');
    expect(started.status?.expiration).toBe('2025-06-19T09:30:00Z');
    expect(started.metadata.labels?.['velero.io/storage-location']).toBe('default');
    const pvbs = await velero.list('PodVolumeBackup', `velero.io/backup-name=${name}`);
    expect(pvbs.map((p) => `${p.spec.pod?.namespace}/${p.spec.pod?.name}:${p.spec.volume}`)).toEqual(['harness/harness-postgres-0:data']);

    const items: number[] = [];
    const bytes: number[] = [];
    let phase = 'InProgress';
    for (let i = 0; i < 20 && phase !== 'Completed'; i++) {
      backend.demo.step();
      const b = (await velero.get('Backup', name))!;
      phase = b.status!.phase!;
      items.push(b.status!.progress!.itemsBackedUp!);
      bytes.push((await velero.get('PodVolumeBackup', pvbs[0]!.metadata.name!))!.status!.progress!.bytesDone!);
      if (phase === 'Finalizing') expect(b.status?.progress?.itemsBackedUp).toBe(21);
    }
    expect(phase).toBe('Completed');
    expect(items).toEqual([...items].sort((a, b) => a - b));
    expect(new Set(items).size).toBeGreaterThan(3);
    expect(bytes.at(-1)).toBe(pvbs[0]!.status!.progress!.totalBytes);
    expect(new Set(bytes).size).toBeGreaterThan(3);
    const done = (await velero.get('Backup', name))!;
    expect(done.status?.completionTimestamp).toBe('2025-06-12T09:30:00Z');
    expect((await velero.get('PodVolumeBackup', pvbs[0]!.metadata.name!))?.status?.phase).toBe('Completed');
    expect(await backend.storage.listBackups(DEMO_DEST)).toContain(name);
    expect(await backend.storage.readBackupLog(DEMO_DEST, name)).toContain('level=info msg="Backup completed"');
    expect((await backend.storage.readBackupMetadata(DEMO_DEST, name))?.status?.phase).toBe('Completed');
    expect(backend.demo.busy()).toBe(false);
  });

  it('queues a second backup with a queue position until the first finishes', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const first = (await velero.create('Backup', partial())).metadata.name!;
    const second = (await velero.create('Backup', composeBackup(backend.demo.profile, 'full', '720h0m0s', BASE))).metadata.name!;
    const third = (await velero.create('Backup', partial())).metadata.name!;
    backend.demo.step();
    expect((await velero.get('Backup', first))?.status?.phase).toBe('InProgress');
    expect((await velero.get('Backup', second))?.status).toMatchObject({ phase: 'Queued', queuePosition: 1 });
    expect((await velero.get('Backup', third))?.status).toMatchObject({ phase: 'Queued', queuePosition: 2 });

    const seen = await phases(first, 12);
    const finished = seen.indexOf('Completed');
    expect(finished).toBeGreaterThan(0);
    expect((await velero.get('Backup', second))?.status?.phase).not.toBe('Queued');
    expect((await velero.get('Backup', third))?.status).toMatchObject({ phase: 'Queued', queuePosition: 1 });
  });

  it('fails part-way with the reason given to failNext, and still writes the log', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    backend.demo.failNext('backup', 'rpc error: code = Unavailable desc = error reading from server: EOF');
    const name = (await velero.create('Backup', partial())).metadata.name!;
    const seen = await phases(name, 8);
    expect(seen).toContain('Failed');
    const b = (await velero.get('Backup', name))!;
    expect(b.status?.failureReason).toBe('rpc error: code = Unavailable desc = error reading from server: EOF');
    expect(b.status?.progress?.itemsBackedUp).toBeLessThan(21);
    const [pvb] = await velero.list('PodVolumeBackup', `velero.io/backup-name=${name}`);
    expect(pvb?.status?.phase).toBe('Failed');
    expect(await backend.storage.readBackupLog(DEMO_DEST, name)).toContain('level=error msg="backup failed"');
    // Only the next backup fails.
    const next = (await velero.create('Backup', partial())).metadata.name!;
    expect(await phases(next, 12)).toContain('Completed');
  });

  it('fails validation without a storage location (empty seed)', async () => {
    backend = pausedBackend({ seed: 'empty' });
    const velero = backend.velero('velero');
    const name = (await velero.create('Backup', partial())).metadata.name!;
    backend.demo.step();
    const b = (await velero.get('Backup', name))!;
    expect(b.status?.phase).toBe('FailedValidation');
    expect(b.status?.validationErrors?.[0]).toContain('backupstoragelocations.velero.io "default" not found');
  });

  it('fails a backup whose storage is unreachable', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    backend.demo.setStorageDown(true);
    backend.demo.step();
    const bsl = (await velero.get('BackupStorageLocation', 'default'))!;
    expect(bsl.status?.phase).toBe('Unavailable');
    expect(bsl.status?.message).toMatch(/^BackupStorageLocation "default" is unavailable: rpc error: .*dial tcp .*connection refused$/);
    const name = (await velero.create('Backup', partial())).metadata.name!;
    backend.demo.step();
    expect((await velero.get('Backup', name))?.status).toMatchObject({
      phase: 'FailedValidation',
      validationErrors: ["backup can't be created because BackupStorageLocation default is in Unavailable status."],
    });
  });

  it('stops advancing while Velero is stopped and resumes where it was', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const name = (await velero.create('Backup', partial())).metadata.name!;
    backend.demo.step(2);
    const before = (await velero.get('Backup', name))!;
    backend.demo.setVeleroStopped(true);
    backend.demo.step(5);
    const during = (await velero.get('Backup', name))!;
    expect(during.status).toEqual(before.status);
    expect(backend.demo.busy()).toBe(false);
    await expect(velero.serverStatus(5000)).rejects.toMatchObject({ kind: 'unreachable' });
    backend.demo.setVeleroStopped(false);
    expect(await phases(name, 12)).toContain('Completed');
    expect((await velero.serverStatus(5000)).serverVersion).toBe('v1.18.2');
  });

  it('rejects duplicate names, invalid TTLs and objects without a name', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    await expect(velero.create('Backup', { metadata: { name: 'instance-6pz4k' }, spec: {} })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(velero.create('Backup', { metadata: { name: 'x' }, spec: { ttl: 'a month' } })).rejects.toBeInstanceOf(ServiceError);
    await expect(velero.create('Backup', { metadata: {}, spec: {} })).rejects.toMatchObject({ kind: 'invalid' });
    expect(backend.demo.calls).toEqual([]);
  });

  it('expires a backup when its expiration is moved into the past', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const updated = await velero.setBackupExpiration!('harness-q8rtx', '2025-06-12T09:00:00Z');
    expect(updated.status?.expiration).toBe('2025-06-12T09:00:00Z');
    backend.demo.step();
    const [dbr] = await velero.list('DeleteBackupRequest', 'velero.io/backup-name=harness-q8rtx');
    expect(dbr?.spec.backupName).toBe('harness-q8rtx');
    backend.demo.step(4);
    expect(await velero.get('Backup', 'harness-q8rtx')).toBeUndefined();
  });
});
