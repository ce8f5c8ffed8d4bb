// Applying a new retention to snapshots that already exist. Velero fixes a
// Backup's expiration when the backup starts (status.expiration = start +
// ttl) and its garbage collector (hourly by default) deletes backups whose
// status.expiration has passed. So "apply to existing" means: recompute
// status.expiration from each backup's creation time and the new ttl.
// Pure: which snapshots change, and how.
import type { Backup } from '../services/model.js';
import { APP_SLUG_LABEL, BACKUP_LABEL, INSTANCE_ANNOTATION, type AppProfile, type SnapshotKind } from '../services/profile.js';
import { isBackupRunning } from '../format/phase.js';
import { parseGoDuration } from '../format/retention.js';

/** Full or partial by annotation or spec shape; undefined for backups that are neither (left alone). */
export function backupKind(backup: Backup, profile: AppProfile): SnapshotKind | undefined {
  if (backup.metadata.annotations?.[INSTANCE_ANNOTATION] === 'true') return 'full';
  if (backup.spec?.orLabelSelectors?.some((s) => s.matchLabels?.[BACKUP_LABEL] === 'velero')) return 'full';
  if (backup.spec?.labelSelector?.matchLabels?.[APP_SLUG_LABEL] === profile.slug) return 'partial';
  return undefined;
}

export interface ExpiryChange {
  name: string;
  /** When the snapshot was taken (the base Velero counts the ttl from). */
  createdAt: string;
  current?: string;
  next: string;
  /** The new expiration is already past: Velero's GC deletes it on its next pass. */
  pastDue: boolean;
}

export interface RetentionImpact {
  ttl: string;
  sooner: ExpiryChange[];
  later: ExpiryChange[];
  unchanged: number;
  /** Not touched, with why (still running, being deleted). */
  skipped: { name: string; reason: string }[];
}

// Velero stamps expiration a moment after creation; ignore differences this small.
const SAME_WITHIN_MS = 60_000;

export function retentionImpact(backups: Backup[], profile: AppProfile, kind: SnapshotKind, ttl: string, now: Date): RetentionImpact {
  const ttlMs = parseGoDuration(ttl) ?? 0;
  const impact: RetentionImpact = { ttl, sooner: [], later: [], unchanged: 0, skipped: [] };
  const ordered = [...backups].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const b of ordered) {
    const name = b.metadata.name;
    if (!name || backupKind(b, profile) !== kind) continue;
    if (b.metadata.deletionTimestamp || b.status?.phase === 'Deleting') {
      impact.skipped.push({ name, reason: 'being deleted' });
      continue;
    }
    if (isBackupRunning(b)) {
      impact.skipped.push({ name, reason: 'still running; Velero sets its expiration' });
      continue;
    }
    const createdAt = b.metadata.creationTimestamp ?? b.status?.startTimestamp;
    const created = Date.parse(createdAt ?? '');
    if (!createdAt || Number.isNaN(created)) {
      impact.skipped.push({ name, reason: 'no creation time' });
      continue;
    }
    const next = new Date(created + ttlMs);
    const current = b.status?.expiration;
    const currentMs = Date.parse(current ?? '');
    if (!Number.isNaN(currentMs) && Math.abs(currentMs - next.getTime()) < SAME_WITHIN_MS) {
      impact.unchanged++;
      continue;
    }
    const change: ExpiryChange = { name, createdAt, current, next: next.toISOString(), pastDue: next.getTime() <= now.getTime() };
    if (Number.isNaN(currentMs) || next.getTime() < currentMs) impact.sooner.push(change);
    else impact.later.push(change);
  }
  return impact;
}

export function changedCount(impact: RetentionImpact): number {
  return impact.sooner.length + impact.later.length;
}
