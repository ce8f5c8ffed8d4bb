// What every effect gets: the store, the backend once connected, a clock.
import type { Backend, VeleroService } from '../services/interfaces.js';
import type { ConnectOptions } from '../services/options.js';
import type { Action } from './actions.js';
import type { Store } from './store.js';
import type { AppState } from './types.js';

export interface Session {
  backend: Backend;
  velero: VeleroService;
}

export interface EffectContext {
  store: Store<AppState, Action>;
  /** Opens the backend (real or demo); called by connect() and on retry. */
  open: (opts: ConnectOptions) => Promise<Backend>;
  options: ConnectOptions;
  now: () => Date;
  /** Set once connected; effects that need the cluster call requireSession(). */
  session?: Session;
  /** No progress for this long marks a running snapshot/restore as stalled (default 30 s; state/stall.ts). */
  stallAfterMs?: number;
  /** Watch silence after which the API is pinged (default 70 s; state/heartbeat.ts). */
  heartbeatMs?: number;
  /** Stop functions of open watches. */
  stops: (() => void)[];
}

export function requireSession(ctx: EffectContext): Session {
  if (!ctx.session) throw new Error('Not connected to a cluster yet.');
  return ctx.session;
}
