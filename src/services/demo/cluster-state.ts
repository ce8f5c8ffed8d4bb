// The simulated cluster's own objects (not Velero's): namespaces, the app's
// resources, secrets. Deletion takes a few ticks, like finalizers and
// namespace termination do on a real apiserver.
import { ServiceError, type ResourceRef } from '../interfaces.js';

export interface SimVolume {
  name: string;
  bytes: number;
  /** Listed in the pod's `backup.velero.io/backup-volumes` annotation. */
  optIn: boolean;
}

/** One object as a backup holds it (and as the cluster holds it). */
export interface SimItem {
  apiVersion: string;
  kind: string;
  resource: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  /** Pods only: their volumes. */
  volumes?: SimVolume[];
}

export interface SimResource extends SimItem {
  /** Ticks left until a deleted object is gone. */
  terminating?: number;
}

export interface SimNamespace {
  name: string;
  labels: Record<string, string>;
  terminating?: number;
}

export interface SimSecret {
  data: Record<string, string>;
  labels?: Record<string, string>;
}

interface Waiter {
  /** How many of the awaited things still exist. */
  left: () => number;
  progress: () => void;
  done: (err?: Error) => void;
}

/** Ticks a deleted object or namespace takes to disappear. */
export const RESOURCE_DELETE_TICKS = 2;
export const NAMESPACE_DELETE_TICKS = 3;
/** Pods terminate gracefully; a PVC's protection finalizer holds it until its pod is gone. */
const SLOWER_DELETES: Record<string, number> = { pods: 3, persistentvolumeclaims: 4 };

function deleteTicks(resource: string): number {
  return SLOWER_DELETES[resource] ?? RESOURCE_DELETE_TICKS;
}

export function refKey(ref: { apiVersion: string; resource: string; namespace?: string; name: string }): string {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${group}/${ref.resource}/${ref.namespace ?? ''}/${ref.name}`;
}

export function toRef(item: SimItem): ResourceRef {
  const ref: ResourceRef = { apiVersion: item.apiVersion, kind: item.kind, resource: item.resource, name: item.name };
  if (item.namespace !== undefined) ref.namespace = item.namespace;
  ref.labels = { ...item.labels };
  return ref;
}

export class ClusterState {
  readonly namespaces = new Map<string, SimNamespace>();
  readonly resources = new Map<string, SimResource>();
  readonly secrets = new Map<string, SimSecret>();
  private readonly waiters = new Set<Waiter>();

  addNamespace(name: string, labels: Record<string, string> = {}): SimNamespace {
    const ns = { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } };
    this.namespaces.set(name, ns);
    return ns;
  }

  add(item: SimItem): void {
    const { volumes, ...rest } = item;
    const copy: SimResource = { ...rest, labels: { ...item.labels } };
    if (volumes) copy.volumes = volumes.map((v) => ({ ...v }));
    this.resources.set(refKey(item), copy);
  }

  get(ref: ResourceRef | SimItem): SimResource | undefined {
    return this.resources.get(refKey(ref));
  }

  live(): SimResource[] {
    return [...this.resources.values()];
  }

  /** Starts deleting; objects that do not exist are ignored (as a 404 would be). */
  markDeleting(refs: ResourceRef[]): void {
    for (const ref of refs) {
      const r = this.get(ref);
      if (r && r.terminating === undefined) r.terminating = deleteTicks(r.resource);
    }
  }

  deleteNamespaces(names: string[]): void {
    for (const name of names) {
      const ns = this.namespaces.get(name);
      if (!ns || ns.terminating !== undefined) continue;
      ns.terminating = NAMESPACE_DELETE_TICKS;
      for (const r of this.resources.values()) {
        if (r.namespace === name && r.terminating === undefined) r.terminating = deleteTicks(r.resource);
      }
    }
  }

  secretKey(namespace: string, name: string): string {
    return `${namespace}/${name}`;
  }

  busy(): boolean {
    for (const r of this.resources.values()) if (r.terminating !== undefined) return true;
    for (const ns of this.namespaces.values()) if (ns.terminating !== undefined) return true;
    return false;
  }

  tick(): void {
    for (const [key, r] of this.resources) {
      if (r.terminating === undefined) continue;
      if (--r.terminating <= 0) this.resources.delete(key);
    }
    for (const [name, ns] of this.namespaces) {
      if (ns.terminating === undefined) continue;
      ns.terminating = Math.max(0, ns.terminating - 1);
      // A namespace goes only once everything in it is gone.
      const empty = ![...this.resources.values()].some((r) => r.namespace === name);
      if (ns.terminating === 0 && empty) this.namespaces.delete(name);
    }
    this.checkWaiters();
  }

  /** Resolves once none of `refs` exists; rejects after timeoutMs of real time. */
  waitGone(refs: ResourceRef[], timeoutMs: number, onProgress?: (left: number) => void): Promise<void> {
    const left = () => refs.filter((ref) => this.get(ref)).length;
    return this.waitUntil(left, () => onProgress?.(left()), timeoutMs, () =>
      `${left()} of ${refs.length} resources still exist after ${Math.round(timeoutMs / 1000)}s`);
  }

  waitNamespacesGone(names: string[], timeoutMs: number, onProgress?: (left: string[]) => void): Promise<void> {
    const remaining = () => names.filter((n) => this.namespaces.has(n));
    return this.waitUntil(() => remaining().length, () => onProgress?.(remaining()), timeoutMs, () =>
      `Namespaces still terminating after ${Math.round(timeoutMs / 1000)}s: ${remaining().join(', ')}`);
  }

  private waitUntil(left: () => number, progress: () => void, timeoutMs: number, timeoutText: () => string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (left() === 0) return resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        left,
        progress,
        done: (err) => {
          if (timer) clearTimeout(timer);
          this.waiters.delete(waiter);
          if (err) reject(err);
          else resolve();
        },
      };
      this.waiters.add(waiter);
      timer = setTimeout(() => {
        waiter.done(new ServiceError('unknown', timeoutText(), 'Something keeps them (a finalizer or an operator recreating them); check with kubectl'));
      }, timeoutMs);
      timer.unref?.();
    });
  }

  /** Rejects every pending wait (the backend is closing). */
  cancelWaiters(): void {
    for (const w of [...this.waiters]) w.done(new ServiceError('unknown', 'The demo backend was closed'));
  }

  private checkWaiters(): void {
    for (const w of [...this.waiters]) {
      if (w.left() === 0) w.done();
      else w.progress();
    }
  }
}
