// What Velero wrote to the bucket for a finished restore: its results
// (warnings/errors by namespace) and its log. They live next to the backup's
// location under restores/<name>/, written when the restore finishes.
import type { S3Destination } from '../services/interfaces.js';
import type { OperationResults } from '../services/model.js';
import { requireSession, type EffectContext } from './context.js';
import { errorText } from './operations.js';
import { storageDestination } from './snapshots-storage.js';

async function destinationOfRestore(ctx: EffectContext, name: string): Promise<S3Destination> {
  const state = ctx.store.getState();
  const backupName = state.objects.Restore[name]?.spec.backupName;
  const backup = backupName ? state.objects.Backup[backupName] : undefined;
  return storageDestination(ctx, backup?.spec.storageLocation);
}

export interface RestoreReport {
  results?: OperationResults;
  /** Why the results could not be read (they may not be uploaded yet, or storage is unreachable). */
  problem?: string;
}

export async function loadRestoreReport(ctx: EffectContext, name: string): Promise<RestoreReport> {
  const { backend } = requireSession(ctx);
  try {
    const results = await backend.storage.readRestoreResults(await destinationOfRestore(ctx, name), name);
    return results ? { results } : { problem: 'Velero has not written the results of this restore to the bucket.' };
  } catch (err) {
    return { problem: errorText(err) };
  }
}

export async function loadRestoreLog(ctx: EffectContext, name: string): Promise<string> {
  const { backend } = requireSession(ctx);
  return backend.storage.readRestoreLog(await destinationOfRestore(ctx, name), name);
}
