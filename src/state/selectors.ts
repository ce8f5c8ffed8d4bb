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

type Started = { metadata: { name?: string; creationTimestamp?: string }; status?: { startTimestamp?: string } };

// Objects are replaced, never mutated, so an object's start time can be parsed once.
const startTimes = new WeakMap<object, number>();
function startedAt(b: Started): number {
  let t = startTimes.get(b);
  if (t === undefined) {
    t = Date.parse(b.status?.startTimestamp ?? b.metadata.creationTimestamp ?? '') || 0;
    startTimes.set(b, t);
  }
  return t;
}

const newestFirst = (a: Started, b: Started) => startedAt(b) - startedAt(a) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/**
 * Objects sorted newest first, kept in step with a by-name record. A watch
 * event replaces one object; when the names are the same and no start time
 * moved, the previous order still holds and the changed objects are swapped in
 * place (O(n), no re-sort: with thousands of snapshots the sort was most of
 * the cost of a progress update).
 */
function newestFirstSorter<T extends Started>(): (byName: Record<string, T>) => T[] {
  let primed = false;
  let lastOut: T[] = [];
  return (byName) => {
    if (primed && lastOut.length === Object.keys(byName).length) {
      let out: T[] | undefined;
      let i = 0;
      for (; i < lastOut.length; i++) {
        const old = lastOut[i] as T;
        const now = byName[old.metadata.name ?? ''];
        if (now === old) continue;
        if (!now || startedAt(now) !== startedAt(old)) break;
        out ??= lastOut.slice();
        out[i] = now;
      }
      if (i === lastOut.length) return (lastOut = out ?? lastOut);
    }
    primed = true;
    return (lastOut = Object.values(byName).sort(newestFirst));
  };
}

/** All snapshots, newest first. */
export const selectBackups = memoOn((s) => s.objects.Backup, newestFirstSorter<Backup>());

export const selectRestores = memoOn((s) => s.objects.Restore, newestFirstSorter<Restore>());

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
