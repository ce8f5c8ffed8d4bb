// Schedule actions: save the full/partial schedule (create or update the
// Velero Schedule), pause/resume it, and apply the current retention to
// snapshots that already exist. UI-agnostic: the screen and the command mode
// (`schedule show|set`) both call these.
import { ServiceError } from '../services/interfaces.js';
import type { Backup, Schedule } from '../services/model.js';
import type { AppProfile, SnapshotKind } from '../services/profile.js';
import { checkCron } from '../format/cron.js';
import { describeTtl, retentionToTtl, ttlToRetention, VELERO_DEFAULT_TTL } from '../format/retention.js';
import { requireSession, type EffectContext } from './context.js';
import { notify, runOperation } from './operations.js';
import { composeSchedule, findSchedule, settingsOf, type ScheduleSettings } from './schedule-model.js';
import { changedCount, retentionImpact, type RetentionImpact } from './schedule-retention.js';
import type { AppState } from './types.js';

export const KIND_TITLE: Record<SnapshotKind, string> = { full: 'Full', partial: 'Partial' };

/**
 * The ttl for new snapshots of a kind: the retention saved in that kind's
 * Schedule template (paused or not), else Velero's 30-day default. Manual
 * snapshots use it too.
 */
export function currentRetentionTtl(state: AppState, kind: SnapshotKind): string {
  if (!state.profile) return VELERO_DEFAULT_TTL;
  const { schedule } = findSchedule(state.objects.Schedule, state.profile, kind);
  const retention = ttlToRetention(schedule?.spec.template?.ttl);
  return retention ? retentionToTtl(retention) : VELERO_DEFAULT_TTL;
}

function requireProfile(ctx: EffectContext): AppProfile {
  const profile = ctx.store.getState().profile;
  if (!profile) throw new Error('The app profile is not known yet.');
  return profile;
}

/** Schedules read fresh from the cluster (the store may lag, and the command mode has no watches). */
async function loadSchedules(ctx: EffectContext): Promise<Record<string, Schedule>> {
  const { velero } = requireSession(ctx);
  const byName: Record<string, Schedule> = {};
  for (const s of await velero.list('Schedule')) if (s.metadata.name) byName[s.metadata.name] = s;
  return byName;
}

/** Creates or updates the kind's Schedule. Refuses (writing nothing) when the cron or retention is invalid. */
export async function saveSchedule(ctx: EffectContext, kind: SnapshotKind, settings: ScheduleSettings): Promise<Schedule> {
  const cron = checkCron(settings.cron);
  if (!cron.ok) throw new ServiceError('invalid', `Schedule not saved: ${cron.error}`);
  if (!(settings.retention.value > 0)) throw new ServiceError('invalid', 'Schedule not saved: retention must be more than 0');
  const { velero } = requireSession(ctx);
  const profile = requireProfile(ctx);
  const title = `Save the ${kind} snapshot schedule`;
  return runOperation(ctx, `schedule-${kind}`, title, async () => {
    const { schedule: existing } = findSchedule(await loadSchedules(ctx), profile, kind);
    const obj = composeSchedule(profile, kind, { ...settings, cron: cron.cron.text }, velero.namespace, existing);
    const saved = existing ? await velero.update('Schedule', obj) : await velero.create('Schedule', obj);
    const state = settings.enabled ? 'on' : 'paused (settings kept)';
    notify(ctx, 'info', `${KIND_TITLE[kind]} snapshot schedule ${saved.metadata.name ?? ''} saved: ${state}.`);
    return saved;
  });
}

/** Pauses or resumes the kind's Schedule, keeping its cron and retention. */
export async function setSchedulePaused(ctx: EffectContext, kind: SnapshotKind, paused: boolean): Promise<Schedule> {
  const { velero } = requireSession(ctx);
  const profile = requireProfile(ctx);
  const verb = paused ? 'Pause' : 'Resume';
  return runOperation(ctx, `schedule-${kind}`, `${verb} the ${kind} snapshot schedule`, async () => {
    const { schedule } = findSchedule(await loadSchedules(ctx), profile, kind);
    if (!schedule) throw new ServiceError('not-found', `There is no ${kind} snapshot schedule yet; set one up first.`);
    const settings = { ...settingsOf(schedule), enabled: !paused };
    const saved = await velero.update('Schedule', composeSchedule(profile, kind, settings, velero.namespace, schedule));
    notify(ctx, 'info', `${KIND_TITLE[kind]} snapshot schedule ${paused ? 'paused; its settings are kept' : 'resumed'}.`);
    return saved;
  });
}

/** What applying the saved retention to the existing snapshots of a kind would change. */
export function previewRetention(state: AppState, kind: SnapshotKind, now: Date): RetentionImpact | undefined {
  if (!state.profile) return undefined;
  const backups = Object.values(state.objects.Backup) as Backup[];
  return retentionImpact(backups, state.profile, kind, currentRetentionTtl(state, kind), now);
}

export interface RetentionApplied {
  impact: RetentionImpact;
  changed: string[];
  failed: { name: string; error: string }[];
}

/**
 * Sets status.expiration of every finished snapshot of a kind to creation +
 * the saved retention. Velero's Backup CRD (1.18) has no status subresource,
 * so the status is stored by a plain write of the object, and Velero's GC
 * (hourly) deletes what is then past expiry. The copy of the backup's
 * metadata in the bucket keeps the old expiration: a backup re-synced from the
 * bucket into a new cluster gets its original expiry back.
 */
export async function applyRetentionToExisting(ctx: EffectContext, kind: SnapshotKind): Promise<RetentionApplied> {
  const { velero } = requireSession(ctx);
  const profile = requireProfile(ctx);
  const setExpiration = velero.setBackupExpiration?.bind(velero);
  if (!setExpiration) throw new ServiceError('unknown', 'This backend cannot change a snapshot’s expiration.');
  return runOperation(ctx, `retention-${kind}`, `Apply the ${kind} retention to existing snapshots`, async (report) => {
    const state = { ...ctx.store.getState(), objects: { ...ctx.store.getState().objects, Schedule: await loadSchedules(ctx) } };
    const ttl = currentRetentionTtl(state, kind);
    const impact = retentionImpact(await velero.list('Backup'), profile, kind, ttl, ctx.now());
    const todo = [...impact.sooner, ...impact.later];
    const result: RetentionApplied = { impact, changed: [], failed: [] };
    for (const [i, change] of todo.entries()) {
      report(`${i + 1}/${todo.length} ${change.name}`);
      try {
        await setExpiration(change.name, change.next);
        result.changed.push(change.name);
      } catch (err) {
        result.failed.push({ name: change.name, error: err instanceof Error ? err.message : String(err) });
      }
    }
    const due = impact.sooner.filter((c) => c.pastDue && result.changed.includes(c.name)).length;
    // Kept short: the notice line is one row at 80 columns.
    const dueText = due ? `; ${due} expired, gone within the hour` : '';
    if (result.failed.length) {
      notify(ctx, 'error', `Retention applied to ${result.changed.length} of ${changedCount(impact)} ${kind} snapshots; ${result.failed.length} failed: ${result.failed[0]!.error}`);
    } else {
      notify(ctx, 'info', `Retention ${describeTtl(ttl)} applied to ${result.changed.length} ${kind} snapshots${dueText}.`);
    }
    return result;
  });
}
