// Opens one watch per Velero kind and feeds the store. The connection's watch
// state is the worst of all of them, so the header can say "reconnecting".
import type { WatchState } from '../services/interfaces.js';
import { VELERO_KINDS, type VeleroKind } from '../services/model.js';
import { requireSession, type EffectContext } from './context.js';
import { selectRunningRestore } from './selectors.js';

const RANK: Record<WatchState, number> = { live: 0, connecting: 1, reconnecting: 2 };

/** The open watches of each context, so they can be reopened (re-listed) on their own. */
const open = new WeakMap<EffectContext, { kinds?: VeleroKind[]; stops: (() => void)[] }>();

/** When a watch of each context last received anything (Date.now()); read by the heartbeat. */
const heard = new WeakMap<EffectContext, number>();

/** When a list or watch last brought something from the apiserver (an object, an event, a bookmark), if ever. */
export function lastWatchTraffic(ctx: EffectContext): number | undefined {
  return heard.get(ctx);
}

/** Closes and reopens the watches (a full re-list): after the API was unreachable, a silently dead connection may hide changes. */
export function restartWatches(ctx: EffectContext): void {
  const current = open.get(ctx);
  if (!current || !ctx.session) return;
  for (const stop of current.stops) {
    stop();
    const i = ctx.stops.indexOf(stop);
    if (i >= 0) ctx.stops.splice(i, 1);
  }
  startWatches(ctx, current.kinds);
}

export function startWatches(ctx: EffectContext, kinds: VeleroKind[] = Object.keys(VELERO_KINDS) as VeleroKind[]): void {
  const mine: (() => void)[] = [];
  open.set(ctx, { kinds, stops: mine });
  const { velero } = requireSession(ctx);
  const states = new Map<VeleroKind, WatchState>();
  const errors = new Map<VeleroKind, string>();
  const publish = () => {
    let worst: WatchState = 'live';
    for (const s of states.values()) if (RANK[s] > RANK[worst]) worst = s;
    const watchError = [...errors.values()][0];
    ctx.store.dispatch({ type: 'connection/update', patch: { watch: worst, watchError } });
  };
  for (const kind of kinds) {
    states.set(kind, 'connecting');
    const alive = () => heard.set(ctx, Date.now());
    const stop = velero.watch(kind, {
      onAlive: alive,
      onReset: (items) => {
        alive();
        const first = !ctx.store.getState().loaded[kind];
        ctx.store.dispatch({ type: 'objects/reset', kind, items });
        // Reopened during a restore (e.g. after the SSH session dropped): show it first.
        if (first && kind === 'Restore' && selectRunningRestore(ctx.store.getState())) {
          ctx.store.dispatch({ type: 'route/screen', screen: 'restore' });
        }
        // A completed list means the watch is up, even if onState is never called.
        if (states.get(kind) === 'connecting') {
          states.set(kind, 'live');
          publish();
        }
      },
      onEvent: (event, obj) => {
        alive();
        ctx.store.dispatch({ type: 'objects/event', kind, event, obj });
      },
      onState: (state, error) => {
        states.set(kind, state);
        if (error) errors.set(kind, error.message);
        else errors.delete(kind);
        publish();
      },
    });
    ctx.stops.push(stop);
    mine.push(stop);
  }
}

export function stopWatches(ctx: EffectContext): void {
  for (const stop of ctx.stops.splice(0)) stop();
}
