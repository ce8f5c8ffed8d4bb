// A list+watch that keeps itself alive: list, watch from the list's
// resourceVersion, and on any drop reconnect with backoff and re-list (so the
// caller's view is whole again). Idle watches cost nothing: no polling.
// Transport-free so the reconnect rules can be tested with a scripted source.
import { ServiceError, type Unsubscribe, type WatchEventType, type WatchHandlers, type WatchState } from './interfaces.js';
import { httpStatusOf, toServiceError, type KubeStatus } from './kube-errors.js';

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export interface WatchSource<T> {
  list(signal: AbortSignal): Promise<ListResult<T>>;
  /**
   * Opens a watch from `resourceVersion`. `done` is called once when it ends
   * (null for a clean close). Aborting `signal` must tear the connection down.
   */
  watch(resourceVersion: string, onEvent: (type: string, obj: unknown) => void, done: (err: unknown) => void, signal: AbortSignal): Promise<void>;
}

export interface ReconnectOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A watch that lived this long before closing cleanly was a server timeout, not a failure. */
  stableMs?: number;
  /**
   * Nothing at all on an open watch for this long (the apiserver sends a
   * bookmark about once a minute): the connection died without a word (a NAT
   * or firewall dropped it), so it is replaced, resuming from the last
   * version. Off when undefined.
   */
  stallMs?: number;
  toError?: (err: unknown) => ServiceError;
}

interface Versioned {
  metadata?: { resourceVersion?: string };
}

export function reconnectingWatch<T>(source: WatchSource<T>, handlers: WatchHandlers<T>, options: ReconnectOptions = {}): Unsubscribe {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 5000;
  const stableMs = options.stableMs ?? 1000;
  const stallMs = options.stallMs;
  const toError = options.toError ?? ((err: unknown) => toServiceError(err));
  let stopped = false;
  let failures = 0;
  let expiredInARow = 0;
  let resourceVersion = '';
  let state: WatchState | undefined;
  let timer: NodeJS.Timeout | undefined;
  let conn: AbortController | undefined;

  const setState = (next: WatchState, error?: ServiceError) => {
    if (next === state && !error) return;
    state = next;
    handlers.onState?.(next, error);
  };

  const retryLater = (err: unknown) => {
    if (stopped) return;
    setState('reconnecting', toError(err));
    const delay = Math.min(maxDelay, minDelay * 2 ** failures);
    failures++;
    timer = setTimeout(() => void cycle(true), delay);
  };

  // Each cycle owns one AbortController; callbacks from an older cycle see it aborted and stay silent.
  const cycle = async (relist: boolean): Promise<void> => {
    conn?.abort();
    const mine = new AbortController();
    conn = mine;
    const stale = () => stopped || mine.signal.aborted;
    try {
      if (relist) {
        const listed = await source.list(mine.signal);
        if (stale()) return;
        resourceVersion = listed.resourceVersion;
        handlers.onReset(listed.items);
      }
      await openWatch(mine, stale);
    } catch (err) {
      if (!stale()) retryLater(err);
    }
  };

  const openWatch = async (mine: AbortController, stale: () => boolean) => {
    const opened = Date.now();
    let expired = false;
    let serverError: KubeStatus | undefined;
    let ended = false;
    const stall =
      stallMs === undefined
        ? undefined
        : setTimeout(() => {
            if (ended || stale()) return;
            ended = true;
            mine.abort();
            setState('reconnecting', new ServiceError('unreachable', `The watch went silent for ${Math.round(stallMs / 1000)} s (not even a bookmark); reopening it`));
            void cycle(false);
          }, stallMs);
    stall?.unref?.();
    const onEvent = (type: string, obj: unknown) => {
      if (stale()) return;
      stall?.refresh();
      handlers.onAlive?.();
      const rv = (obj as Versioned | undefined)?.metadata?.resourceVersion;
      if (type === 'BOOKMARK') {
        if (rv) resourceVersion = rv;
      } else if (type === 'ERROR') {
        const status = obj as KubeStatus | undefined;
        if (status?.code === 410) expired = true;
        else serverError = status;
      } else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
        if (rv) resourceVersion = rv;
        handlers.onEvent(type as WatchEventType, obj as T);
      }
    };
    const done = (err: unknown) => {
      if (ended || stale()) return;
      ended = true;
      clearTimeout(stall);
      const lasted = Date.now() - opened >= stableMs;
      if (lasted) {
        failures = 0;
        expiredInARow = 0;
      }
      if (expired || httpStatusOf(err) === 410) {
        // Our resourceVersion fell out of the server's window: re-list right away (once).
        expiredInARow++;
        if (expiredInARow <= 1) return void cycle(true);
        return retryLater(new ServiceError('unknown', 'The watch keeps expiring right after a fresh list'));
      }
      expiredInARow = 0;
      if (err || serverError) return retryLater(err ?? { code: serverError?.code, body: serverError });
      if (lasted) return void cycle(false); // the server's watch timeout: resume where we were
      retryLater(new ServiceError('unreachable', 'The watch connection closed right after it opened'));
    };
    mine.signal.addEventListener('abort', () => clearTimeout(stall), { once: true });
    try {
      await source.watch(resourceVersion, onEvent, done, mine.signal);
    } catch (err) {
      return done(err);
    }
    if (!ended && !stale()) setState('live');
  };

  setState('connecting');
  void cycle(true);

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    conn?.abort();
  };
}
