// Builds a finished backup as Velero leaves it: the Backup object, its
// PodVolumeBackups and its data in the bucket. Used by the seeds.
import type { Backup, BackupPhase, OperationResults } from '../model.js';
import { composeBackupSpec, SCHEDULE_NAME_LABEL, snapshotAnnotations, type SnapshotKind, type Trigger } from '../profile.js';
import { count, emptyResults, type BackupRecord, type VolumeRecord } from './bucket.js';
import type { SimItem } from './cluster-state.js';
import { backupContents } from './contents.js';
import { STORAGE_LOCATION_LABEL } from './backup-controller.js';
import { generateName } from './random.js';
import { addMs, DEFAULT_TTL, kubeTime, parseGoDuration, SECOND } from './time.js';
import type { World } from './world.js';

export interface SeedBackup {
  name: string;
  kind: SnapshotKind;
  trigger: Trigger;
  phase: Extract<BackupPhase, 'Completed' | 'PartiallyFailed' | 'Failed'>;
  start: Date;
  durationMs: number;
  ttl?: string;
  schedule?: string;
  results?: OperationResults;
  failureReason?: string;
  /** Pod name → why its volume failed. */
  volumeFailures?: Record<string, string>;
  /** Skip PodVolumeBackup objects (thousands of snapshots in the "many" seed). */
  noVolumeObjects?: boolean;
  /** Shared contents for the "many" seed, so thousands of records cost little. */
  contents?: { items: SimItem[]; volumes: VolumeRecord[] };
}

export function seedBackup(w: World, s: SeedBackup): BackupRecord {
  const ttl = s.ttl ?? DEFAULT_TTL;
  const spec = composeBackupSpec(w.profile, s.kind, ttl);
  const { items, volumes: planned } = s.contents ?? backupContents(w.cluster, spec);
  const volumes = planned.map((v) => (s.volumeFailures?.[v.pod] ? { ...v, failed: s.volumeFailures[v.pod] } : v));
  const end = addMs(s.start, s.durationMs);
  const results = s.results ?? emptyResults();
  const errors = count(results.errors);
  const warnings = count(results.warnings);
  const failed = s.phase === 'Failed';
  const backedUp = failed ? Math.floor(items.length * 0.4) : items.length;
  const labels: Record<string, string> = { [STORAGE_LOCATION_LABEL]: w.profile.storageLocation };
  if (s.schedule) labels[SCHEDULE_NAME_LABEL] = s.schedule;
  const backup: Backup = {
    metadata: {
      name: s.name,
      creationTimestamp: kubeTime(addMs(s.start, -SECOND)),
      labels,
      annotations: snapshotAnnotations(s.kind, s.trigger, addMs(s.start, -SECOND)),
    },
    spec,
    status: {
      version: 1,
      formatVersion: '1.1.0',
      phase: s.phase,
      startTimestamp: kubeTime(s.start),
      completionTimestamp: kubeTime(end),
      expiration: kubeTime(addMs(s.start, parseGoDuration(ttl) ?? 0)),
      progress: { totalItems: items.length, itemsBackedUp: backedUp },
      ...(errors > 0 ? { errors } : {}),
      ...(warnings > 0 ? { warnings } : {}),
      ...(s.failureReason ? { failureReason: s.failureReason } : {}),
    },
  };
  const stored = w.store.insert('Backup', backup);
  if (!s.noVolumeObjects && !failed) {
    volumes.forEach((v, i) => {
      const name = generateName(w.names, `${s.name}-`, (n) => w.get('PodVolumeBackup', n) !== undefined);
      const began = addMs(s.start, (s.durationMs * (i + 1)) / (volumes.length + 2));
      w.store.insert('PodVolumeBackup', {
        metadata: {
          name,
          creationTimestamp: kubeTime(began),
          labels: { 'velero.io/backup-name': s.name, 'velero.io/backup-uid': stored.metadata.uid! },
        },
        spec: { pod: { name: v.pod, namespace: v.namespace }, volume: v.volume, backupStorageLocation: w.profile.storageLocation },
        status: {
          phase: v.failed ? 'Failed' : 'Completed',
          ...(v.failed ? { message: v.failed } : {}),
          startTimestamp: kubeTime(began),
          completionTimestamp: kubeTime(addMs(end, -2 * SECOND)),
          progress: { totalBytes: v.bytes, bytesDone: v.failed ? Math.floor(v.bytes * 0.37) : v.bytes },
        },
      });
    });
  }
  // The store never changes an object in place, so the record may share it.
  return { backup: stored, items, volumes, results };
}
