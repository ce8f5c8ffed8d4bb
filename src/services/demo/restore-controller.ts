// Velero's restore controller: one restore at a time; items come back in
// Velero's priority order a batch per tick, pod volumes copy alongside.
// Objects that already exist are skipped with a warning; objects still being
// deleted fail (the reason to wait for a removal to finish first).
import type { BackupPhase, Restore } from '../model.js';
import { addResult, count, emptyResults, normalizePrefix, type BackupRecord, type RestoreOutcome, type RestoreRecord, type VolumeRecord } from './bucket.js';
import type { SimItem } from './cluster-state.js';
import { restoreItems } from './contents.js';
import { storageProblem } from './location-check.js';
import { kubeTime } from './time.js';
import { advanceVolumeOps, createVolumeOps, failVolumeOps, type VolumeRun } from './volume-ops.js';
import { QueuedController } from './queued-controller.js';
import type { World } from './world.js';

export const RESTORE_ITEM_TICKS = 6;
const RESTORABLE: (BackupPhase | undefined)[] = ['Completed', 'PartiallyFailed'];

interface Run {
  name: string;
  backupName: string;
  items: SimItem[];
  outcomes: RestoreOutcome[];
  volumes: VolumeRecord[];
  pvrs: VolumeRun[];
  failAt?: number;
  failReason?: string;
  record: BackupRecord;
}

export class RestoreController extends QueuedController<Run> {
  constructor(w: World) {
    super(w, 'Restore');
  }

  tick(): void {
    if (this.run) this.advance(this.run);
    if (this.run) return;
    for (const name of this.waiting) {
      this.waiting.delete(name);
      const r = this.w.get('Restore', name);
      if (r && this.start(r)) return;
    }
  }

  /** Validates and starts; true when the restore now runs. */
  private start(r: Restore): boolean {
    const w = this.w;
    const name = r.metadata.name!;
    const now = kubeTime(w.now());
    const backupName = r.spec.backupName || latestOfSchedule(w, r.spec.scheduleName);
    const backup = backupName ? w.get('Backup', backupName) : undefined;
    const errors: string[] = [];
    if (!backupName) errors.push(r.spec.scheduleName ? `No backups found for schedule ${r.spec.scheduleName}` : 'Either a backup or schedule must be specified as a source for the restore, but not both');
    else if (!backup) errors.push(`Error retrieving backup: backups.velero.io "${backupName}" not found`);
    else if (!RESTORABLE.includes(backup.status?.phase)) {
      errors.push(`Backup is not in a Completed or PartiallyFailed phase, current phase: ${backup.status?.phase ?? 'New'}`);
    }
    if (errors.length > 0 || !backup || !backupName) {
      w.store.modify('Restore', name, (x) => {
        x.status = { phase: 'FailedValidation', validationErrors: errors };
      });
      return false;
    }
    const bsl = w.location(backup.spec.storageLocation);
    const area = bsl && w.buckets.area(bsl.spec.objectStorage.bucket, normalizePrefix(bsl.spec.objectStorage.prefix));
    const problem = bsl && storageProblem(w, bsl, 'GetObject', 'GET', `backups/${backupName}/${backupName}.tar.gz`);
    const record = area?.backups.get(backupName);
    if (!bsl || problem || !record) {
      const cause = problem ?? `rpc error: code = Unknown desc = operation error S3: GetObject, https response error StatusCode: 404, api error NoSuchKey: The specified key does not exist.`;
      w.store.modify('Restore', name, (x) => {
        x.spec.backupName = backupName;
        x.status = { phase: 'Failed', startTimestamp: now, completionTimestamp: now, failureReason: `error downloading backup: ${cause}` };
      });
      return false;
    }
    const items = restoreItems(record.items, r.spec);
    const pods = new Set(items.filter((i) => i.kind === 'Pod').map((i) => `${i.namespace}/${i.name}`));
    const map = (ns: string) => r.spec.namespaceMapping?.[ns] ?? ns;
    const volumes = r.spec.restorePVs === false ? [] : record.volumes.filter((v) => !v.failed && pods.has(`${map(v.namespace)}/${v.pod}`));
    const failReason = w.takeFailure('restore');
    const started = w.store.modify('Restore', name, (x) => {
      x.spec.backupName = backupName;
      x.status = { phase: 'InProgress', startTimestamp: now, progress: { totalItems: items.length, itemsRestored: 0 } };
    })!;
    const pvrs = createVolumeOps(w, 'PodVolumeRestore', { name, uid: started.metadata.uid! }, volumes, bsl.metadata.name!, map);
    this.run = {
      name,
      backupName,
      items,
      outcomes: [],
      volumes,
      pvrs,
      record,
      ...(failReason !== undefined ? { failReason, failAt: Math.max(1, Math.ceil(items.length / 2)) } : {}),
    };
    return true;
  }

  private advance(run: Run): void {
    const w = this.w;
    if (!w.get('Restore', run.name)) {
      this.run = undefined;
      return;
    }
    // Velero waits for a terminating namespace to be gone before restoring into it.
    const pending = run.items.slice(run.outcomes.length);
    if (pending.some((i) => w.cluster.namespaces.get(i.namespace ?? (i.kind === 'Namespace' ? i.name : ''))?.terminating !== undefined)) return;
    const batch = pending.slice(0, Math.ceil(run.items.length / RESTORE_ITEM_TICKS));
    for (const item of batch) {
      run.outcomes.push(this.apply(item, run));
      if (run.failAt !== undefined && run.outcomes.length >= run.failAt) return this.finish(run, run.failReason);
    }
    const volumesDone = advanceVolumeOps(w, 'PodVolumeRestore', run.pvrs);
    if (run.outcomes.length >= run.items.length && volumesDone) return this.finish(run);
    w.store.modify('Restore', run.name, (x) => {
      x.status = { ...x.status, progress: { totalItems: run.items.length, itemsRestored: run.outcomes.length } };
    });
  }

  private apply(item: SimItem, run: Run): RestoreOutcome {
    const cluster = this.w.cluster;
    const restoreLabels = { 'velero.io/backup-name': run.backupName, 'velero.io/restore-name': run.name };
    if (item.kind === 'Namespace') {
      if (!cluster.namespaces.has(item.name)) cluster.addNamespace(item.name, { ...item.labels, ...restoreLabels });
      return { item, result: 'restored' };
    }
    const existing = cluster.get(item);
    const where = item.namespace ? `${item.resource}/${item.namespace}/${item.name}` : `${item.resource}/${item.name}`;
    if (existing?.terminating !== undefined) {
      return { item, result: 'failed', message: `error restoring ${where}: object is being deleted: ${item.resource} "${item.name}" already exists` };
    }
    const policy = this.w.get('Restore', run.name)?.spec.existingResourcePolicy;
    if (existing && policy !== 'update') {
      return {
        item,
        result: 'skipped',
        message: `could not restore, ${item.kind} "${item.name}" already exists. Warning: the in-cluster version is different than the backed-up version`,
      };
    }
    if (item.namespace !== undefined && !cluster.namespaces.has(item.namespace)) cluster.addNamespace(item.namespace, restoreLabels);
    cluster.add({ ...item, labels: { ...item.labels, ...restoreLabels } });
    return { item, result: 'restored' };
  }

  private finish(run: Run, failReason?: string): void {
    const w = this.w;
    this.run = undefined;
    const results = emptyResults();
    for (const o of run.outcomes) {
      if (o.result === 'restored' || !o.message) continue;
      const where = o.item.namespace ? { namespace: o.item.namespace } : 'cluster';
      addResult(results, o.result === 'failed' ? 'errors' : 'warnings', where, o.message);
    }
    if (failReason) failVolumeOps(w, 'PodVolumeRestore', run.pvrs, `data path restore canceled: restore ${run.name} failed`);
    const errors = count(results.errors);
    const warnings = count(results.warnings);
    const done = w.store.modify('Restore', run.name, (x) => {
      x.status = {
        ...x.status,
        phase: failReason ? 'Failed' : errors > 0 ? 'PartiallyFailed' : 'Completed',
        completionTimestamp: kubeTime(w.now()),
        progress: { totalItems: run.items.length, itemsRestored: run.outcomes.length },
        ...(errors > 0 ? { errors } : {}),
        ...(warnings > 0 ? { warnings } : {}),
        ...(failReason ? { failureReason: failReason } : {}),
      };
    })!;
    // Logs and results go to the location of the backup, under restores/.
    const backup = w.get('Backup', run.backupName);
    const bsl = w.location(backup?.spec.storageLocation ?? run.record.backup.spec.storageLocation);
    if (!bsl || storageProblem(w, bsl, 'PutObject', 'PUT', `restores/${run.name}/restore-${run.name}-logs.gz`)) return;
    const record: RestoreRecord = { restore: structuredClone(done), outcomes: run.outcomes, volumes: run.volumes, results };
    w.buckets.area(bsl.spec.objectStorage.bucket, bsl.spec.objectStorage.prefix).restores.set(run.name, record);
  }
}

/** A restore from a schedule uses its most recent completed backup. */
function latestOfSchedule(w: World, schedule: string | undefined): string | undefined {
  if (!schedule) return undefined;
  const candidates = w.store
    .all('Backup')
    .filter((b) => b.metadata.labels?.['velero.io/schedule-name'] === schedule && b.status?.phase === 'Completed')
    .sort((a, b) => (a.status?.startTimestamp ?? '').localeCompare(b.status?.startTimestamp ?? ''));
  return candidates.at(-1)?.metadata.name;
}
