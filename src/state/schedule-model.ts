// Which Velero Schedule holds the full or the partial snapshot settings, and
// the exact object this program writes. Pure: no I/O, no UI.
import type { Backup, Schedule } from '../services/model.js';
import {
  APP_SLUG_LABEL,
  BACKUP_LABEL,
  composeBackupSpec,
  INSTANCE_ANNOTATION,
  SCHEDULE_NAME_LABEL,
  TRIGGER_ANNOTATION,
  type AppProfile,
  type SnapshotKind,
} from '../services/profile.js';
import { normaliseCron } from '../format/cron.js';
import { DEFAULT_RETENTION, retentionToTtl, ttlToRetention, type Retention } from '../format/retention.js';

export const SNAPSHOT_KINDS: SnapshotKind[] = ['full', 'partial'];

/** What the admin sets for one kind of snapshot. */
export interface ScheduleSettings {
  enabled: boolean;
  /** spec.schedule, as Velero reads it (checked with checkCron before saving). */
  cron: string;
  retention: Retention;
}

/** The admin console's default schedule is weekly. */
export const DEFAULT_CRON = '0 0 * * MON';

export function scheduleNameFor(profile: AppProfile, kind: SnapshotKind): string {
  return `${profile.slug}-${kind}`;
}

/**
 * Full or partial, by the template's shape, so a schedule written by the
 * admin console or by hand is recognised: orLabelSelectors kots.io/backup=velero
 * → full; labelSelector kots.io/app-slug=<slug> → partial.
 */
export function scheduleKindOf(schedule: Schedule, profile: AppProfile): SnapshotKind | undefined {
  const t = schedule.spec?.template ?? {};
  if (t.orLabelSelectors?.some((s) => s.matchLabels?.[BACKUP_LABEL] === 'velero')) return 'full';
  if (t.labelSelector?.matchLabels?.[APP_SLUG_LABEL] === profile.slug) return 'partial';
  return undefined;
}

/** The Schedule for a kind: ours by name first, else the first one of that shape; `others` are further matches. */
export function findSchedule(
  schedules: Record<string, Schedule>,
  profile: AppProfile,
  kind: SnapshotKind,
): { schedule?: Schedule; others: Schedule[] } {
  const own = schedules[scheduleNameFor(profile, kind)];
  const matching = Object.values(schedules)
    .filter((s) => s !== own && !s.metadata.deletionTimestamp && scheduleKindOf(s, profile) === kind)
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const schedule = own ?? matching[0];
  return { schedule, others: matching.filter((s) => s !== schedule) };
}

/** The settings a Schedule holds (defaults when there is none). A paused schedule keeps them. */
export function settingsOf(schedule: Schedule | undefined): ScheduleSettings {
  if (!schedule) return { enabled: false, cron: DEFAULT_CRON, retention: DEFAULT_RETENTION };
  return {
    enabled: !schedule.spec.paused,
    cron: schedule.spec.schedule ?? '',
    retention: ttlToRetention(schedule.spec.template?.ttl) ?? DEFAULT_RETENTION,
  };
}

export function sameSettings(a: ScheduleSettings, b: ScheduleSettings): boolean {
  return (
    a.enabled === b.enabled &&
    normaliseCron(a.cron) === normaliseCron(b.cron) &&
    retentionToTtl(a.retention) === retentionToTtl(b.retention)
  );
}

/**
 * The Schedule to write. The template is composed from the profile (what a
 * full/partial snapshot contains) over whatever else an existing template
 * carries (hooks, excluded resources, template labels), so saving a schedule
 * another tool created does not drop its extras.
 *
 * Velero copies the Schedule's own annotations onto every Backup it creates
 * (BackupBuilder.FromSchedule), and the template can only carry labels
 * (BackupSpec.metadata.labels), so the kots.io annotations that mark a
 * scheduled (and a full) snapshot go on the Schedule's metadata.
 *
 * skipImmediately: true — saving or resuming never starts a snapshot at once
 * (Velero would, when a run was missed while paused); the next run is the one
 * shown on screen. useOwnerReferencesInBackup: false — deleting or replacing the
 * schedule must not take its snapshots with it.
 */
export function composeSchedule(
  profile: AppProfile,
  kind: SnapshotKind,
  settings: ScheduleSettings,
  namespace: string,
  existing?: Schedule,
): Schedule {
  const base = composeBackupSpec(profile, kind, retentionToTtl(settings.retention));
  const { labelSelector: _l, orLabelSelectors: _o, ...kept } = existing?.spec.template ?? {};
  const template = { ...kept, ...base };
  const annotations: Record<string, string> = { ...existing?.metadata.annotations, [TRIGGER_ANNOTATION]: 'schedule' };
  if (kind === 'full') annotations[INSTANCE_ANNOTATION] = 'true';
  else delete annotations[INSTANCE_ANNOTATION];
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      ...(existing?.metadata ?? {}),
      name: existing?.metadata.name ?? scheduleNameFor(profile, kind),
      namespace,
      annotations,
    },
    spec: {
      ...(existing?.spec ?? {}),
      schedule: normaliseCron(settings.cron),
      template,
      paused: !settings.enabled,
      skipImmediately: true,
      useOwnerReferencesInBackup: false,
    },
    ...(existing?.status ? { status: existing.status } : {}),
  };
}

function startedAt(b: Backup): number {
  return Date.parse(b.status?.startTimestamp ?? b.metadata.creationTimestamp ?? '') || 0;
}

/** Snapshots a schedule made (Velero labels them velero.io/schedule-name), newest first. */
export function backupsOfSchedule(backups: Record<string, Backup>, scheduleName: string): Backup[] {
  return Object.values(backups)
    .filter((b) => b.metadata.labels?.[SCHEDULE_NAME_LABEL] === scheduleName)
    .sort((a, b) => startedAt(b) - startedAt(a));
}
