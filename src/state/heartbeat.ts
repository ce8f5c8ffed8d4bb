// Heartbeat: notices an apiserver that stopped answering. A watch on a frozen
// apiserver (or across a silent network drop) just stays quiet, so without
// this the header would say "live" over stale data. A failed ping shows
// "reconnecting" with the reason; the first good ping after that reopens the
// watches, so whatever changed meanwhile shows.
//
// It pings only after a silence. The watches are opened with
// allowWatchBookmarks, and the apiserver sends every such watch a bookmark
// about once a minute even when nothing changes (measured on the lab's
// v1.35: at 60.1 and 61.7 s on three watches, each 60 s after the last), so
// anything arriving on any watch (an event, a bookmark, a list) proves the
// apiserver alive and costs no request. After SILENCE_MS without any, a
// SelfSubjectReview is sent; while that fails, one every RETRY_MS. An idle,
// healthy session therefore makes no request at all; the price is that a
// frozen apiserver shows after up to SILENCE_MS + the ping's 10 s timeout
// (~80 s) instead of the fixed 15 s period's ~25 s. 70 s leaves room for the
// bookmarks' jitter: a late one costs one ping, not a false alarm. While the
// admin is at the keys, though, a key after ACTIVE_SILENCE_MS of quiet pings
// at once (noteUserActivity): someone reading the screen learns within
// ~25 s, as before, and an idle screen still costs nothing.
import type { EffectContext } from './context.js';
import { errorText } from './operations.js';
import { lastWatchTraffic, restartWatches } from './watches.js';

/** No watch traffic for this long: ask the apiserver whether it still answers. */
export const SILENCE_MS = 70_000;
/** While it does not answer: ask again this often. */
export const RETRY_MS = 15_000;
/** A key pressed after this long without watch traffic pings now. */
export const ACTIVE_SILENCE_MS = 15_000;

const pokes = new WeakMap<EffectContext, () => void>();

/** The admin pressed a key: if the watches have been quiet a while, check the apiserver now. */
export function noteUserActivity(ctx: EffectContext): void {
  pokes.get(ctx)?.();
}

export function startHeartbeat(ctx: EffectContext): () => void {
  const session = ctx.session;
  if (!session) return () => undefined;
  // ctx.heartbeatMs (tests) shortens the silence, and the retry with it.
  const silenceMs = ctx.heartbeatMs ?? SILENCE_MS;
  const retryMs = Math.min(silenceMs, RETRY_MS);
  let stopped = false;
  let failing = false;
  // The last proof of life: the start (the connection was just made), a good ping, or watch traffic.
  let lastGood = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const gone = () => stopped || ctx.session !== session;
  const arm = (ms: number) => {
    if (!gone()) timer = setTimeout(check, Math.max(0, ms));
  };
  const check = () => {
    if (gone()) return;
    if (!failing) {
      const quiet = Date.now() - Math.max(lastGood, lastWatchTraffic(ctx) ?? 0);
      if (quiet < silenceMs) return arm(silenceMs - quiet);
    }
    void beat();
  };
  let pinging = false;
  const beat = async () => {
    if (pinging) return;
    pinging = true;
    try {
      await session.backend.cluster.ping();
      if (gone()) return;
      lastGood = Date.now();
      if (failing) {
        failing = false;
        restartWatches(ctx);
      }
      arm(silenceMs);
    } catch (err) {
      if (gone()) return;
      failing = true;
      ctx.store.dispatch({ type: 'connection/update', patch: { watch: 'reconnecting', watchError: errorText(err) } });
      arm(retryMs);
    } finally {
      pinging = false;
    }
  };
  const activeSilenceMs = Math.min(silenceMs, ACTIVE_SILENCE_MS);
  pokes.set(ctx, () => {
    if (gone() || failing || pinging) return;
    if (Date.now() - Math.max(lastGood, lastWatchTraffic(ctx) ?? 0) < activeSilenceMs) return;
    if (timer) clearTimeout(timer);
    void beat();
  });
  arm(silenceMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    pokes.delete(ctx);
  };
}
