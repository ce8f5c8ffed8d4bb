// Velero objects of one namespace, with resourceVersions and watches. Stored
// objects are never mutated in place (modify() replaces them), and callers
// only ever get clones, so nothing outside can change the simulation's state.
import { ServiceError, type Unsubscribe, type WatchEventType, type WatchHandlers } from '../interfaces.js';
import { VELERO_KINDS, type VeleroKind, type VeleroKinds } from '../model.js';
import { matchRequirements, parseSelector, type Requirement } from './selector.js';
import { kubeTime } from './time.js';

type AnyObject = VeleroKinds[VeleroKind];

interface Watcher {
  kind: VeleroKind;
  selector: Requirement[];
  handlers: WatchHandlers<AnyObject>;
  /** Names delivered so far: an object that stops matching the selector is sent as DELETED. */
  known: Set<string>;
  live: boolean;
  closed: boolean;
}

export class ObjectStore {
  private readonly maps = new Map<VeleroKind, Map<string, AnyObject>>();
  private readonly watchers = new Set<Watcher>();
  private resourceVersion = 1000;
  private disconnected: ServiceError | undefined;

  constructor(
    readonly namespace: string,
    private readonly clock: () => Date,
    private readonly newUid: () => string,
  ) {}

  private map<K extends VeleroKind>(kind: K): Map<string, VeleroKinds[K]> {
    let m = this.maps.get(kind);
    if (!m) {
      m = new Map();
      this.maps.set(kind, m);
    }
    return m as Map<string, VeleroKinds[K]>;
  }

  /** Stored objects (read-only references, in insertion order). */
  all<K extends VeleroKind>(kind: K): VeleroKinds[K][] {
    return [...this.map(kind).values()];
  }

  peek<K extends VeleroKind>(kind: K, name: string): VeleroKinds[K] | undefined {
    return this.map(kind).get(name);
  }

  count(kind: VeleroKind): number {
    return this.map(kind).size;
  }

  /** Stores a new object (metadata.name must be set); fills uid, namespace, timestamps. */
  insert<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): VeleroKinds[K] {
    const name = obj.metadata.name!;
    const stored = structuredClone(obj);
    stored.apiVersion = (stored.apiVersion ?? `velero.io/${VELERO_KINDS[kind].version}`) as never;
    stored.kind = kind as never;
    stored.metadata = {
      ...stored.metadata,
      namespace: this.namespace,
      uid: stored.metadata.uid ?? this.newUid(),
      creationTimestamp: stored.metadata.creationTimestamp ?? kubeTime(this.clock()),
      resourceVersion: String(++this.resourceVersion),
    };
    this.map(kind).set(name, stored);
    this.emit(kind, 'ADDED', stored);
    return stored;
  }

  /** Replaces an object with a changed clone; undefined when it does not exist. */
  modify<K extends VeleroKind>(kind: K, name: string, change: (obj: VeleroKinds[K]) => void): VeleroKinds[K] | undefined {
    const current = this.map(kind).get(name);
    if (!current) return undefined;
    const next = structuredClone(current);
    change(next);
    next.metadata.resourceVersion = String(++this.resourceVersion);
    this.map(kind).set(name, next);
    this.emit(kind, 'MODIFIED', next);
    return next;
  }

  remove(kind: VeleroKind, name: string): boolean {
    const current = this.map(kind).get(name);
    if (!current) return false;
    this.map(kind).delete(name);
    this.emit(kind, 'DELETED', current);
    return true;
  }

  watch<K extends VeleroKind>(kind: K, handlers: WatchHandlers<VeleroKinds[K]>, labelSelector?: string): Unsubscribe {
    const watcher: Watcher = {
      kind,
      selector: parseSelector(labelSelector),
      handlers: handlers as unknown as WatchHandlers<AnyObject>,
      known: new Set(),
      live: false,
      closed: false,
    };
    this.watchers.add(watcher);
    // The first list arrives on the next microtask, so the caller holds the
    // unsubscribe function before any handler runs.
    queueMicrotask(() => {
      if (watcher.closed) return;
      if (this.disconnected) watcher.handlers.onState?.('reconnecting', this.disconnected);
      else this.relist(watcher);
    });
    return () => {
      watcher.closed = true;
      this.watchers.delete(watcher);
    };
  }

  /** API outage: watches report "reconnecting" and miss events; on recovery they re-list. */
  setDisconnected(error: ServiceError | undefined): void {
    const wasDown = this.disconnected !== undefined;
    this.disconnected = error;
    for (const w of [...this.watchers]) {
      if (error) {
        w.live = false;
        w.handlers.onState?.('reconnecting', error);
      } else if (wasDown) {
        this.relist(w);
      }
    }
  }

  closeWatches(): void {
    for (const w of this.watchers) w.closed = true;
    this.watchers.clear();
  }

  private relist(w: Watcher): void {
    const items = this.all(w.kind).filter((o) => matchRequirements(w.selector, o.metadata.labels));
    w.known = new Set(items.map((o) => o.metadata.name!));
    w.live = true;
    w.handlers.onReset(items.map((o) => structuredClone(o)));
    if (!w.closed) w.handlers.onState?.('live');
  }

  private emit(kind: VeleroKind, type: WatchEventType, obj: AnyObject): void {
    const name = obj.metadata.name!;
    for (const w of [...this.watchers]) {
      if (w.closed || !w.live || w.kind !== kind) continue;
      const matches = type !== 'DELETED' && matchRequirements(w.selector, obj.metadata.labels);
      let event: WatchEventType | undefined;
      if (matches) event = w.known.has(name) ? 'MODIFIED' : 'ADDED';
      else if (w.known.has(name)) event = 'DELETED';
      if (!event) continue;
      if (event === 'DELETED') w.known.delete(name);
      else w.known.add(name);
      w.handlers.onEvent(event, structuredClone(obj));
    }
  }
}
