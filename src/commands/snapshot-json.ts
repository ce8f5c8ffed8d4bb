// The stable JSON shape of a snapshot and a restore in command mode.
// Field names are documented in the README; add fields, never rename.
import type { Backup, Restore } from '../services/model.js';
import { backupPhaseView, restorePhaseView } from '../format/phase.js';
import { snapshotKindOf, triggerOf } from '../services/profile.js';

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
