// Velero's backup controller, one step per tick: validate, queue (one backup
// at a time, as Velero 1.18's queue does by default), back up items and pod
// volumes, finalize, then write everything to the bucket.
import type { Backup, BackupStatus } from '../model.js';
import { emptyResults, normalizePrefix, type BackupRecord, type BucketArea, type VolumeRecord } from './bucket.js';
import type { SimItem } from './cluster-state.js';
import { backupContents } from './contents.js';
import { storageProblem } from './location-check.js';
import { DEFAULT_TTL, addMs, kubeTime, parseGoDuration } from './time.js';
import { advanceVolumeOps, createVolumeOps, failVolumeOps, type VolumeRun } from './volume-ops.js';
import { QueuedController } from './queued-controller.js';
import type { World } from './world.js';

/** Ticks it takes to back up all items. */
export const ITEM_TICKS = 6;
export const STORAGE_LOCATION_LABEL = 'velero.io/storage-location';

interface Run {
  name: string;
  items: SimItem[];
  volumes: VolumeRecord[];
  pvbs: VolumeRun[];
  done: number;
  failAt?: number;
  failReason?: string;
  finalizing: boolean;
  area: BucketArea;
}

export class BackupController extends QueuedController<Run> {
  constructor(w: World) {
    super(w, 'Backup');
  }

  tick(): void {
    if (this.run) this.advance(this.run);
    const queue: string[] = [];
    for (const name of this.waiting) {
      const b = this.w.get('Backup', name);
      if (!b) {
        this.waiting.delete(name);
        continue;
      }
      if (!b.status?.phase || b.status.phase === 'New') {
        const errors = this.validate(b);
        if (errors.length > 0) {
          this.waiting.delete(name);
          this.w.store.modify('Backup', name, (x) => {
            x.status = { ...x.status, phase: 'FailedValidation', validationErrors: errors };
          });
          continue;
        }
      }
      queue.push(name);
    }
    let position = 0;
    for (const name of queue) {
      if (!this.run) {
        this.waiting.delete(name);
        this.start(name);
        continue;
      }
      position++;
      const b = this.w.get('Backup', name)!;
      if (b.status?.phase === 'Queued' && b.status.queuePosition === position) continue;
      this.w.store.modify('Backup', name, (x) => {
        applyDefaults(this.w, x);
        x.status = { ...x.status, phase: 'Queued', queuePosition: position };
      });
    }
  }

  private validate(b: Backup): string[] {
    const errors: string[] = [];
    const bsl = this.w.location(b.spec.storageLocation);
    if (!bsl && b.spec.storageLocation) {
      errors.push(
        `a BackupStorageLocation CRD with the name specified in the backup spec needs to be created before this backup can be executed. Error: backupstoragelocations.velero.io "${b.spec.storageLocation}" not found`,
      );
    } else if (!bsl) {
      errors.push(
        "an existing backup storage location wasn't specified at backup creation time and the default 'default' wasn't found. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io \"default\" not found",
      );
    } else if (bsl.spec.accessMode === 'ReadOnly') {
      errors.push(`backup can't be created because backup storage location ${bsl.metadata.name} is currently in read-only mode`);
    } else if (bsl.status?.phase === 'Unavailable') {
      errors.push(`backup can't be created because BackupStorageLocation ${bsl.metadata.name} is in Unavailable status.`);
    }
    if (b.spec.labelSelector && (b.spec.orLabelSelectors?.length ?? 0) > 0) {
      errors.push('encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified');
    }
    return errors;
  }

  private start(name: string): void {
    const w = this.w;
    const b = w.get('Backup', name)!;
    const bsl = w.location(b.spec.storageLocation)!;
    const now = w.now();
    const ttl = parseGoDuration(b.spec.ttl ?? DEFAULT_TTL) ?? 0;
    const base: BackupStatus = {
      version: 1,
      formatVersion: '1.1.0',
      startTimestamp: kubeTime(now),
      expiration: kubeTime(addMs(now, ttl)),
    };
    const problem = storageProblem(w, bsl, 'HeadObject', 'HEAD', `backups/${name}/velero-backup.json`);
    if (problem) {
      w.store.modify('Backup', name, (x) => {
        applyDefaults(w, x);
        x.status = { ...base, phase: 'Failed', completionTimestamp: kubeTime(now), failureReason: `error checking if backup already exists in object storage: ${problem}` };
      });
      return;
    }
    const { items, volumes } = backupContents(w.cluster, b.spec);
    const failReason = w.takeFailure('backup');
    const started = w.store.modify('Backup', name, (x) => {
      applyDefaults(w, x);
      x.status = { ...base, phase: 'InProgress', progress: { totalItems: items.length, itemsBackedUp: 0 } };
    })!;
    const pvbs = createVolumeOps(w, 'PodVolumeBackup', { name, uid: started.metadata.uid! }, volumes, bsl.metadata.name!);
    this.run = {
      name,
      items,
      volumes,
      pvbs,
      done: 0,
      finalizing: false,
      area: w.buckets.area(bsl.spec.objectStorage.bucket, normalizePrefix(bsl.spec.objectStorage.prefix)),
      ...(failReason !== undefined ? { failReason, failAt: Math.max(1, Math.ceil(items.length / 2)) } : {}),
    };
  }

  private advance(run: Run): void {
    const w = this.w;
    if (!w.get('Backup', run.name)) {
      this.run = undefined;
      return;
    }
    if (run.finalizing) return this.finish(run);
    const total = run.items.length;
    run.done = Math.min(total, run.done + Math.ceil(total / ITEM_TICKS));
    if (run.failAt !== undefined && run.done >= run.failAt) return this.fail(run, run.failReason ?? 'backup failed');
    const volumesDone = advanceVolumeOps(w, 'PodVolumeBackup', run.pvbs);
    const itemsDone = run.done >= total;
    run.finalizing = itemsDone && volumesDone;
    w.store.modify('Backup', run.name, (x) => {
      x.status = { ...x.status, progress: { totalItems: total, itemsBackedUp: run.done } };
      if (run.finalizing) x.status.phase = 'Finalizing';
    });
  }

  private finish(run: Run): void {
    const w = this.w;
    this.run = undefined;
    const b = w.get('Backup', run.name)!;
    const bsl = w.location(b.spec.storageLocation);
    const problem = bsl && storageProblem(w, bsl, 'PutObject', 'PUT', `backups/${run.name}/velero-backup.json`);
    const now = kubeTime(w.now());
    if (!bsl || problem) {
      w.store.modify('Backup', run.name, (x) => {
        x.status = { ...x.status, phase: 'Failed', completionTimestamp: now, failureReason: `error uploading backup: ${problem ?? 'backup storage location not found'}` };
      });
      return;
    }
    const done = w.store.modify('Backup', run.name, (x) => {
      x.status = { ...x.status, phase: 'Completed', completionTimestamp: now };
    })!;
    this.write(run, done, emptyResults());
  }

  private fail(run: Run, reason: string): void {
    const w = this.w;
    this.run = undefined;
    failVolumeOps(w, 'PodVolumeBackup', run.pvbs, `data path backup canceled: backup ${run.name} failed`);
    const failed = w.store.modify('Backup', run.name, (x) => {
      x.status = {
        ...x.status,
        phase: 'Failed',
        failureReason: reason,
        completionTimestamp: kubeTime(w.now()),
        progress: { totalItems: run.items.length, itemsBackedUp: run.done },
      };
    })!;
    // Velero still uploads the log and metadata of a failed backup: that is where the cause is.
    const bsl = w.location(failed.spec.storageLocation);
    if (bsl && !storageProblem(w, bsl, 'PutObject', 'PUT', `backups/${run.name}/velero-backup.json`)) this.write(run, failed, emptyResults());
  }

  private write(run: Run, backup: Backup, results: BackupRecord['results']): void {
    const record: BackupRecord = { backup: structuredClone(backup), items: run.items, volumes: run.volumes, results };
    run.area.backups.set(run.name, record);
  }
}

/** What Velero fills in when it accepts a backup. */
function applyDefaults(w: World, b: Backup): void {
  const bsl = w.location(b.spec.storageLocation);
  if (bsl) b.spec.storageLocation = bsl.metadata.name;
  b.spec.ttl ??= DEFAULT_TTL;
  if (bsl) b.metadata.labels = { ...b.metadata.labels, [STORAGE_LOCATION_LABEL]: bsl.metadata.name! };
}
