// `snapshots storage validate [...]` and `snapshots storage set ...`: the
// Storage screen's resolve → check → apply → Velero verdict, without the form.
import type { CliArgs } from '../cli-args.js';
import { ServiceError } from '../services/interfaces.js';
import type { EffectContext } from '../state/context.js';
import { errorText } from '../state/operations.js';
import { selectRunningBackups } from '../state/selectors.js';
import { currentLocation, describeDestination, loadFormContext, resolveLocation, type ResolvedLocation } from '../state/storage.js';
import { applyStorage, checkDestination, oldLocationOf } from '../state/storage-apply.js';
import { formFromLocation } from '../state/storage-form.js';
import { waitForSync } from '../state/storage-watch.js';
import { has, onlyFlags, positionals, refuseReadonly, usage } from './args.js';
import { commandErrorOf, note, printJson, printLines, progressWriter } from './output.js';
import { withSession, type CommandDeps } from './session.js';
import { showWhile } from './wait.js';
import { checkExit, saveExit, storageRunJson, storageRunLines } from './storage-report.js';
import { checkStorageFlags, destinationGiven, DESTINATION_FLAGS, formFromFlags, readKeys } from './storage-args.js';

const KINDS = ['BackupStorageLocation', 'Backup'] as const;

/** The destination the flags describe (or the current one), resolved as the screen does. */
async function resolveFromFlags(ctx: EffectContext, args: CliArgs, given: Awaited<ReturnType<typeof parseGiven>>): Promise<ResolvedLocation> {
  const fctx = await loadFormContext(ctx);
  let form;
  if (given) form = formFromFlags(args, given.type, fctx, given.keys);
  else {
    const location = await currentLocation(ctx);
    if (!location) throw usage('No storage location is set up yet: pass the destination (--provider, --bucket, ...) to check one.');
    form = formFromLocation(location, fctx.storedKeys || Boolean(location.spec.credential));
  }
  let resolved: ResolvedLocation;
  try {
    resolved = await resolveLocation(ctx, form, fctx);
  } catch (err) {
    // A CA file that is not PEM, keys that must be given: input problems. Cluster failures keep their kind.
    throw err instanceof ServiceError ? commandErrorOf(err) : usage(`${errorText(err)}. Nothing was checked or saved.`);
  }
  if (has(args, 'insecure-skip-tls-verify')) {
    resolved.composed.location.spec.config = { ...resolved.composed.location.spec.config, insecureSkipTLSVerify: 'true' };
    resolved.dest.insecureSkipTLSVerify = true;
  }
  return resolved;
}

async function parseGiven(args: CliArgs) {
  if (!destinationGiven(args)) return undefined;
  const type = checkStorageFlags(args);
  return { type, keys: await readKeys(args) };
}

export async function storageValidateCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 2, []);
  onlyFlags(args, 'storage validate', DESTINATION_FLAGS);
  const given = await parseGiven(args);
  return withSession(args, [...KINDS], { deps }, async (ctx) => {
    const resolved = await resolveFromFlags(ctx, args, given);
    await checkDestination(ctx, resolved, 'validate').catch(() => false);
    const run = ctx.store.getState().storageRun!;
    if (args.rest.json) printJson(storageRunJson(run));
    else printLines(storageRunLines(run));
    return checkExit(run);
  });
}

export async function storageSetCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 2, []);
  onlyFlags(args, 'storage set', [...DESTINATION_FLAGS, 'wait']);
  const type = checkStorageFlags(args);
  const keys = await readKeys(args);
  refuseReadonly(args, 'change the storage settings');
  return withSession(args, [...KINDS], { deps }, async (ctx) => {
    const resolved = await resolveFromFlags(ctx, args, { type, keys });
    const progress = progressWriter();
    // The running operation's detail is the progress line; the timer keeps the process alive meanwhile.
    const show = (id: string) => () => {
      const op = ctx.store.getState().operations[id];
      if (op?.status === 'running' && op.detail) progress(op.detail);
    };
    progress(`Checking ${describeDestination(resolved.dest)}`);
    const ok = await showWhile(ctx, checkDestination(ctx, resolved, 'save').catch(() => false), show('storage-check'));
    if (ok) {
      warnBeforeApply(ctx, resolved);
      try {
        const outcome = await showWhile(ctx, applyStorage(ctx, resolved), show('storage-apply'));
        if (outcome.verdict.phase === 'Available' && has(args, 'wait')) {
          progress('Waiting for Velero to sync the snapshot list from the bucket (it does every minute)');
          await showWhile(ctx, waitForSync(ctx, outcome.stored.status?.lastSyncedTime, outcome.written), () => {});
        }
      } catch {
        // The run says what failed and what was rolled back.
      }
    }
    progress.end();
    const run = ctx.store.getState().storageRun!;
    if (args.rest.json) printJson(storageRunJson(run));
    else printLines(storageRunLines(run));
    return saveExit(run);
  });
}

/** What the screen asks to confirm, said on stderr: snapshots left behind, running snapshots, read-only. */
function warnBeforeApply(ctx: EffectContext, resolved: ResolvedLocation): void {
  const old = oldLocationOf(ctx, resolved);
  if (old && old.backups > 0) note(`Note: the ${old.backups} snapshots listed now stay in ${old.where}; they leave the list at Velero's next sync.`);
  const running = selectRunningBackups(ctx.store.getState()).length;
  if (running) note(`Warning: ${running} snapshot${running === 1 ? '' : 's'} running now may fail when the storage changes.`);
  if (resolved.composed.location.spec.accessMode === 'ReadOnly' && resolved.previous?.spec.accessMode !== 'ReadOnly') {
    note('Note: read-only — Velero will restore from this bucket but take no new snapshots until it is set back to read-write.');
  }
}
