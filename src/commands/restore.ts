// `snapshots restore NAME --full|--partial [--app SLUG] [--in-place] [--wait [--timeout D]] --yes`:
// the Restore screen's startRestore (removing the app's resources, or the
// namespaces in place, first), progress on stderr, the result on exit.
import type { CliArgs } from '../cli-args.js';
import { restorePhaseView } from '../format/phase.js';
import type { Restore } from '../services/model.js';
import type { EffectContext } from '../state/context.js';
import { planFor, RESTORE_OP_PREFIX, restoreStartBlockReason, startRestore, waitForRestore } from '../state/restore.js';
import type { RestoreMode } from '../state/restore-plan.js';
import { loadRestoreReport } from '../state/restore-report.js';
import { groupResults, nextSteps, resultHeadline } from '../state/restore-view.js';
import { locationHasKeys } from '../state/snapshots-plan.js';
import { flag, has, kindOf, onlyFlags, positionals, refuseReadonly, usage, waitTimeout } from './args.js';
import { confirmTyped, requireYesOrTerminal } from './confirm.js';
import { requireBackup } from './describe.js';
import { colorEnabled, CommandError, commandErrorOf, EXIT, note, printJson, progressWriter } from './output.js';
import { openSession, type CommandDeps } from './session.js';
import { restoreJson } from './snapshot-json.js';
import { restoreProgressText, showWhile } from './wait.js';
import { shutdown } from '../state/session.js';
import { quote } from '../format/quote.js';

const KINDS = ['Backup', 'Restore', 'PodVolumeRestore', 'DataDownload', 'BackupStorageLocation'] as const;

/**
 * The profile is resolved as without --app (profile file or detection), so
 * that --app confirms the slug instead of choosing it; only when that cannot
 * tell the app apart does --app choose, as it does for the other commands.
 */
async function connect(args: CliArgs, deps?: CommandDeps): Promise<EffectContext> {
  try {
    return await openSession(args, [...KINDS], { deps, connect: { ...args.connect, app: undefined } });
  } catch (err) {
    if (!(err instanceof CommandError) || err.code !== EXIT.usage || !args.connect.app) throw err;
    return openSession(args, [...KINDS], { deps });
  }
}

function modeOf(args: CliArgs): RestoreMode {
  const kind = kindOf(args, true);
  if (kind === 'partial' && has(args, 'in-place')) throw usage('--in-place is for --full: a partial restore always removes the app’s resources first.');
  return kind === 'partial' ? 'partial' : has(args, 'in-place') ? 'full-in-place' : 'full-new';
}

export async function restoreCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  const [name = ''] = positionals(args, 1, ['NAME']);
  onlyFlags(args, 'restore', ['full', 'partial', 'in-place', 'wait', 'timeout', 'yes']);
  waitTimeout(args);
  const mode = modeOf(args);
  refuseReadonly(args, 'restore');
  requireYesOrTerminal(has(args, 'yes'), `Restoring from ${name}`);
  const ctx = await connect(args, deps);
  try {
    return await run(ctx, args, name, mode);
  } finally {
    shutdown(ctx);
  }
}

async function run(ctx: EffectContext, args: CliArgs, name: string, mode: RestoreMode): Promise<number> {
  requireBackup(ctx, name);
  const state = ctx.store.getState();
  const slug = state.profile?.slug ?? '';
  const at = ctx.now();
  const plan = planFor(state, name, mode, at);
  if (plan.refusal) throw usage(plan.refusal);
  if (mode === 'partial') {
    const app = args.connect.app;
    if (!app) throw usage(`A partial restore removes the app's resources first: pass --app ${slug} to confirm the app.`);
    if (app !== slug) throw usage(`--app ${quote(app)} is not the app's slug: the expected value is ${slug}. Nothing was changed.`);
  }
  const blocked = restoreStartBlockReason(state);
  if (blocked) throw new CommandError(EXIT.failed, `Cannot restore now: ${blocked}.`);
  if (plan.warning) note(`Warning: ${plan.warning}`);
  const removes =
    mode === 'partial'
      ? `First removes the app's current resources (${plan.removeSelector}) in ${plan.removeNamespaces.join(', ')}.`
      : mode === 'full-in-place'
        ? `First DELETES namespaces ${plan.deleteNamespaces.join(', ')} and waits until they are gone.`
        : 'Restores into this cluster; objects that already exist are left as they are.';
  await confirmTyped({
    yes: has(args, 'yes'),
    expected: mode === 'partial' ? slug : name,
    what: mode === 'partial' ? 'the app slug' : 'the snapshot name',
    action: `Restoring from ${name}`,
    warning: [`Restore ${mode === 'partial' ? 'the app (partial)' : 'everything (full)'} from snapshot ${name}.`, removes],
  });

  const progress = progressWriter();
  let restoreName = plan.restore.metadata.name ?? '';
  const show = () => progress(restoreProgressText(ctx.store.getState(), restoreName, RESTORE_OP_PREFIX + restoreName, ctx.now(), progress.tty));
  let created: Restore;
  try {
    created = await showWhile(ctx, startRestore(ctx, { backup: name, mode, slug: args.connect.app, at, onName: (n) => (restoreName = n) }), show);
  } catch (err) {
    progress.end();
    throw commandErrorOf(err);
  }
  restoreName = created.metadata.name ?? restoreName;
  if (!has(args, 'wait')) {
    progress.end();
    note(`Restore ${restoreName} started. Follow it with: snapshots restores`);
    if (args.rest.json) printJson({ ...restoreJson(created), mode, headline: null, firstError: null, nextSteps: [] });
    else process.stdout.write(`${restoreName}\n`);
    return EXIT.ok;
  }
  // --timeout counts from here: the removal before it always runs to its end (stopping it halfway would leave the app half removed).
  const timeout = waitTimeout(args);
  const final = await showWhile(ctx, waitForRestore(ctx, restoreName, timeout), show)
    .catch(() => {
      throw new CommandError(EXIT.failed, `Restore ${restoreName} did not finish within --timeout ${flag(args, 'timeout')}; it keeps running in the cluster. Follow it with: snapshots restores`);
    })
    .finally(() => progress.end());
  return report(ctx, args, final, mode);
}

async function report(ctx: EffectContext, args: CliArgs, r: Restore, mode: RestoreMode): Promise<number> {
  const state = ctx.store.getState();
  const headline = resultHeadline(r);
  const ok = r.status?.phase === 'Completed';
  note(`Restore ${r.metadata.name ?? ''} (${restorePhaseView(r).label.toLowerCase()}): ${headline.text}`, headline.tone, colorEnabled(process.stderr, args.rest));
  let firstError: string | null = null;
  if (r.status?.errors || !ok) {
    const { results, problem } = await loadRestoreReport(ctx, r.metadata.name ?? '');
    const group = results ? groupResults(results).find((g) => g.errors.length) : undefined;
    if (group) firstError = `${group.scope}: ${group.errors[0]}`;
    if (firstError) note(`First error: ${firstError}`);
    else if (problem) note(`The results could not be read: ${problem}`);
  }
  const backup = state.objects.Backup[r.spec.backupName ?? ''];
  const steps = nextSteps(r, state.profile, backup?.spec.includedNamespaces, locationHasKeys(state, backup?.spec.storageLocation)).map((s) => s.replace(' (l)', ''));
  for (const s of steps) note(`  - ${s}`);
  if (args.rest.json) printJson({ ...restoreJson(r), mode, headline: headline.text, firstError, nextSteps: steps });
  else process.stdout.write(`${r.metadata.name ?? ''}\n`);
  return ok ? EXIT.ok : EXIT.failed;
}
