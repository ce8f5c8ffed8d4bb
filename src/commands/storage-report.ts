// A storage check / save run (state/storage-types.ts StorageRun) as lines for
// people and as stable JSON. Holds no secrets: the run never has any.
import { STEP_LABELS, VALIDATION_STEPS, type StepStatus, type StorageRun } from '../state/storage-types.js';
import { EXIT, type ExitCode } from './output.js';
import { unavailableHint } from '../format/velero-cause.js';

const ICON: Record<StepStatus, string> = { pending: '·', running: '…', ok: '✔', failed: '✖', skipped: '–' };

export function storageRunJson(run: StorageRun) {
  return {
    intent: run.intent,
    target: run.target,
    readOnly: run.readOnly,
    checked: run.stage !== 'invalid' && !run.failure,
    steps: Object.fromEntries(VALIDATION_STEPS.map((s) => [s, run.steps[s]])),
    failure: run.failure ? { step: run.failure.step ?? null, message: run.failure.message, hint: run.failure.hint ?? null, foreignEntries: run.failure.foreignEntries ?? [] } : null,
    note: run.note ?? null,
    bucketBackups: run.bucketBackups ?? null,
    writes: run.writes.map((w) => ({ id: w.id, label: w.label, status: w.status, error: w.error ?? null })),
    writeError: run.writeError ?? null,
    verdict: run.verdict ? { phase: run.verdict.phase ?? null, message: run.verdict.message ?? null, at: run.verdict.at ?? null, timedOut: Boolean(run.verdict.timedOut) } : null,
    sync: run.sync ? { status: run.sync.status, at: run.sync.at ?? null, backups: run.sync.backups ?? null } : null,
  };
}

export function storageRunLines(run: StorageRun): string[] {
  const lines = [`${run.intent === 'validate' ? 'Checking' : 'Saving'} ${run.target}${run.readOnly ? ' (read-only)' : ''}`];
  for (const s of VALIDATION_STEPS) lines.push(`  ${ICON[run.steps[s]]} ${STEP_LABELS[s]}${run.steps[s] === 'skipped' ? ' (skipped)' : ''}`);
  if (run.failure) {
    lines.push(`✖ ${run.failure.message}`);
    if (run.failure.hint) lines.push(`  ${run.failure.hint}`);
    lines.push('Nothing in the cluster was changed.');
  } else if (run.stage !== 'invalid') {
    const count = run.bucketBackups === undefined ? '' : ` The bucket holds ${run.bucketBackups} snapshot${run.bucketBackups === 1 ? '' : 's'}.`;
    lines.push(`✔ Storage check passed.${count}${run.intent === 'validate' ? ' Nothing was saved.' : ''}`);
  }
  if (run.note) lines.push(`! ${run.note}`);
  for (const w of run.writes) lines.push(`  ${ICON[w.status]} ${w.label}${w.error ? `: ${w.error}` : ''}`);
  if (run.writeError) lines.push(`✖ ${run.writeError}`);
  const v = run.verdict;
  if (v?.timedOut) lines.push(`Saved, but Velero has not checked the location yet${v.phase ? ` (still shows ${v.phase})` : ''}. Is the Velero server running?`);
  else if (v?.phase === 'Available') lines.push(`● Available — Velero can use the location${v.at ? ` (checked ${v.at})` : ''}.`);
  else if (v?.phase === 'Unavailable') {
    lines.push(`● Unavailable — Velero cannot use the location: ${v.message ?? 'no reason given'}`);
    lines.push(unavailableHint(v.message));
  }
  const s = run.sync;
  if (s?.status === 'done') lines.push(`✔ Velero synced${s.backups !== undefined ? ` and lists ${s.backups} snapshot${s.backups === 1 ? '' : 's'} from this location` : ''}.`);
  if (s?.status === 'timed-out') lines.push('Velero has not synced yet; the snapshot list fills in when it does.');
  return lines;
}

/** A failed check: 3 when the server could not be reached, else 1. */
export function checkExit(run: StorageRun | undefined): ExitCode {
  if (!run?.failure) return EXIT.ok;
  return run.failure.step === 'reach' ? EXIT.unreachable : EXIT.failed;
}

/** After a save: 0 Available, 1 Unavailable (or a write failed), 3 when Velero never checked. */
export function saveExit(run: StorageRun | undefined): ExitCode {
  if (!run || run.failure) return checkExit(run);
  if (run.writeError || run.stage === 'write-failed') return EXIT.failed;
  if (run.verdict?.timedOut) return EXIT.unreachable;
  return run.verdict?.phase === 'Available' ? EXIT.ok : EXIT.failed;
}
