// Storage settings effects that check and change: validate a destination step
// by step, write the credentials Secret (storage-secret.ts) and the BSL
// (restoring the previous Secret if the BSL write fails), then follow
// Velero's own verdict. Progress
// goes to `storageRun` in the store; nothing here knows about the UI.
import { ServiceError, type ValidationResult, type ValidationStep } from '../services/interfaces.js';
import type { BackupStorageLocation } from '../services/model.js';
import { DESTINATION_ANNOTATION, LOCATION_NAME } from '../services/storage-location.js';
import { requireSession, type EffectContext } from './context.js';
import { errorText, runOperation } from './operations.js';
import { accessRefusal } from './access.js';
import { describeDestination, placeChanged, type ResolvedLocation } from './storage.js';
import { backupsOfLocation, patchRun, setWrite } from './storage-run.js';
import { restoreSecret, writeCredentials } from './storage-secret.js';
import { waitForVerdict, type LocationWrite } from './storage-watch.js';
import { VALIDATION_STEPS, type StepStatus, type StorageRun } from './storage-types.js';

export const VERDICT_TIMEOUT_MS = 90_000;

let lastRunId = 0;

function beginRun(ctx: EffectContext, resolved: ResolvedLocation, intent: StorageRun['intent'], step: StepStatus): number {
  const id = ++lastRunId;
  const readOnly = resolved.composed.location.spec.accessMode === 'ReadOnly';
  const steps = Object.fromEntries(VALIDATION_STEPS.map((s) => [s, step])) as Record<ValidationStep, StepStatus>;
  const stage = intent === 'validate' || step === 'pending' ? 'validating' : 'writing';
  ctx.store.dispatch({
    type: 'storage/run',
    run: { id, intent, stage, target: describeDestination(resolved.dest), readOnly, steps, writes: [], startedAt: ctx.now().getTime() },
  });
  return id;
}
export function isStorageBusy(run: StorageRun | undefined): boolean {
  return run?.stage === 'validating' || run?.stage === 'writing';
}


/** Where the listed snapshots live when the new settings point elsewhere; undefined when nothing moves. */
export function oldLocationOf(ctx: EffectContext, resolved: ResolvedLocation): StorageRun['oldLocation'] {
  const { previous, composed } = resolved;
  if (!previous || !placeChanged(previous, composed.location)) return undefined;
  const os = previous.spec.objectStorage;
  const where = `bucket ${os.prefix ? `${os.bucket}/${os.prefix}` : os.bucket}${previous.spec.config?.s3Url ? ` at ${previous.spec.config.s3Url}` : ''}`;
  return { where, backups: backupsOfLocation(Object.values(ctx.store.getState().objects.Backup)) };
}

/**
 * Runs the storage checks against the destination the settings describe.
 * Read-only locations pass without write access: then listing snapshots is the check.
 */
export async function checkDestination(ctx: EffectContext, resolved: ResolvedLocation, intent: 'validate' | 'save'): Promise<boolean> {
  const { backend } = requireSession(ctx);
  const id = beginRun(ctx, resolved, intent, 'pending');
  const readOnly = resolved.composed.location.spec.accessMode === 'ReadOnly';
  // --readonly changes nothing, in the bucket either: no probe object is written.
  const writeProbe = !ctx.store.getState().readonly;
  const mark = (step: ValidationStep, status: StepStatus) => patchRun(ctx, id, (run) => ({ steps: { ...run.steps, [step]: status } }));
  return runOperation(ctx, 'storage-check', 'Checking storage', async (report) => {
    let current: ValidationStep | undefined;
    let result: ValidationResult;
    try {
      result = await backend.storage.validate(
        resolved.dest,
        (step) => {
          if (current) mark(current, 'ok');
          current = step;
          mark(step, 'running');
          report(`Checking: ${step}`);
        },
        { writeProbe },
      );
    } catch (err) {
      result = { ok: false, failedStep: current, message: errorText(err) };
    }
    let note = writeProbe ? undefined : 'Read-only mode (--readonly): nothing was written to the bucket, so write access was not tested; snapshots were listed instead.';
    if (!result.ok && readOnly && result.failedStep === 'write' && (result.kind === 'forbidden' || result.kind === 'unauthorized')) {
      note = 'These keys cannot write to the bucket: fine for a read-only location, snapshots were listed instead.';
      result = { ok: true };
    }
    if (!result.ok) {
      const failed = result.failedStep ?? current;
      patchRun(ctx, id, (run) => {
        const stepsAfter = { ...run.steps };
        let seen = false;
        for (const s of VALIDATION_STEPS) {
          if (s === failed) (stepsAfter[s] = 'failed'), (seen = true);
          else if (seen || stepsAfter[s] !== 'ok') stepsAfter[s] = 'skipped';
        }
        return {
          stage: 'invalid',
          steps: stepsAfter,
          failure: { step: failed, message: result.message ?? 'The storage check failed', hint: result.hint, foreignEntries: result.foreignEntries },
          endedAt: ctx.now().getTime(),
        };
      });
      return false;
    }
    let bucketBackups: number | undefined;
    try {
      bucketBackups = (await backend.storage.listBackups(resolved.dest)).length;
    } catch (err) {
      if (note) {
        patchRun(ctx, id, { stage: 'invalid', failure: { step: 'bucket', message: `Cannot list snapshots: ${errorText(err)}` }, endedAt: ctx.now().getTime() });
        return false;
      }
    }
    patchRun(ctx, id, (run) => {
      const all = { ...run.steps };
      for (const s of VALIDATION_STEPS) all[s] = note && (s === 'write' || s === 'read' || s === 'delete') ? 'skipped' : 'ok';
      return { stage: intent === 'validate' ? 'validated' : 'validating', steps: all, bucketBackups, note, endedAt: intent === 'validate' ? ctx.now().getTime() : undefined };
    });
    return true;
  });
}

export interface ApplyOutcome {
  stored: BackupStorageLocation;
  /** For waitForSync: what counts as news after this write. */
  written: LocationWrite;
  verdict: NonNullable<StorageRun['verdict']>;
}

/** The stored object with the new spec; keeps its metadata (resourceVersion, labels). */
function merged(existing: BackupStorageLocation, next: BackupStorageLocation): BackupStorageLocation {
  const annotations = { ...existing.metadata.annotations, ...next.metadata.annotations };
  if (!next.metadata.annotations?.[DESTINATION_ANNOTATION]) delete annotations[DESTINATION_ANNOTATION];
  const metadata = { ...existing.metadata, name: next.metadata.name, namespace: next.metadata.namespace, annotations };
  return { ...next, metadata, status: existing.status };
}

/**
 * Writes the Secret, then the BSL. If the BSL write fails after the Secret
 * changed, the previous Secret data is put back (and the run says so).
 * Then waits for Velero to check the location itself.
 */
export async function applyStorage(ctx: EffectContext, resolved: ResolvedLocation, opts: { verdictTimeoutMs?: number } = {}): Promise<ApplyOutcome> {
  const { backend, velero } = requireSession(ctx);
  // Continue the run of the check that passed just before, or start one that says it was not checked here.
  const prior = ctx.store.getState().storageRun;
  const checked = prior && prior.intent === 'save' && prior.stage === 'validating' && !prior.failure && prior.target === describeDestination(resolved.dest);
  const id = checked ? prior.id : beginRun(ctx, resolved, 'save', 'skipped');
  const { composed } = resolved;
  patchRun(ctx, id, { intent: 'save', stage: 'writing', oldLocation: oldLocationOf(ctx, resolved), endedAt: undefined });
  return runOperation(ctx, 'storage-apply', 'Saving storage settings', async (report) => {
    const ns = velero.namespace;
    // Known to be refused: write nothing rather than a Secret without its location.
    const denied = accessRefusal(ctx.store.getState(), 'storage-write');
    if (denied) {
      patchRun(ctx, id, { stage: 'write-failed', writeError: `Nothing was changed: ${denied}.`, endedAt: ctx.now().getTime() });
      throw new ServiceError('forbidden', `Cannot save the storage settings: ${denied}`);
    }
    const existing = await velero.get('BackupStorageLocation', LOCATION_NAME);
    const secret = await writeCredentials(ctx, id, composed, report);
    const label = `BackupStorageLocation ${ns}/${LOCATION_NAME}`;
    setWrite(ctx, id, { id: 'location', label, status: 'running' });
    report(`Writing ${label}`);
    let stored: BackupStorageLocation;
    const writtenAt = ctx.now().getTime();
    try {
      stored = existing
        ? await velero.update('BackupStorageLocation', merged(existing, composed.location))
        : await velero.create('BackupStorageLocation', composed.location);
    } catch (err) {
      setWrite(ctx, id, { id: 'location', label, status: 'failed', error: errorText(err) });
      const undo = await restoreSecret(ctx, id, secret);
      patchRun(ctx, id, { stage: 'write-failed', writeError: `${errorText(err)} ${undo}`, endedAt: ctx.now().getTime() });
      throw err;
    }
    setWrite(ctx, id, { id: 'location', label, status: 'ok' });
    patchRun(ctx, id, { stage: 'waiting' });
    report('Waiting for Velero to check the location');
    const written = { resourceVersion: stored.metadata.resourceVersion, atMs: writtenAt };
    const verdict = await waitForVerdict(ctx, stored.status?.lastValidationTime, opts.verdictTimeoutMs ?? VERDICT_TIMEOUT_MS, written);
    patchRun(ctx, id, { stage: 'done', verdict, endedAt: ctx.now().getTime() });
    return { stored, verdict, written };
  });
}
