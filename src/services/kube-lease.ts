// LeaseService on the real apiserver (coordination.k8s.io/v1 Lease), as plain
// JSON requests: the typed client writes the MicroTime fields with
// milliseconds, which the apiserver refuses ("cannot parse .123Z as .000000").
import { ServiceError } from './interfaces.js';
import { isConflict, isNotFound, toServiceError } from './kube-errors.js';
import type { KubeClient } from './kube-http.js';
import type { Lease, LeaseService } from './lease.js';

interface LeaseObject {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string>; resourceVersion?: string };
  spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string; leaseDurationSeconds?: number };
}

const path = (namespace: string, name?: string) =>
  `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;

/** RFC 3339 with exactly six fraction digits, as MicroTime requires. */
const microTime = (iso: string) => new Date(iso).toISOString().replace(/Z$/, '000Z');

function toLease(l: LeaseObject): Lease {
  const spec = l.spec ?? {};
  return {
    name: l.metadata?.name ?? '',
    holder: spec.holderIdentity ?? '',
    acquiredAt: spec.acquireTime ? new Date(spec.acquireTime).toISOString() : '',
    renewedAt: spec.renewTime ? new Date(spec.renewTime).toISOString() : '',
    durationSeconds: spec.leaseDurationSeconds ?? 0,
    annotations: l.metadata?.annotations ?? {},
    resourceVersion: l.metadata?.resourceVersion,
  };
}

function toBody(namespace: string, lease: Lease): LeaseObject & { apiVersion: string; kind: string } {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: lease.name, namespace, annotations: lease.annotations, resourceVersion: lease.resourceVersion },
    spec: {
      holderIdentity: lease.holder,
      acquireTime: microTime(lease.acquiredAt),
      renewTime: microTime(lease.renewedAt),
      leaseDurationSeconds: lease.durationSeconds,
    },
  };
}

export class KubeLeaseService implements LeaseService {
  constructor(
    private readonly client: KubeClient,
    private readonly server: string,
  ) {}

  private async call<T>(action: string, fn: (client: KubeClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      if (isConflict(err)) throw new ServiceError('conflict', `Could not ${action}: someone else changed it first`);
      throw toServiceError(err, { server: this.server, action });
    }
  }

  read(namespace: string, name: string): Promise<Lease | undefined> {
    return this.call(`read Lease ${name} in namespace ${namespace}`, async (api) => {
      try {
        return toLease(await api.request<LeaseObject>('GET', path(namespace, name)));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }

  create(namespace: string, lease: Lease): Promise<Lease> {
    const body = toBody(namespace, { ...lease, resourceVersion: undefined });
    return this.call(`create Lease ${lease.name} in namespace ${namespace}`, async (api) => toLease(await api.request<LeaseObject>('POST', path(namespace), { body })));
  }

  replace(namespace: string, lease: Lease): Promise<Lease> {
    return this.call(`update Lease ${lease.name} in namespace ${namespace}`, async (api) =>
      toLease(await api.request<LeaseObject>('PUT', path(namespace, lease.name), { body: toBody(namespace, lease) })),
    );
  }

  delete(namespace: string, name: string, resourceVersion?: string): Promise<void> {
    return this.call(`delete Lease ${name} in namespace ${namespace}`, async (api) => {
      try {
        const body = resourceVersion ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion } } : undefined;
        await api.request('DELETE', path(namespace, name), { body });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    });
  }
}
