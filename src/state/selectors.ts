// Derived views of the state, memoized on the inputs they read so that
// components re-render only when those inputs change.
import type { Backup, Restore } from '../services/model.js';
import { isBackupRunning, isRestoreRunning } from '../format/phase.js';
import type { AppState } from './types.js';

function memoOn<I, O>(input: (s: AppState) => I, compute: (i: I) => O): (s: AppState) => O {
  let lastIn: I | undefined;
  let lastOut: O | undefined;
  let primed = false;
  return (s) => {
    const i = input(s);
    if (!primed || i !== lastIn) {
      lastIn = i;
      lastOut = compute(i);
      primed = true;
    }
    return lastOut as O;
  };
}

function startedAt(b: { metadata: { creationTimestamp?: string }; status?: { startTimestamp?: string } }): number {
  return Date.parse(b.status?.startTimestamp ?? b.metadata.creationTimestamp ?? '') || 0;
}

/** All snapshots, newest first. */
export const selectBackups = memoOn(
  (s) => s.objects.Backup,
  (byName): Backup[] => Object.values(byName).sort((a, b) => startedAt(b) - startedAt(a) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')),
);

export const selectRestores = memoOn(
  (s) => s.objects.Restore,
  (byName): Restore[] => Object.values(byName).sort((a, b) => startedAt(b) - startedAt(a)),
);

export const selectRunningBackups = memoOn(selectBackups, (list) => list.filter(isBackupRunning));
export const selectRunningRestore = memoOn(selectRestores, (list) => list.find(isRestoreRunning));

export const selectDefaultLocation = (s: AppState) => {
  const all = Object.values(s.objects.BackupStorageLocation);
  return all.find((l) => l.spec.default) ?? s.objects.BackupStorageLocation['default'] ?? all[0];
};

export const selectRunningOperations = memoOn(
  (s) => s.operations,
  (ops) => Object.values(ops).filter((o) => o.status === 'running'),
);
