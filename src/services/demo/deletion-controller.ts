// Velero's backup deletion controller: a DeleteBackupRequest marks the backup
// Deleting; a few ticks later its bucket data, pod volume backups and restores
// are gone, then the Backup itself. Deleting only the Backup object (not via a
// request) leaves the bucket data behind, as in Velero.
import type { BackupPhase, DeleteBackupRequest } from '../model.js';
import { normalizePrefix } from './bucket.js';
import { storageProblem } from './location-check.js';
import type { Controller, World } from './world.js';

export const DELETE_TICKS = 2;
const RUNNING: (BackupPhase | undefined)[] = [
  undefined, 'New', 'Queued', 'ReadyToStart', 'InProgress', 'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed', 'Finalizing', 'FinalizingPartiallyFailed',
];

export class DeletionController implements Controller {
  readonly velero = true;
  /** DeleteBackupRequest name → ticks left once it is InProgress. */
  private readonly pending = new Map<string, number | undefined>();

  constructor(private readonly w: World) {}

  created(kind: string, name: string): void {
    if (kind === 'DeleteBackupRequest' && this.w.get('DeleteBackupRequest', name)?.status?.phase !== 'Processed') this.pending.set(name, undefined);
  }

  deleted(kind: string, name: string): void {
    if (kind === 'DeleteBackupRequest') this.pending.delete(name);
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  tick(): void {
    for (const [name, left] of [...this.pending]) {
      const dbr = this.w.get('DeleteBackupRequest', name);
      if (!dbr) this.pending.delete(name);
      else if (left === undefined) this.begin(dbr);
      else if (left > 1) this.pending.set(name, left - 1);
      else this.complete(dbr);
    }
  }

  private begin(dbr: DeleteBackupRequest): void {
    const w = this.w;
    const name = dbr.metadata.name!;
    const backupName = dbr.spec.backupName;
    const backup = w.get('Backup', backupName);
    if (!backup) return this.processed(name, [`backup ${backupName} not found`]);
    if (RUNNING.includes(backup.status?.phase)) return this.processed(name, ['backup is still in progress']);
    const bsl = w.location(backup.spec.storageLocation);
    if (bsl?.spec.accessMode === 'ReadOnly') {
      return this.processed(name, [`cannot delete backup because backup storage location ${bsl.metadata.name} is currently in read-only mode`]);
    }
    w.store.modify('DeleteBackupRequest', name, (d) => {
      d.metadata.labels = { 'velero.io/backup-name': backupName, 'velero.io/backup-uid': backup.metadata.uid ?? '', ...d.metadata.labels };
      d.status = { phase: 'InProgress' };
    });
    w.store.modify('Backup', backupName, (b) => {
      b.status = { ...b.status, phase: 'Deleting' };
    });
    this.pending.set(name, DELETE_TICKS);
  }

  private complete(dbr: DeleteBackupRequest): void {
    const w = this.w;
    const name = dbr.metadata.name!;
    const backupName = dbr.spec.backupName;
    const backup = w.get('Backup', backupName);
    if (!backup) return this.processed(name, []);
    const bsl = w.location(backup.spec.storageLocation);
    if (bsl) {
      const problem = storageProblem(w, bsl, 'DeleteObjects', 'POST', `backups/${backupName}/`);
      // Velero keeps the Backup (still Deleting) when its data could not be removed.
      if (problem) return this.processed(name, [`error deleting backup from backup storage: ${problem}`]);
      const area = w.buckets.area(bsl.spec.objectStorage.bucket, normalizePrefix(bsl.spec.objectStorage.prefix));
      area.backups.delete(backupName);
      for (const r of w.store.all('Restore').filter((r) => r.spec.backupName === backupName)) area.restores.delete(r.metadata.name!);
    }
    for (const r of w.store.all('Restore').filter((r) => r.spec.backupName === backupName)) this.remove('Restore', r.metadata.name!);
    for (const p of w.store.all('PodVolumeBackup').filter((p) => p.metadata.labels?.['velero.io/backup-name'] === backupName)) {
      this.remove('PodVolumeBackup', p.metadata.name!);
    }
    this.remove('Backup', backupName);
    this.processed(name, []);
  }

  private remove(kind: 'Backup' | 'Restore' | 'PodVolumeBackup', name: string): void {
    if (this.w.store.remove(kind, name)) this.w.notify('deleted', kind, name);
  }

  private processed(name: string, errors: string[]): void {
    this.pending.delete(name);
    this.w.store.modify('DeleteBackupRequest', name, (d) => {
      d.status = errors.length > 0 ? { phase: 'Processed', errors } : { phase: 'Processed' };
    });
  }
}
