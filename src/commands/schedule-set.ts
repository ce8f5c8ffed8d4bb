// `snapshots schedule set --full|--partial [--cron EXPR] [--retention 30d]
// [--enable|--disable] [--apply-to-existing]`: checked with the schedule
// form's checkers, saved with the Schedule screen's effects.
import type { CliArgs } from '../cli-args.js';
import { describeTtl, type RetentionUnit } from '../format/retention.js';
import { errorText } from '../state/operations.js';
import { applyRetentionToExisting, saveSchedule, setSchedulePaused } from '../state/schedule.js';
import { checkDraft, type ScheduleDraft } from '../state/schedule-form.js';
import { DEFAULT_CRON, findSchedule, settingsOf } from '../state/schedule-model.js';
import { flag, has, kindOf, onlyFlags, positionals, refuseReadonly, usage } from './args.js';
import { commandErrorOf, EXIT, note, printJson, printLines } from './output.js';
import { scheduleJson, scheduleLines, scheduleViews, SCHEDULE_KINDS } from './schedule.js';
import { withSession, type CommandDeps } from './session.js';
import { quote } from '../format/quote.js';

const UNITS: Record<string, RetentionUnit> = {
  d: 'days', day: 'days', days: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  m: 'months', month: 'months', months: 'months',
  y: 'years', year: 'years', years: 'years',
};
const RETENTION_HELP = 'a number and a unit d, w, m or y (days, weeks, months, years), e.g. 30d, 4w, 1m, 1y';

/** `30d` → value "30", unit days; the value itself is checked by the form's checker. */
export function parseRetentionArg(text: string): { value: string; unit: RetentionUnit } {
  const m = /^(\S*?)\s*([a-z]+)$/i.exec(text.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || !unit || !m[1]) throw usage(`--retention ${quote(text)} is not a retention: use ${RETENTION_HELP}.`);
  return { value: m[1], unit };
}

/** Exit 2 naming each bad value; nothing is saved. */
function checked(draft: ScheduleDraft, given: { cron?: string; retention?: string }) {
  const check = checkDraft(draft);
  const problems: string[] = [];
  if (check.errors.cron) {
    problems.push(given.cron !== undefined ? `--cron ${quote(given.cron)}: ${check.errors.cron}` : `the saved cron ${quote(draft.cron)} is not valid (${check.errors.cron}); pass --cron`);
  }
  if (check.errors.retention) problems.push(`--retention ${quote(given.retention ?? '')}: ${check.errors.retention} Use ${RETENTION_HELP}.`);
  if (problems.length || !check.settings) throw usage(`Schedule not saved: ${problems.join('; ')}`);
  return check.settings;
}

export async function scheduleSetCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 2, []);
  onlyFlags(args, 'schedule set', ['full', 'partial', 'cron', 'retention', 'enable', 'disable', 'apply-to-existing']);
  const kind = kindOf(args, true);
  const cron = flag(args, 'cron');
  const retentionText = flag(args, 'retention');
  const enable = has(args, 'enable');
  const disable = has(args, 'disable');
  if (enable && disable) throw usage('Pass --enable or --disable, not both.');
  if (cron === undefined && retentionText === undefined && !enable && !disable && !has(args, 'apply-to-existing')) {
    throw usage('Nothing to change: pass --cron, --retention, --enable or --disable (or --apply-to-existing).');
  }
  const retention = retentionText === undefined ? undefined : parseRetentionArg(retentionText);
  const given = { cron, retention: retentionText };
  // Checked before connecting (the saved values are filled in later).
  checked({ enabled: true, cron: cron ?? DEFAULT_CRON, retentionValue: retention?.value ?? '1', unit: retention?.unit ?? 'months' }, given);
  refuseReadonly(args, 'change a schedule');

  return withSession(args, [...SCHEDULE_KINDS], { deps }, async (ctx) => {
    const state = ctx.store.getState();
    const { schedule: existing } = findSchedule(state.objects.Schedule, state.profile!, kind);
    try {
      if (cron !== undefined || retention) {
        const current = settingsOf(existing);
        const settings = checked(
          {
            enabled: disable ? false : enable ? true : existing ? current.enabled : true,
            cron: cron ?? current.cron,
            retentionValue: retention?.value ?? String(current.retention.value),
            unit: retention?.unit ?? current.retention.unit,
          },
          given,
        );
        await saveSchedule(ctx, kind, settings);
      } else if (enable || disable) {
        await setSchedulePaused(ctx, kind, disable);
      }
    } catch (err) {
      throw commandErrorOf(err);
    }
    const notice = ctx.store.getState().notice;
    if (notice) note(notice.text);
    let code: number = EXIT.ok;
    if (has(args, 'apply-to-existing')) {
      try {
        const applied = await applyRetentionToExisting(ctx, kind);
        note(`Retention ${describeTtl(applied.impact.ttl)} applied to ${applied.changed.length} existing ${kind} snapshots (${applied.impact.unchanged} already matched, ${applied.impact.skipped.length} skipped).`);
        for (const f of applied.failed) note(`  ${f.name}: ${f.error}`);
        if (applied.failed.length) code = EXIT.failed;
      } catch (err) {
        note(`Retention not applied to existing snapshots: ${errorText(err)}`);
        code = EXIT.failed;
      }
    }
    const { velero } = ctx.session!;
    const fresh = { ...state, objects: { ...state.objects, Schedule: Object.fromEntries((await velero.list('Schedule')).map((s) => [s.metadata.name ?? '', s])) } };
    const [view] = scheduleViews(ctx, [kind], fresh);
    if (args.rest.json) printJson(scheduleJson(view!));
    else printLines(scheduleLines(view!, ctx.now()));
    return code;
  });
}
