// Updating the storage run in the store, and counting what a location lists.
import type { Backup } from '../services/model.js';
import { LOCATION_NAME } from '../services/storage-location.js';
import type { EffectContext } from './context.js';
import type { StorageRun, WriteStep } from './storage-types.js';

export function patchRun(ctx: EffectContext, id: number, patch: Partial<StorageRun> | ((run: StorageRun) => Partial<StorageRun>)): void {
  const run = ctx.store.getState().storageRun;
  if (!run || run.id !== id) return;
  ctx.store.dispatch({ type: 'storage/run', run: { ...run, ...(typeof patch === 'function' ? patch(run) : patch) } });
}

/** Snapshots Velero lists from a location (by spec or by its label). */
export function backupsOfLocation(backups: Iterable<Backup>, location = LOCATION_NAME): number {
  let n = 0;
  for (const b of backups) if ((b.spec.storageLocation ?? b.metadata.labels?.['velero.io/storage-location']) === location) n++;
  return n;
}

/** Adds or replaces one write step (Secret, location, rollback) of the run. */
export function setWrite(ctx: EffectContext, id: number, step: WriteStep): void {
  patchRun(ctx, id, (run) => ({ writes: [...run.writes.filter((w) => w.id !== step.id), step] }));
}
