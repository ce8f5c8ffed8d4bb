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

  const set = (name: string, bytes: number) => {
    if (known.get(name) === bytes) return;
    known = new Map(known).set(name, bytes);
    tried.add(name);
    for (const l of [...listeners]) l();
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        try {
          const bytes = await load(name);
          if (bytes !== undefined) set(name, bytes);
        } catch {
          // Unreadable stays unknown (the column is blank); details explain why.
        }
      }
    } finally {
      draining = false;
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
