// Sizes of finished snapshots, read from the bucket on demand (only for rows
// on screen) and remembered per session: a listing of thousands of snapshots
// must not turn into thousands of bucket requests.
import type { EffectContext, Session } from './context.js';
import { loadSnapshotSize } from './snapshots-storage.js';

export interface SizeCache {
  /** Known sizes; a new Map whenever one is added (for useSyncExternalStore). */
  sizes(): ReadonlyMap<string, number>;
  subscribe(listener: () => void): () => void;
  /** Queue finished snapshots whose size is not known yet; read one at a time. */
  request(names: readonly string[]): void;
  set(name: string, bytes: number): void;
}

const caches = new WeakMap<Session, SizeCache>();
const EMPTY: SizeCache = {
  sizes: () => new Map(),
  subscribe: () => () => undefined,
  request: () => undefined,
  set: () => undefined,
};

export function sizeCache(ctx: EffectContext): SizeCache {
  const session = ctx.session;
  if (!session) return EMPTY;
  let cache = caches.get(session);
  if (!cache) {
    cache = createSizeCache((name) => loadSnapshotSize(ctx, name));
    caches.set(session, cache);
  }
  return cache;
}

export function createSizeCache(load: (name: string) => Promise<number | undefined>): SizeCache {
  let known = new Map<string, number>();
  const tried = new Set<string>();
  const queue: string[] = [];
  const listeners = new Set<() => void>();
  let draining = false;

  let pending = new Map<string, number>();
  let lastNotify = 0;
  const flush = () => {
    if (!pending.size) return;
    known = new Map([...known, ...pending]);
    pending = new Map();
    lastNotify = Date.now();
    for (const l of [...listeners]) l();
  };
  const set = (name: string, bytes: number) => {
    tried.add(name);
    if (known.get(name) === bytes) return;
    pending.set(name, bytes);
    flush();
  };

  // Results of one batch are published together (at most every 250 ms), so a
  // screenful of sizes costs a few renders rather than one per row.
  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        try {
          const bytes = await load(name);
          if (bytes !== undefined && known.get(name) !== bytes) pending.set(name, bytes);
        } catch {
          // Unreadable stays unknown (the column is blank); details explain why.
        }
        if (Date.now() - lastNotify >= 250) flush();
      }
    } finally {
      draining = false;
      flush();
    }
  };

  return {
    sizes: () => known,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request(names) {
      for (const name of names) {
        if (tried.has(name)) continue;
        tried.add(name);
        queue.push(name);
      }
      if (queue.length) void drain();
    },
    set,
  };
}
