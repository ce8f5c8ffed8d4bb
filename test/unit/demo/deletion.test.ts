import { afterEach, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import type { DeleteBackupRequest } from '../../../src/services/model.js';
import { DEMO_DEST, pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

function request(backupName: string): DeleteBackupRequest {
  return { metadata: { generateName: `${backupName}-` }, spec: { backupName } };
}

describe('demo backup deletion', () => {
  it('deletes through a DeleteBackupRequest: Deleting, then backup, volumes, restores and bucket data are gone', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const target = 'instance-t9x6l';
    expect(await velero.list('PodVolumeBackup', `velero.io/backup-name=${target}`)).toHaveLength(2);
    expect((await velero.list('Restore')).map((r) => r.spec.backupName)).toContain(target);
    const dbr = await velero.create('DeleteBackupRequest', request(target));

    backend.demo.step();
    expect((await velero.get('Backup', target))?.status?.phase).toBe('Deleting');
    expect((await velero.get('DeleteBackupRequest', dbr.metadata.name!))?.status?.phase).toBe('InProgress');
    expect(await backend.storage.listBackups(DEMO_DEST)).toContain(target);

    backend.demo.step(2);
    expect(await velero.get('Backup', target)).toBeUndefined();
    expect(await velero.list('PodVolumeBackup', `velero.io/backup-name=${target}`)).toEqual([]);
    expect((await velero.list('Restore')).map((r) => r.spec.backupName)).not.toContain(target);
    expect(await backend.storage.listBackups(DEMO_DEST)).not.toContain(target);
    expect((await velero.get('DeleteBackupRequest', dbr.metadata.name!))?.status).toEqual({ phase: 'Processed' });
    expect(backend.demo.busy()).toBe(false);
  });

  it('reports a missing backup and one still running in the request status', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const missing = await velero.create('DeleteBackupRequest', request('nope'));
    const running = (await velero.create('Backup', { metadata: { generateName: 'harness-' }, spec: { includedNamespaces: ['harness'] } })).metadata.name!;
    const early = await velero.create('DeleteBackupRequest', request(running));
    backend.demo.step();
    expect((await velero.get('DeleteBackupRequest', missing.metadata.name!))?.status).toEqual({ phase: 'Processed', errors: ['backup nope not found'] });
    expect((await velero.get('DeleteBackupRequest', early.metadata.name!))?.status).toEqual({ phase: 'Processed', errors: ['backup is still in progress'] });
    expect((await velero.get('Backup', running))?.status?.phase).toBe('InProgress');
  });

  it('keeps the backup (Deleting) when the bucket cannot be reached', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const dbr = await velero.create('DeleteBackupRequest', request('harness-q8rtx'));
    backend.demo.step();
    backend.demo.setStorageDown(true);
    backend.demo.step(2);
    const status = (await velero.get('DeleteBackupRequest', dbr.metadata.name!))?.status;
    expect(status?.phase).toBe('Processed');
    expect(status?.errors?.[0]).toMatch(/^error deleting backup from backup storage: rpc error: .*connection refused$/);
    expect((await velero.get('Backup', 'harness-q8rtx'))?.status?.phase).toBe('Deleting');
  });

  it('deleting only the Backup object leaves its data in the bucket, and a sync brings it back', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    await velero.delete('Backup', 'harness-q8rtx');
    expect(await velero.get('Backup', 'harness-q8rtx')).toBeUndefined();
    expect(await backend.storage.listBackups(DEMO_DEST)).toContain('harness-q8rtx');
    expect(backend.demo.calls).toEqual([{ method: 'delete', args: ['Backup', 'harness-q8rtx'] }]);
    // Saving the location again makes Velero validate and sync it.
    const bsl = (await velero.get('BackupStorageLocation', 'default'))!;
    await velero.update('BackupStorageLocation', bsl);
    backend.demo.step();
    expect((await velero.get('Backup', 'harness-q8rtx'))?.status?.phase).toBe('Completed');
    await expect(velero.delete('Backup', 'harness-zzzzz')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
