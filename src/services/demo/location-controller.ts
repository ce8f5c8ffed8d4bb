// Velero's BackupStorageLocation controller: validates a location a tick after
// it changes (or when storage or credentials change), then syncs backups from
// the bucket: backups found there appear in the cluster, Completed backups of
// this location that the bucket no longer holds disappear.
import type { BackupStorageLocation } from '../model.js';
import { normalizePrefix } from './bucket.js';
import { STORAGE_LOCATION_LABEL } from './backup-controller.js';
import { storageProblem } from './location-check.js';
import { kubeTime } from './time.js';
import type { Controller, World } from './world.js';

/** Folders Velero allows at the top of a location's prefix. */
const VELERO_DIRS = ['backups', 'restores', 'restic', 'kopia', 'metadata', 'plugins'];

export class LocationController implements Controller {
  readonly velero = true;
  private readonly pending = new Set<string>();

  constructor(private readonly w: World) {}

  created(kind: string, name: string): void {
    if (kind === 'BackupStorageLocation') this.pending.add(name);
  }

  updated(kind: string, name: string): void {
    this.created(kind, name);
  }

  deleted(kind: string, name: string): void {
    if (kind === 'BackupStorageLocation') this.pending.delete(name);
  }

  /** Storage or credentials changed: check every location again. */
  revalidateAll(): void {
    for (const l of this.w.store.all('BackupStorageLocation')) this.pending.add(l.metadata.name!);
    this.w.kick();
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  tick(): void {
    for (const name of this.pending) {
      this.pending.delete(name);
      const bsl = this.w.get('BackupStorageLocation', name);
      if (bsl) this.validate(bsl);
    }
  }

  private validate(bsl: BackupStorageLocation): void {
    const w = this.w;
    const name = bsl.metadata.name!;
    const now = kubeTime(w.now());
    const prefix = normalizePrefix(bsl.spec.objectStorage.prefix);
    let problem = storageProblem(w, bsl, 'ListObjectsV2', 'GET', `?list-type=2&prefix=${encodeURIComponent(prefix ? `${prefix}/` : '')}`);
    if (!problem) {
      const invalid = w.buckets.area(bsl.spec.objectStorage.bucket, prefix).foreign.filter((d) => !VELERO_DIRS.includes(d));
      if (invalid.length > 0) problem = `Backup store contains invalid top-level directories: [${invalid.join(' ')}]`;
    }
    if (problem) {
      w.store.modify('BackupStorageLocation', name, (x) => {
        x.status = { ...x.status, phase: 'Unavailable', lastValidationTime: now, message: `BackupStorageLocation "${name}" is unavailable: ${problem}` };
      });
      return;
    }
    w.store.modify('BackupStorageLocation', name, (x) => {
      const { message: _gone, ...rest } = x.status ?? {};
      x.status = { ...rest, phase: 'Available', lastValidationTime: now, lastSyncedTime: now };
    });
    this.sync(bsl);
  }

  private sync(bsl: BackupStorageLocation): void {
    const w = this.w;
    const name = bsl.metadata.name!;
    const area = w.buckets.area(bsl.spec.objectStorage.bucket, bsl.spec.objectStorage.prefix);
    for (const [backupName, record] of area.backups) {
      if (w.get('Backup', backupName)) continue;
      const backup = structuredClone(record.backup);
      backup.spec.storageLocation = name;
      backup.metadata = {
        name: backupName,
        labels: { ...backup.metadata.labels, [STORAGE_LOCATION_LABEL]: name },
        ...(backup.metadata.annotations ? { annotations: backup.metadata.annotations } : {}),
        ...(backup.metadata.creationTimestamp ? { creationTimestamp: backup.metadata.creationTimestamp } : {}),
      };
      w.store.insert('Backup', backup);
      w.notify('created', 'Backup', backupName);
    }
    for (const b of w.store.all('Backup')) {
      const orphan = b.spec.storageLocation === name && b.status?.phase === 'Completed' && !area.backups.has(b.metadata.name!);
      if (!orphan || !w.store.remove('Backup', b.metadata.name!)) continue;
      w.notify('deleted', 'Backup', b.metadata.name!);
      for (const p of w.store.all('PodVolumeBackup').filter((p) => p.metadata.labels?.['velero.io/backup-name'] === b.metadata.name)) {
        w.store.remove('PodVolumeBackup', p.metadata.name!);
      }
    }
  }
}
