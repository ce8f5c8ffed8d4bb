// LeaseService over an in-memory map, with the apiserver's compare-and-swap:
// create fails when the Lease exists, replace and a delete with a version fail
// when it changed since. Not recorded in `calls`: a Lease is this program's
// own bookkeeping, not an effect on the app or on Velero.
import { ServiceError } from '../interfaces.js';
import type { Lease, LeaseService } from '../lease.js';
import type { World } from './world.js';

export function createDemoLeases(w: World): LeaseService {
  const leases = new Map<string, Lease>();
  let version = 0;
  const key = (namespace: string, name: string) => `${namespace}/${name}`;
  const guard = (verb: string, namespace: string, name: string) => {
    w.guardApi();
    w.access.guard({ verb, group: 'coordination.k8s.io', resource: 'leases', namespace }, name);
  };
  const conflict = (name: string) => new ServiceError('conflict', `Operation cannot be fulfilled on leases.coordination.k8s.io "${name}": the object has been modified`);
  const store = (namespace: string, lease: Lease) => {
    const stored = { ...lease, annotations: { ...lease.annotations }, resourceVersion: String(++version) };
    leases.set(key(namespace, lease.name), stored);
    return { ...stored, annotations: { ...stored.annotations } };
  };
  return {
    async read(namespace, name) {
      guard('get', namespace, name);
      const l = leases.get(key(namespace, name));
      return l && { ...l, annotations: { ...l.annotations } };
    },
    async create(namespace, lease) {
      guard('create', namespace, lease.name);
      if (leases.has(key(namespace, lease.name))) throw new ServiceError('conflict', `leases.coordination.k8s.io "${lease.name}" already exists`);
      return store(namespace, lease);
    },
    async replace(namespace, lease) {
      guard('update', namespace, lease.name);
      const current = leases.get(key(namespace, lease.name));
      if (!current) throw new ServiceError('not-found', `leases.coordination.k8s.io "${lease.name}" not found`);
      if (current.resourceVersion !== lease.resourceVersion) throw conflict(lease.name);
      return store(namespace, lease);
    },
    async delete(namespace, name, resourceVersion) {
      guard('delete', namespace, name);
      const current = leases.get(key(namespace, name));
      if (!current) return;
      if (resourceVersion && current.resourceVersion !== resourceVersion) throw conflict(name);
      leases.delete(key(namespace, name));
    },
  };
}
