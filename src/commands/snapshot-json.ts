// The stable JSON shape of a snapshot and a restore in command mode.
// Field names are documented in the README; add fields, never rename.
import type { Backup, Restore } from '../services/model.js';
import { backupPhaseView, restorePhaseView } from '../format/phase.js';
import { selectorString, snapshotKindOf, triggerOf } from '../services/profile.js';
import type { DeletionState } from '../format/snapshot-row.js';
import { firstError, type SnapshotBucketInfo } from '../state/snapshots-storage.js';
import type { VolumeView } from '../state/snapshots-volumes.js';

function seconds(from?: string, to?: string): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.round(ms / 1000) : null;
}

export function snapshotJson(b: Backup, now: Date) {
  const s = b.status ?? {};
  return {
    name: b.metadata.name ?? '',
    type: snapshotKindOf(b),
    trigger: triggerOf(b),
    phase: s.phase ?? 'New',
    status: backupPhaseView(b, now).label,
    startedAt: s.startTimestamp ?? null,
    completedAt: s.completionTimestamp ?? null,
    durationSeconds: seconds(s.startTimestamp, s.completionTimestamp),
    expiresAt: s.expiration ?? null,
    itemsBackedUp: s.progress?.itemsBackedUp ?? null,
    totalItems: s.progress?.totalItems ?? null,
    errors: s.errors ?? 0,
    warnings: s.warnings ?? 0,
    failureReason: s.failureReason ?? null,
    storageLocation: b.spec.storageLocation ?? null,
    includedNamespaces: b.spec.includedNamespaces ?? [],
    schedule: b.metadata.labels?.['velero.io/schedule-name'] ?? null,
  };
}

export function restoreJson(r: Restore) {
  const s = r.status ?? {};
  return {
    name: r.metadata.name ?? '',
    snapshot: r.spec.backupName ?? null,
    phase: s.phase ?? 'New',
    status: restorePhaseView(r).label,
    startedAt: s.startTimestamp ?? null,
    completedAt: s.completionTimestamp ?? null,
    durationSeconds: seconds(s.startTimestamp, s.completionTimestamp),
    itemsRestored: s.progress?.itemsRestored ?? null,
    totalItems: s.progress?.totalItems ?? null,
    errors: s.errors ?? 0,
    warnings: s.warnings ?? 0,
    failureReason: s.failureReason ?? null,
    includedNamespaces: r.spec.includedNamespaces ?? [],
  };
}

/** `describe --json`: the list fields plus what the snapshot includes, its volumes and what the bucket holds. */
export function snapshotDetailJson(b: Backup, input: { volumes: readonly VolumeView[]; bucket: SnapshotBucketInfo; deletion?: DeletionState; now: Date }) {
  const sp = b.spec;
  const { bucket } = input;
  return {
    ...snapshotJson(b, input.now),
    ttl: sp.ttl ?? null,
    excludedNamespaces: sp.excludedNamespaces ?? [],
    labelSelector: sp.labelSelector ? selectorString(sp.labelSelector) : null,
    orLabelSelectors: (sp.orLabelSelectors ?? []).map(selectorString),
    includeClusterResources: sp.includeClusterResources ?? null,
    defaultVolumesToFsBackup: sp.defaultVolumesToFsBackup ?? false,
    validationErrors: b.status?.validationErrors ?? [],
    volumes: input.volumes.map((v) => ({
      kind: v.kind,
      target: v.target,
      phase: v.phase,
      bytesDone: v.bytesDone ?? null,
      totalBytes: v.totalBytes ?? null,
      message: v.message ?? null,
    })),
    sizeBytes: bucket.size ?? null,
    results: bucket.results ?? null,
    firstError: firstError(bucket.results) ?? null,
    resources: bucket.resourceList ?? null,
    deletion: input.deletion ? { pending: input.deletion.pending, errors: input.deletion.errors } : null,
    bucketProblems: bucket.problems,
  };
}
