// VeleroService on the real API: Velero's custom resources (group velero.io)
// in its namespace, through CustomObjectsApi.
import { CustomObjectsApi } from '@kubernetes/client-node';
import { ServiceError, type Unsubscribe, type VeleroService, type WatchHandlers } from './interfaces.js';
import { isConflict, isNotFound, toServiceError } from './kube-errors.js';
import type { KubeClient } from './kube-http.js';
import { customObjectSource } from './kube-watch.js';
import { VELERO_KINDS, type ServerStatus, type VeleroKind, type VeleroKinds } from './model.js';
import { reconnectingWatch } from './velero-watch.js';

export const VELERO_GROUP = 'velero.io';
const UPDATE_ATTEMPTS = 4;
const STATUS_POLL_MS = 250;

interface CustomList<T> {
  items?: T[];
}

export class KubeVeleroService implements VeleroService {
  private readonly watches = new Set<Unsubscribe>();

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
  ) {}

  list<K extends VeleroKind>(kind: K, labelSelector?: string): Promise<VeleroKinds[K][]> {
    return this.call(`list ${this.plural(kind)}`, async () => {
      const res = (await this.api().listNamespacedCustomObject({ ...this.coords(kind), labelSelector })) as CustomList<VeleroKinds[K]>;
      return res.items ?? [];
    });
  }

  get<K extends VeleroKind>(kind: K, name: string): Promise<VeleroKinds[K] | undefined> {
    return this.call(`read ${kind} ${name}`, async () => {
      try {
        return (await this.api().getNamespacedCustomObject({ ...this.coords(kind), name })) as VeleroKinds[K];
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }

  create<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]> {
    const label = obj.metadata.name ?? `${obj.metadata.generateName ?? ''}…`;
    return this.call(`create ${kind} ${label}`, async () => {
      const { version } = VELERO_KINDS[kind];
      // POST honours metadata.generateName: the server picks the name.
      const body = { ...obj, apiVersion: `${VELERO_GROUP}/${version}`, kind, metadata: { ...obj.metadata, namespace: this.namespace } };
      return (await this.api().createNamespacedCustomObject({ ...this.coords(kind), body })) as VeleroKinds[K];
    });
  }

  update<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]> {
    const name = obj.metadata.name;
    if (!name) return Promise.reject(new ServiceError('invalid', `Cannot update a ${kind} without a name`));
    return this.call(`update ${kind} ${name}`, async () => {
      // Read-modify-write with the stored resourceVersion, so a concurrent change
      // (Velero writing status) is never overwritten; retried on conflict.
      for (let attempt = 1; ; attempt++) {
        const current = (await this.api().getNamespacedCustomObject({ ...this.coords(kind), name })) as VeleroKinds[K];
        const body = {
          ...current,
          spec: obj.spec,
          metadata: {
            ...current.metadata,
            labels: obj.metadata.labels ?? current.metadata.labels,
            annotations: obj.metadata.annotations ?? current.metadata.annotations,
          },
        };
        try {
          return (await this.api().replaceNamespacedCustomObject({ ...this.coords(kind), name, body })) as VeleroKinds[K];
        } catch (err) {
          if (!isConflict(err) || attempt >= UPDATE_ATTEMPTS) throw err;
        }
      }
    });
  }

  setBackupExpiration(name: string, expiration: string): Promise<VeleroKinds['Backup']> {
    return this.call(`set the expiration of Backup ${name}`, async () => {
      // Velero 1.18's Backup CRD has no status subresource: a PUT of the whole
      // object stores status.expiration. Read-modify-write, retried on conflict.
      for (let attempt = 1; ; attempt++) {
        const current = (await this.api().getNamespacedCustomObject({ ...this.coords('Backup'), name })) as VeleroKinds['Backup'];
        const body = { ...current, status: { ...current.status, expiration } };
        try {
          return (await this.api().replaceNamespacedCustomObject({ ...this.coords('Backup'), name, body })) as VeleroKinds['Backup'];
        } catch (err) {
          if (!isConflict(err) || attempt >= UPDATE_ATTEMPTS) throw err;
        }
      }
    });
  }

  delete(kind: VeleroKind, name: string): Promise<void> {
    return this.call(`delete ${kind} ${name}`, async () => {
      try {
        await this.api().deleteNamespacedCustomObject({ ...this.coords(kind), name, propagationPolicy: 'Background' });
      } catch (err) {
        if (!isNotFound(err)) throw err; // already gone is what was asked for
      }
    });
  }

  watch<K extends VeleroKind>(kind: K, handlers: WatchHandlers<VeleroKinds[K]>, labelSelector?: string): Unsubscribe {
    const source = customObjectSource<VeleroKinds[K]>(this.client, { ...this.coords(kind), labelSelector });
    const stop = reconnectingWatch(source, handlers, {
      // Bookmarks come about every 60 s: 150 s of nothing is a dead connection.
      stallMs: 150_000,
      toError: (err) => toServiceError(err, { server: this.client.server, action: `watch ${this.plural(kind)}` }),
    });
    const unsubscribe = () => {
      this.watches.delete(unsubscribe);
      stop();
    };
    this.watches.add(unsubscribe);
    return unsubscribe;
  }

  async serverStatus(timeoutMs: number): Promise<ServerStatus> {
    const seconds = Math.round(timeoutMs / 1000);
    const timeout = new ServiceError(
      'unreachable',
      `Velero server did not answer within ${seconds} s`,
      `Is Velero running? Check \`kubectl -n ${this.namespace} get deploy/velero\` and its logs.`,
    );
    const deadline = Date.now() + timeoutMs;
    const creating = this.call('create a ServerStatusRequest', async () => {
      const body = { apiVersion: `${VELERO_GROUP}/v1`, kind: 'ServerStatusRequest', metadata: { generateName: 'snapshots-tui-', namespace: this.namespace }, spec: {} };
      return (await this.api().createNamespacedCustomObject({ ...this.ssrCoords(), body })) as ServerStatusRequest;
    });
    const created = await withDeadline(creating, deadline, timeout).catch((err: unknown) => {
      // A create that answers after the deadline still leaves an object behind.
      if (err === timeout) void creating.then((late) => this.deleteStatusRequest(late.metadata?.name ?? ''), () => undefined);
      throw err;
    });
    const name = created.metadata?.name ?? '';
    try {
      for (;;) {
        const ssr = await withDeadline(this.getStatusRequest(name), deadline, timeout);
        if (ssr?.status?.phase === 'Processed') {
          return { serverVersion: ssr.status.serverVersion, plugins: (ssr.status.plugins ?? []).map((p) => ({ name: p.name ?? '', kind: p.kind ?? '' })) };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw timeout;
        await new Promise((r) => setTimeout(r, Math.min(STATUS_POLL_MS, left)));
      }
    } finally {
      // Velero expires processed requests itself; this just keeps the namespace tidy.
      void this.deleteStatusRequest(name);
    }
  }

  /** Stop every watch opened through this service. */
  close(): void {
    for (const stop of [...this.watches]) stop();
  }

  private async getStatusRequest(name: string): Promise<ServerStatusRequest | undefined> {
    try {
      return (await this.api().getNamespacedCustomObject({ ...this.ssrCoords(), name })) as ServerStatusRequest;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toServiceError(err, { server: this.client.server, action: `read ServerStatusRequest ${name}` });
    }
  }

  private async deleteStatusRequest(name: string): Promise<void> {
    if (!name) return;
    await this.api()
      .deleteNamespacedCustomObject({ ...this.ssrCoords(), name })
      .catch(() => undefined);
  }

  private ssrCoords() {
    return { group: VELERO_GROUP, version: 'v1', namespace: this.namespace, plural: 'serverstatusrequests' };
  }

  private api(): CustomObjectsApi {
    return this.client.api(CustomObjectsApi);
  }

  private coords(kind: VeleroKind) {
    const { plural, version } = VELERO_KINDS[kind];
    return { group: VELERO_GROUP, version, namespace: this.namespace, plural };
  }

  private plural(kind: VeleroKind): string {
    return `${VELERO_KINDS[kind].plural}.${VELERO_GROUP}`;
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toServiceError(err, { server: this.client.server, action: `${action} in namespace ${this.namespace}` });
    }
  }
}

interface ServerStatusRequest {
  metadata?: { name?: string };
  status?: { phase?: string; serverVersion?: string; plugins?: { name?: string; kind?: string }[] };
}

function withDeadline<T>(promise: Promise<T>, deadline: number, error: Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(error), Math.max(0, deadline - Date.now()));
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
