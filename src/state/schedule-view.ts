// What the cluster says about one kind's schedule, ready to show or print as
// JSON: phase, the cron and its meaning, next runs, retention, last snapshot.
import type { Backup, Schedule } from '../services/model.js';
import type { AppProfile, SnapshotKind } from '../services/profile.js';
import { checkCron } from '../format/cron.js';
import { describeCron } from '../format/cron-words.js';
import { nextRuns } from '../format/cron-runs.js';
import { describeTtl, VELERO_DEFAULT_TTL } from '../format/retention.js';
import { backupsOfSchedule, findSchedule } from './schedule-model.js';

export interface ScheduleView {
  kind: SnapshotKind;
  /** Absent when no Schedule exists for this kind yet. */
  name?: string;
  paused: boolean;
  /** Velero's status.phase: New (not validated yet), Enabled, FailedValidation. */
  phase?: string;
  validationErrors: string[];
  cron?: string;
  description?: string;
  /** Why Velero will refuse the cron (a schedule written by another tool). */
  cronError?: string;
  /** The zone the cron is evaluated in. */
  zone?: string;
  /** ISO instants; empty while paused or invalid. */
  nextRuns: string[];
  ttl: string;
  retention: string;
  /** status.lastBackup: when the schedule last started a snapshot. */
  lastBackupAt?: string;
  /** The newest snapshot labelled with this schedule's name. */
  lastSnapshot?: Backup;
  snapshotCount: number;
  /** Further schedules of the same shape (made by other tools). */
  others: string[];
}

export interface ViewInputs {
  schedules: Record<string, Schedule>;
  backups: Record<string, Backup>;
  profile: AppProfile;
  now: Date;
  /** Zone Velero's server evaluates plain cron lines in (UTC in the Velero image). */
  serverZone?: string;
}

export function buildScheduleView(kind: SnapshotKind, inputs: ViewInputs): ScheduleView {
  const { schedule, others } = findSchedule(inputs.schedules, inputs.profile, kind);
  const ttl = schedule?.spec.template?.ttl || VELERO_DEFAULT_TTL;
  const view: ScheduleView = {
    kind,
    paused: schedule ? Boolean(schedule.spec.paused) : true,
    validationErrors: schedule?.status?.validationErrors ?? [],
    nextRuns: [],
    ttl,
    retention: describeTtl(schedule?.spec.template?.ttl),
    snapshotCount: 0,
    others: others.map((s) => s.metadata.name ?? ''),
  };
  if (!schedule) return view;
  const name = schedule.metadata.name ?? '';
  const made = backupsOfSchedule(inputs.backups, name);
  Object.assign(view, {
    name,
    phase: schedule.status?.phase,
    cron: schedule.spec.schedule,
    lastBackupAt: schedule.status?.lastBackup,
    lastSnapshot: made[0],
    snapshotCount: made.length,
  });
  const check = checkCron(schedule.spec.schedule ?? '');
  if (!check.ok) {
    view.cronError = check.error;
    return view;
  }
  view.description = describeCron(check.cron);
  view.zone = check.cron.zone ?? inputs.serverZone ?? 'UTC';
  const phaseBlocks = schedule.status?.phase === 'FailedValidation';
  if (!view.paused && !phaseBlocks) {
    const last = schedule.status?.lastBackup ?? schedule.metadata.creationTimestamp;
    const lastRun = last ? new Date(last) : undefined;
    view.nextRuns = nextRuns(check.cron, { from: inputs.now, serverZone: inputs.serverZone, lastRun }).map((d) => d.toISOString());
  }
  return view;
}
