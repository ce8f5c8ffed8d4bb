// Velero's API in a namespace that is still being looked up. connect() hands
// it to the profile resolver, which needs Velero only when the cluster does
// not name the app (it then reads the snapshots), so detecting the app can run
// alongside the ping and the lookup instead of after them. Every call waits for
// the lookup; without Velero it fails as a call to a missing API would.
import { ServiceError, type Backend, type Unsubscribe, type VeleroService } from '../services/interfaces.js';

export function pendingVelero(backend: Backend, namespace: Promise<string | undefined>): VeleroService {
  let known: string | undefined;
  const service = namespace.then((ns) => {
    if (!ns) throw new ServiceError('not-found', 'Velero is not installed in this cluster: no Deployment named "velero" was found.');
    known = ns;
    return backend.velero(ns);
  });
  service.catch(() => undefined); // only the calls report it
  return {
    get namespace(): string {
      if (known === undefined) throw new Error('Velero\'s namespace is still being looked up');
      return known;
    },
    list: async (kind, labelSelector) => (await service).list(kind, labelSelector),
    get: async (kind, name) => (await service).get(kind, name),
    create: async (kind, obj) => (await service).create(kind, obj),
    update: async (kind, obj) => (await service).update(kind, obj),
    delete: async (kind, name) => (await service).delete(kind, name),
    serverStatus: async (timeoutMs) => (await service).serverStatus(timeoutMs),
    watch(kind, handlers, labelSelector): Unsubscribe {
      let stop: Unsubscribe | undefined;
      let stopped = false;
      service.then(
        (velero) => {
          if (!stopped) stop = velero.watch(kind, handlers, labelSelector);
        },
        (err: unknown) => {
          if (!stopped) handlers.onState?.('reconnecting', err instanceof ServiceError ? err : new ServiceError('unknown', String(err)));
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
