// Work this program is doing itself when it is told to stop (SIGHUP from a
// dropped SSH session, SIGTERM, SIGINT): a restore's preparation (removing the
// app, then creating the Restore) or a storage save (Secret, then BSL). Stopping
// half-way would leave the cluster half-changed — the app deleted and no
// Restore — so the process finishes these first, without a terminal.
import type { EffectContext } from './context.js';
import { selectRunningOperations } from './selectors.js';
import type { Operation } from './types.js';

/** Operations that only read: stopping them loses nothing. */
const READ_ONLY = new Set(['storage-check', 'snapshot-refresh']);

/** Running operations that change the cluster and must not be cut off. */
export function pendingWrites(ctx: EffectContext): Operation[] {
  return selectRunningOperations(ctx.store.getState()).filter((op) => !READ_ONLY.has(op.id));
}

/** Resolves when no writing operation runs any more (or after `timeoutMs`, with false). */
export function waitForPendingWrites(ctx: EffectContext, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (pendingWrites(ctx).length === 0) return resolve(true);
    const done = (ok: boolean) => {
      unsubscribe();
      clearTimeout(timer);
      resolve(ok);
    };
    const unsubscribe = ctx.store.subscribe(() => {
      if (pendingWrites(ctx).length === 0) done(true);
    });
    const timer = setTimeout(() => done(false), timeoutMs);
  });
}
