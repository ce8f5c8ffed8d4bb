// `snapshots schedule show [--full|--partial] [--json]`: what the Schedule
// screen shows for each kind — cron in words, next runs, retention, last run.
import type { CliArgs } from '../cli-args.js';
import type { SnapshotKind } from '../services/profile.js';
import { formatZoned, utcSide } from '../format/cron-runs.js';
import { formatAge } from '../format/units.js';
import type { EffectContext } from '../state/context.js';
import { KIND_TITLE } from '../state/schedule.js';
import { SNAPSHOT_KINDS } from '../state/schedule-model.js';
import { buildScheduleView, type ScheduleView } from '../state/schedule-view.js';
import type { AppState } from '../state/types.js';
import { kindOf, onlyFlags, positionals } from './args.js';
import { EXIT, printJson, printLines } from './output.js';
import { withSession, type CommandDeps } from './session.js';

export const SCHEDULE_KINDS = ['Schedule', 'Backup'] as const;

/** The stable JSON of one kind's schedule (documented in the README). */
export function scheduleJson(v: ScheduleView) {
  return {
    kind: v.kind,
    name: v.name ?? null,
    enabled: Boolean(v.name) && !v.paused,
    paused: v.paused,
    phase: v.phase ?? null,
    cron: v.cron ?? null,
    description: v.description ?? null,
    cronError: v.cronError ?? null,
    zone: v.zone ?? null,
    nextRuns: v.nextRuns,
    ttl: v.ttl,
    retention: v.retention,
    lastBackupAt: v.lastBackupAt ?? null,
    lastSnapshot: v.lastSnapshot?.metadata.name ?? null,
    snapshotCount: v.snapshotCount,
    validationErrors: v.validationErrors,
    others: v.others,
  };
}

export function scheduleViews(ctx: EffectContext, kinds: SnapshotKind[], state: AppState = ctx.store.getState()): ScheduleView[] {
  const profile = state.profile;
  if (!profile) throw new Error('The app profile is not known yet.');
  return kinds.map((kind) => buildScheduleView(kind, { schedules: state.objects.Schedule, backups: state.objects.Backup, profile, now: ctx.now() }));
}

export function scheduleLines(v: ScheduleView, now: Date): string[] {
  const title = `${KIND_TITLE[v.kind]} snapshots`;
  if (!v.name) return [`${title}: no schedule (manual only; new snapshots kept ${v.retention})`];
  const state = v.phase === 'FailedValidation' ? 'REFUSED by Velero' : v.paused ? 'paused' : 'on';
  const lines = [`${title}: ${state} — schedule ${v.name}`];
  lines.push(`  Cron:       ${v.cron ?? ''}${v.description ? ` (${v.description}${v.zone ? `, ${v.zone}` : ''})` : ''}`);
  if (v.cronError) lines.push(`  Problem:    ${v.cronError}`);
  for (const e of v.validationErrors) lines.push(`  Velero:     ${e}`);
  // In this machine's zone, with UTC beside it when that differs (Velero names snapshots in UTC).
  v.nextRuns.forEach((iso, i) => {
    const d = new Date(iso);
    const side = utcSide(d);
    lines.push(`  ${i === 0 ? 'Next runs: ' : '           '} ${formatZoned(d)}${side ? ` = ${side}` : ''}`);
  });
  lines.push(`  Retention:  ${v.retention} (ttl ${v.ttl})`);
  const last = v.lastSnapshot?.metadata.name;
  lines.push(`  Last run:   ${v.lastBackupAt ? `${formatAge(v.lastBackupAt, now)}${last ? ` (${last})` : ''}` : 'never'}; ${v.snapshotCount} snapshot${v.snapshotCount === 1 ? '' : 's'} listed`);
  if (v.others.length) lines.push(`  Also:       ${v.others.join(', ')} (same kind, made by another tool)`);
  return lines;
}

export async function scheduleShowCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 2, []);
  onlyFlags(args, 'schedule show', ['full', 'partial']);
  const kind = kindOf(args, false);
  return withSession(args, [...SCHEDULE_KINDS], { deps }, async (ctx) => {
    const views = scheduleViews(ctx, kind ? [kind] : SNAPSHOT_KINDS);
    if (args.rest.json) printJson(views.map(scheduleJson));
    else printLines(views.flatMap((v) => scheduleLines(v, ctx.now())));
    return EXIT.ok;
  });
}
