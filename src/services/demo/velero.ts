// VeleroService over the simulated object stores. Like the apiserver, create
// ignores `status` and honours generateName; update replaces spec, labels and
// annotations. Every accepted mutating call is recorded in `calls`.
import { ServiceError, type Unsubscribe, type VeleroService, type WatchHandlers } from '../interfaces.js';
import { VELERO_KINDS, type ServerStatus, type VeleroKind, type VeleroKinds } from '../model.js';
import { matchesSelectorString } from './selector.js';
import { generateName } from './random.js';
import { parseGoDuration } from './time.js';
import type { World } from './world.js';

export const VELERO_VERSION = 'v1.18.2';

const PLUGINS: ServerStatus['plugins'] = [
  { name: 'velero.io/aws', kind: 'ObjectStore' },
  { name: 'velero.io/aws', kind: 'VolumeSnapshotter' },
  { name: 'velero.io/crd-remap-version', kind: 'BackupItemAction' },
  { name: 'velero.io/pod', kind: 'BackupItemAction' },
  { name: 'velero.io/pv', kind: 'BackupItemAction' },
  { name: 'velero.io/service-account', kind: 'BackupItemAction' },
  { name: 'velero.io/add-pv-from-pvc', kind: 'RestoreItemAction' },
  { name: 'velero.io/add-pvc-from-pod', kind: 'RestoreItemAction' },
  { name: 'velero.io/change-pvc-node-selector', kind: 'RestoreItemAction' },
  { name: 'velero.io/change-storage-class', kind: 'RestoreItemAction' },
  { name: 'velero.io/cluster-role-bindings', kind: 'RestoreItemAction' },
  { name: 'velero.io/crd-preserve-fields', kind: 'RestoreItemAction' },
  { name: 'velero.io/job', kind: 'RestoreItemAction' },
  { name: 'velero.io/pod', kind: 'RestoreItemAction' },
  { name: 'velero.io/pod-volume-restore', kind: 'RestoreItemAction' },
  { name: 'velero.io/role-bindings', kind: 'RestoreItemAction' },
  { name: 'velero.io/secret', kind: 'RestoreItemAction' },
  { name: 'velero.io/service', kind: 'RestoreItemAction' },
  { name: 'velero.io/service-account', kind: 'RestoreItemAction' },
  { name: 'velero.io/delete-item-action', kind: 'DeleteItemAction' },
];

function resourceName(kind: VeleroKind): string {
  return `${VELERO_KINDS[kind].plural}.velero.io`;
}

export function createDemoVelero(w: World, namespace: string, onExpirationChange: () => void): VeleroService {
  const store = w.storeFor(namespace);
  const guard = (kind: VeleroKind) => {
    w.guardApi();
    if (!w.veleroInstalled) throw new ServiceError('not-found', `the server could not find the requested resource (get ${resourceName(kind)})`);
  };
  const allowed = (verb: string, kind: VeleroKind, name?: string) => w.access.guard({ verb, group: 'velero.io', resource: VELERO_KINDS[kind].plural, namespace }, name);
  const missing = (kind: VeleroKind, name: string) => new ServiceError('not-found', `${resourceName(kind)} "${name}" not found`);

  return {
    namespace,

    async list<K extends VeleroKind>(kind: K, labelSelector?: string): Promise<VeleroKinds[K][]> {
      guard(kind);
      return store.all(kind).filter((o) => matchesSelectorString(labelSelector, o.metadata.labels)).map((o) => structuredClone(o));
    },

    async get<K extends VeleroKind>(kind: K, name: string): Promise<VeleroKinds[K] | undefined> {
      guard(kind);
      const obj = store.peek(kind, name);
      return obj && structuredClone(obj);
    },

    async create<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]> {
      guard(kind);
      const copy = structuredClone(obj);
      delete copy.status;
      const meta = copy.metadata;
      if (!meta.name && !meta.generateName) throw new ServiceError('invalid', `${kind}.velero.io is invalid: metadata.name: Required value: name or generateName is required`);
      allowed('create', kind, meta.name);
      const name = meta.name || generateName(w.names, meta.generateName!, (n) => store.peek(kind, n) !== undefined);
      if (store.peek(kind, name)) throw new ServiceError('conflict', `${resourceName(kind)} "${name}" already exists`);
      const ttl = (copy.spec as { ttl?: string }).ttl;
      if (kind === 'Backup' && ttl !== undefined && parseGoDuration(ttl) === undefined) {
        throw new ServiceError('invalid', `Backup.velero.io "${name}" is invalid: spec.ttl: Invalid value: "${ttl}": time: invalid duration "${ttl}"`);
      }
      for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const) delete meta[key];
      meta.name = name;
      const stored = store.insert(kind, copy);
      w.record('create', kind, obj);
      if (store === w.store) w.notify('created', kind, name);
      return structuredClone(stored);
    },

    async update<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]> {
      guard(kind);
      const name = obj.metadata.name;
      allowed('update', kind, name);
      if (!name || !store.peek(kind, name)) throw missing(kind, name ?? '');
      const stored = store.modify(kind, name, (x) => {
        x.spec = structuredClone(obj.spec) as never;
        x.metadata.labels = obj.metadata.labels ? { ...obj.metadata.labels } : undefined;
        x.metadata.annotations = obj.metadata.annotations ? { ...obj.metadata.annotations } : undefined;
        if (!x.metadata.labels) delete x.metadata.labels;
        if (!x.metadata.annotations) delete x.metadata.annotations;
      })!;
      w.record('update', kind, obj);
      if (store === w.store) w.notify('updated', kind, name);
      return structuredClone(stored);
    },

    async delete(kind: VeleroKind, name: string): Promise<void> {
      guard(kind);
      allowed('delete', kind, name);
      if (!store.remove(kind, name)) throw missing(kind, name);
      w.record('delete', kind, name);
      if (store === w.store) w.notify('deleted', kind, name);
    },

    async setBackupExpiration(name: string, expiration: string) {
      guard('Backup');
      allowed('update', 'Backup', name);
      const stored = store.modify('Backup', name, (b) => {
        b.status = { ...b.status, expiration };
      });
      if (!stored) throw missing('Backup', name);
      w.record('setBackupExpiration', name, expiration);
      if (store === w.store) onExpirationChange();
      return structuredClone(stored);
    },

    watch<K extends VeleroKind>(kind: K, handlers: WatchHandlers<VeleroKinds[K]>, labelSelector?: string): Unsubscribe {
      if (w.closed) return () => {};
      if (!w.veleroInstalled) {
        let open = true;
        queueMicrotask(() => {
          if (open) handlers.onState?.('reconnecting', new ServiceError('not-found', `the server could not find the requested resource (get ${resourceName(kind)})`));
        });
        return () => {
          open = false;
        };
      }
      return store.watch(kind, handlers, labelSelector);
    },

    async serverStatus(timeoutMs: number): Promise<ServerStatus> {
      w.guardApi();
      // The Velero server only answers in its own namespace, and only while it runs.
      if (!w.veleroRunning || store !== w.store) {
        throw new ServiceError(
          'unreachable',
          `No Velero server answered a ServerStatusRequest in namespace "${namespace}" within ${Math.round(timeoutMs / 1000)}s`,
          'Check that the velero Deployment is running: kubectl -n velero get pods',
        );
      }
      return { serverVersion: VELERO_VERSION, plugins: PLUGINS.map((p) => ({ ...p })) };
    },
  };
}
