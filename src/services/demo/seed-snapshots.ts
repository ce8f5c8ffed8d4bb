// The snapshots and restores present at start. Names are fixed so the README
// can name them; times are relative to the start of the demo.
import type { OperationResults, Restore } from '../model.js';
import { composeFullRestore, composePartialRestore } from '../profile.js';
import { normalizePrefix, type BackupRecord, type RestoreOutcome } from './bucket.js';
import { restoreItems } from './contents.js';
import { seedBackup, type SeedBackup } from './seed-backup.js';
import { DEMO_PREFIX, demoBucket, SCHEDULE_NAME } from './seed-velero.js';
import { addMs, DAY, HOUR, kubeTime, MINUTE, SECOND } from './time.js';
import type { World } from './world.js';

export const SEEDED_BACKUPS = {
  latestFull: 'instance-6pz4k',
  scheduled: `${SCHEDULE_NAME}-20250612000000`,
  partial: 'harness-q8rtx',
  partiallyFailedPartial: 'harness-w2f9c',
  failedFull: 'instance-b7n4s',
  partiallyFailedFull: 'instance-m5k8d',
  olderFull: 'instance-t9x6l',
  expiringPartial: 'harness-c5j2v',
} as const;

export const SEEDED_RESTORES = {
  completed: `${SEEDED_BACKUPS.olderFull}-20250606101500`,
  partiallyFailed: `${SEEDED_BACKUPS.partiallyFailedPartial}-20250611093000`,
} as const;

/** The partial snapshot names use the slug; with the default profile they are the ones above. */
function named(w: World, name: string): string {
  return name.replace(/^harness-/, `${w.profile.slug}-`);
}

export function seedSnapshots(w: World, base: Date): Date {
  const s = w.profile.slug;
  const app = w.profile.appNamespaces[0] ?? s;
  const admin = w.profile.adminNamespace;
  const ago = (ms: number) => addMs(base, -ms);
  const worker = `${s}-worker-7c9d8f6b5-p4mzt`;
  const partialResults: OperationResults = {
    errors: { namespaces: { [app]: [`pod volume backup failed: data path backup failed: Failed to run kopia backup: unable to get local block device entry for volume data in pod ${app}/${s}-postgres-0: context deadline exceeded`] } },
    warnings: {
      cluster: ['resource customresourcedefinitions.apiextensions.k8s.io/widgets.example.com: v1beta1 is not served any more, backed up v1'],
      namespaces: { [app]: [`Volume cache in pod ${app}/${worker} is an emptyDir volume and is not opted in for pod volume backup, skipping`] },
    },
  };
  const fullResults: OperationResults = {
    errors: {
      velero: ['error getting volume snapshot location default: volumesnapshotlocations.velero.io "default" not found'],
      namespaces: {
        [admin]: [
          `error executing custom action (groupResource=persistentvolumeclaims, namespace=${admin}, name=kotsadm-rqlite-kotsadm-rqlite-0): ` +
            'rpc error: code = Unknown desc = persistentvolumes "pvc-4c1f9a2e-7d3b-4e8a-9f61-2b5c8d0e7a13" not found',
        ],
      },
    },
    warnings: {
      velero: ['no VolumeSnapshotLocation for provider aws: volumes not backed up with pod volume backup are skipped'],
      cluster: ['resource customresourcedefinitions.apiextensions.k8s.io/widgets.example.com: v1beta1 is not served any more, backed up v1'],
      namespaces: { [app]: [`Volume cache in pod ${app}/${worker} is an emptyDir volume and is not opted in for pod volume backup, skipping`] },
    },
  };
  const scheduledStart = ago(9 * HOUR);
  const seeds: SeedBackup[] = [
    { name: SEEDED_BACKUPS.latestFull, kind: 'full', trigger: 'manual', phase: 'Completed', start: ago(2 * HOUR), durationMs: 3 * MINUTE + 12 * SECOND },
    { name: SEEDED_BACKUPS.scheduled, kind: 'full', trigger: 'schedule', schedule: SCHEDULE_NAME, phase: 'Completed', start: scheduledStart, durationMs: 2 * MINUTE + 47 * SECOND },
    { name: named(w, SEEDED_BACKUPS.partial), kind: 'partial', trigger: 'manual', phase: 'Completed', start: ago(DAY + 3 * HOUR), durationMs: 41 * SECOND },
    {
      name: named(w, SEEDED_BACKUPS.partiallyFailedPartial), kind: 'partial', trigger: 'manual', phase: 'PartiallyFailed', start: ago(2 * DAY + 5 * HOUR), durationMs: 65 * SECOND,
      results: partialResults, volumeFailures: { [`${s}-postgres-0`]: 'data path backup failed: context deadline exceeded' },
    },
    {
      name: SEEDED_BACKUPS.failedFull, kind: 'full', trigger: 'manual', phase: 'Failed', start: ago(3 * DAY + HOUR), durationMs: 8 * SECOND,
      failureReason: 'rpc error: code = Unavailable desc = error reading from server: EOF',
    },
    { name: SEEDED_BACKUPS.partiallyFailedFull, kind: 'full', trigger: 'manual', phase: 'PartiallyFailed', start: ago(5 * DAY), durationMs: 3 * MINUTE + 30 * SECOND, results: fullResults },
    { name: SEEDED_BACKUPS.olderFull, kind: 'full', trigger: 'manual', phase: 'Completed', start: ago(8 * DAY), durationMs: 3 * MINUTE },
    // 30-day retention, taken 29 days 21 hours ago: expires 3 hours after the start.
    { name: named(w, SEEDED_BACKUPS.expiringPartial), kind: 'partial', trigger: 'manual', phase: 'Completed', start: ago(30 * DAY - 3 * HOUR), durationMs: 38 * SECOND },
  ];
  const area = w.buckets.area(demoBucket(w.profile), DEMO_PREFIX);
  const records = new Map<string, BackupRecord>();
  for (const seed of seeds) {
    const record = seedBackup(w, seed);
    records.set(seed.name, record);
    area.backups.set(seed.name, record);
  }
  seedRestore(w, records.get(SEEDED_BACKUPS.olderFull)!, SEEDED_RESTORES.completed, composeFullRestore(SEEDED_BACKUPS.olderFull, base), ago(7 * DAY), {
    kind: (i) => i.kind === 'CustomResourceDefinition' ? 'skipped' : 'restored',
  });
  const partial = named(w, SEEDED_BACKUPS.partiallyFailedPartial);
  seedRestore(w, records.get(partial)!, named(w, SEEDED_RESTORES.partiallyFailed), composePartialRestore(w.profile, partial, base), ago(DAY), {
    kind: (i) =>
      i.resource === 'persistentvolumeclaims' ? 'failed'
      : i.name === `${s}-tls` || i.name === `${s}-feature-flags` ? 'skipped'
      : 'restored',
  });
  return scheduledStart;
}

function seedRestore(
  w: World,
  record: BackupRecord,
  fixed: string,
  restore: Restore,
  start: Date,
  plan: { kind: (item: RestoreOutcome['item']) => RestoreOutcome['result'] },
): void {
  const items = restoreItems(record.items, restore.spec);
  const outcomes: RestoreOutcome[] = items.map((item) => {
    const result = plan.kind(item);
    const where = item.namespace ? `${item.resource}/${item.namespace}/${item.name}` : `${item.resource}/${item.name}`;
    if (result === 'failed') return { item, result, message: `error restoring ${where}: object is being deleted: ${item.resource} "${item.name}" already exists` };
    if (result === 'skipped') {
      return { item, result, message: `could not restore, ${item.kind} "${item.name}" already exists. Warning: the in-cluster version is different than the backed-up version` };
    }
    return { item, result };
  });
  const results: OperationResults = { errors: {}, warnings: {} };
  for (const o of outcomes) {
    if (!o.message) continue;
    const bucket = o.result === 'failed' ? results.errors : results.warnings;
    if (o.item.namespace) ((bucket.namespaces ??= {})[o.item.namespace] ??= []).push(o.message);
    else (bucket.cluster ??= []).push(o.message);
  }
  const errors = outcomes.filter((o) => o.result === 'failed').length;
  const warnings = outcomes.filter((o) => o.result === 'skipped').length;
  const end = addMs(start, 52 * SECOND);
  const stored = w.store.insert('Restore', {
    ...restore,
    // The composed name carries today's time; seeded names are fixed instead.
    metadata: { name: fixed, creationTimestamp: kubeTime(addMs(start, -SECOND)) },
    status: {
      phase: errors > 0 ? 'PartiallyFailed' : 'Completed',
      startTimestamp: kubeTime(start),
      completionTimestamp: kubeTime(end),
      progress: { totalItems: items.length, itemsRestored: items.length },
      ...(errors > 0 ? { errors } : {}),
      ...(warnings > 0 ? { warnings } : {}),
    },
  });
  const volumes = record.volumes.filter((v) => !v.failed && items.some((i) => i.kind === 'Pod' && i.name === v.pod && i.namespace === v.namespace));
  volumes.forEach((v) => {
    w.store.insert('PodVolumeRestore', {
      metadata: {
        name: `${fixed}-${w.names.suffix()}`,
        creationTimestamp: kubeTime(start),
        labels: { 'velero.io/restore-name': fixed, 'velero.io/restore-uid': stored.metadata.uid! },
      },
      spec: { pod: { name: v.pod, namespace: v.namespace }, volume: v.volume, backupStorageLocation: w.profile.storageLocation, sourceNamespace: v.namespace },
      status: { phase: 'Completed', startTimestamp: kubeTime(start), completionTimestamp: kubeTime(addMs(end, -5 * SECOND)), progress: { totalBytes: v.bytes, bytesDone: v.bytes } },
    });
  });
  const area = w.buckets.area(demoBucket(w.profile), normalizePrefix(DEMO_PREFIX));
  area.restores.set(fixed, { restore: structuredClone(stored), outcomes, volumes, results });
}
