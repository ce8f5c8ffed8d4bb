// Following Velero after a save: watch the BSL (objects go into the store)
// until Velero validated it, and until it synced snapshots from the bucket.
import type { BackupStorageLocation } from '../services/model.js';
import { LOCATION_NAME } from '../services/storage-location.js';
import { requireSession, type EffectContext } from './context.js';
import { backupsOfLocation, patchRun } from './storage-run.js';
import type { StorageRun } from './storage-types.js';

export const SYNC_TIMEOUT_MS = 150_000;

/** Watches the BSL (into the store) until `pick` returns a value for it, or the timeout passes. */
function watchLocation<T>(ctx: EffectContext, pick: (bsl: BackupStorageLocation) => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const { velero } = requireSession(ctx);
  return new Promise((resolve) => {
    let done = false;
    let stop: () => void = () => {};
    const finish = (value: T | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      const i = ctx.stops.indexOf(stop);
      if (i >= 0) ctx.stops.splice(i, 1);
      resolve(value);
    };
    const check = (bsl: BackupStorageLocation | undefined) => {
      const value = bsl && bsl.metadata.name === LOCATION_NAME ? pick(bsl) : undefined;
      if (value !== undefined) finish(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    timer.unref?.();
    stop = velero.watch('BackupStorageLocation', {
      onReset: (items) => {
        ctx.store.dispatch({ type: 'objects/reset', kind: 'BackupStorageLocation', items });
        check(items.find((b) => b.metadata.name === LOCATION_NAME));
      },
      onEvent: (event, obj) => {
        ctx.store.dispatch({ type: 'objects/event', kind: 'BackupStorageLocation', event, obj });
        if (event !== 'DELETED') check(obj);
      },
    });
    if (done) stop();
    else ctx.stops.push(stop);
  });
}

/** Velero's phase once it validated the location after `since` (its lastValidationTime before). */
/** Our write of the location: its stored version and when it was made. */
export interface LocationWrite {
  resourceVersion?: string;
  atMs: number;
}

/**
 * Is `time` (a status time such as lastValidationTime) Velero's news after our
 * write? Status times have whole seconds, so a check in the same second as the
 * one before looks unchanged: then a newer version of the object whose time is
 * not older than our write (to the second) counts too.
 */
function isNews(bsl: BackupStorageLocation, time: string | undefined, since: string | undefined, written: LocationWrite | undefined): boolean {
  if (!time) return false;
  if (time !== since) return true;
  return written !== undefined && bsl.metadata.resourceVersion !== written.resourceVersion && Date.parse(time) >= Math.floor(written.atMs / 1000) * 1000;
}

export async function waitForVerdict(
  ctx: EffectContext,
  since: string | undefined,
  timeoutMs: number,
  written?: LocationWrite,
): Promise<NonNullable<StorageRun['verdict']>> {
  const seen = await watchLocation(ctx, (bsl) => (bsl.status?.phase && isNews(bsl, bsl.status.lastValidationTime, since, written) ? bsl : undefined), timeoutMs);
  if (!seen) {
    const now = ctx.store.getState().objects.BackupStorageLocation[LOCATION_NAME];
    return { phase: now?.status?.phase, message: now?.status?.message, timedOut: true };
  }
  return { phase: seen.status?.phase, message: seen.status?.message, at: seen.status?.lastValidationTime };
}

/** Waits for Velero's next sync of snapshots from the bucket, then counts what it lists. */
export async function waitForSync(
  ctx: EffectContext,
  since: string | undefined,
  written?: LocationWrite,
  timeoutMs = SYNC_TIMEOUT_MS,
): Promise<NonNullable<StorageRun['sync']>> {
  const { velero } = requireSession(ctx);
  const id = ctx.store.getState().storageRun?.id ?? 0;
  patchRun(ctx, id, { sync: { status: 'waiting' } });
  const at = await watchLocation(ctx, (bsl) => (isNews(bsl, bsl.status?.lastSyncedTime, since, written) ? bsl.status?.lastSyncedTime : undefined), timeoutMs);
  let sync: NonNullable<StorageRun['sync']>;
  if (!at) sync = { status: 'timed-out' };
  else {
    const backups = await velero.list('Backup').catch(() => undefined);
    sync = { status: 'done', at, backups: backups ? backupsOfLocation(backups) : undefined };
  }
  patchRun(ctx, id, { sync });
  return sync;
}
