// Heartbeat: a cheap request to the Kubernetes API every few seconds while
// connected. A watch on a frozen apiserver (or across a silent network drop)
// just stays quiet, so without this the header would say "live" over stale
// data. A failed beat shows "reconnecting" with the reason; the first good
// beat after that reopens the watches, so whatever changed meanwhile shows.
import type { EffectContext } from './context.js';
import { errorText } from './operations.js';
import { restartWatches } from './watches.js';

export const HEARTBEAT_MS = 15_000;

export function startHeartbeat(ctx: EffectContext): () => void {
  const session = ctx.session;
  if (!session) return () => undefined;
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  const beat = async () => {
    if (stopped || ctx.session !== session) return;
    try {
      await session.backend.cluster.ping();
      if (stopped || ctx.session !== session) return;
      if (failing) {
        failing = false;
        restartWatches(ctx);
      }
    } catch (err) {
      if (stopped || ctx.session !== session) return;
      failing = true;
      ctx.store.dispatch({ type: 'connection/update', patch: { watch: 'reconnecting', watchError: errorText(err) } });
    }
    if (!stopped) timer = setTimeout(() => void beat(), ctx.heartbeatMs ?? HEARTBEAT_MS);
  };
  timer = setTimeout(() => void beat(), ctx.heartbeatMs ?? HEARTBEAT_MS);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
