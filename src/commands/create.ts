// `snapshots create --full|--partial [--wait [--timeout D]] [--json]`: the Snapshots
// screen's createSnapshot (same plan, TTL and refusals); --wait follows it.
import type { CliArgs } from '../cli-args.js';
import type { Backup } from '../services/model.js';
import { describeTtl } from '../format/retention.js';
import { noCredentialsHint } from '../format/velero-cause.js';
import type { EffectContext } from '../state/context.js';
import { errorText } from '../state/operations.js';
import { locationHasKeys } from '../state/snapshots-plan.js';
import { currentPlan, createSnapshot } from '../state/snapshots.js';
import { firstError, loadSnapshotResults } from '../state/snapshots-storage.js';
import { flag, has, kindOf, onlyFlags, positionals, refuseReadonly, waitTimeout } from './args.js';
import { CommandError, EXIT, colorEnabled, note, printJson, progressWriter } from './output.js';
import { withSession, type CommandDeps } from './session.js';
import { snapshotJson } from './snapshot-json.js';
import { waitForBackup } from './wait.js';

const KINDS = ['Backup', 'Restore', 'BackupStorageLocation', 'Schedule', 'PodVolumeBackup', 'DataUpload'] as const;

export async function createCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 1, []);
  onlyFlags(args, 'create', ['full', 'partial', 'wait', 'timeout']);
  const kind = kindOf(args, true);
  refuseReadonly(args, 'create a snapshot');
  const wait = has(args, 'wait');
  const timeout = waitTimeout(args);
  return withSession(args, [...KINDS], { deps, checkServer: wait }, async (ctx) => {
    const plan = currentPlan(ctx, kind);
    if (plan.refusal) throw new CommandError(EXIT.failed, `Cannot start a ${kind} snapshot: ${plan.refusal}.`);
    let backup: Backup;
    try {
      backup = await createSnapshot(ctx, kind);
    } catch (err) {
      throw new CommandError(EXIT.failed, errorText(err));
    }
    const name = backup.metadata.name ?? '';
    note(`Started ${kind} snapshot ${name} (namespaces ${plan.namespaces.join(', ')}; kept ${describeTtl(plan.backup.spec.ttl)}).`);
    if (!wait) {
      if (args.rest.json) printJson({ ...snapshotJson(backup, ctx.now()), firstError: null });
      else process.stdout.write(`${name}\n`);
      return EXIT.ok;
    }
    const warning = ctx.store.getState().connection.versionWarning;
    if (warning) note(`Warning: ${warning}`);
    const progress = progressWriter();
    const limit = timeout === undefined ? undefined : { ms: timeout, message: `Snapshot ${name} did not finish within --timeout ${flag(args, 'timeout')}; it keeps running in the cluster. Follow it with: snapshots describe ${name}` };
    const final = await waitForBackup(ctx, name, progress, limit).finally(() => progress.end());
    if (!final) throw new CommandError(EXIT.failed, `Snapshot ${name} disappeared before it finished (deleted or expired).`);
    return report(args, final, ctx.now(), await failureDetail(ctx, final));
  });
}

interface Failure {
  lines: string[];
  firstError: string | null;
}

/** The failure reason and the first error of the results file, when the snapshot did not complete. */
async function failureDetail(ctx: EffectContext, b: Backup): Promise<Failure> {
  const s = b.status ?? {};
  const name = b.metadata.name ?? '';
  if (s.phase === 'Completed') return { lines: [], firstError: null };
  const lines: string[] = [];
  let first: string | undefined;
  if (s.failureReason) lines.push(`Failure reason: ${s.failureReason}`);
  const hint = noCredentialsHint(s.failureReason, locationHasKeys(ctx.store.getState(), b.spec.storageLocation));
  if (hint) lines.push(hint);
  for (const v of s.validationErrors ?? []) lines.push(`Validation error: ${v}`);
  try {
    first = firstError(await loadSnapshotResults(ctx, name));
    if (first) lines.push(`First error: ${first}`);
  } catch (err) {
    lines.push(`The results could not be read from the bucket: ${errorText(err)}`);
  }
  lines.push(`See: snapshots describe ${name}; snapshots logs ${name} --search error`);
  return { lines, firstError: first ?? null };
}

function report(args: CliArgs, b: Backup, now: Date, failure: Failure): number {
  const json = snapshotJson(b, now);
  const ok = json.phase === 'Completed';
  const color = colorEnabled(process.stderr, args.rest);
  note(`Snapshot ${json.name}: ${json.status} (${json.errors} errors, ${json.warnings} warnings)`, ok ? (json.warnings ? 'warn' : 'ok') : 'error', color);
  for (const line of failure.lines) note(line);
  if (args.rest.json) printJson({ ...json, firstError: failure.firstError });
  else process.stdout.write(`${json.name}\n`);
  return ok ? EXIT.ok : EXIT.failed;
}
