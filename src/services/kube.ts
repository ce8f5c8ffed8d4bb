// ClusterService on the real Kubernetes API (@kubernetes/client-node 1.x,
// object-parameter calls). Every failure leaves here as a ServiceError.
import { AppsV1Api, AuthenticationV1Api, AuthorizationV1Api, CoreApi, CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { ServiceError, type AccessCheck, type AccessRules, type ClusterInfo, type ClusterService, type NamespaceInfo, type ResourceRef } from './interfaces.js';
import type { LoadedKubeConfig } from './kube-config.js';
import { isConflict, isNotFound, toServiceError } from './kube-errors.js';
import { KubeClient } from './kube-http.js';
import * as resources from './kube-resources.js';

export function createClusterService(loaded: LoadedKubeConfig, timeoutMs?: number): KubeClusterService {
  return new KubeClusterService(new KubeClient(loaded.kc, timeoutMs), loaded.info);
}

export class KubeClusterService implements ClusterService {
  constructor(
    readonly client: KubeClient,
    private readonly clusterInfo: ClusterInfo,
  ) {}

  info(): ClusterInfo {
    return this.clusterInfo;
  }

  async ping(): Promise<void> {
    const username = await this.call('check who the kubeconfig authenticates as', async () => {
      try {
        const review = await this.client.api(AuthenticationV1Api).createSelfSubjectReview({
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        });
        return review.status?.userInfo?.username;
      } catch (err) {
        // SelfSubjectReview is GA since Kubernetes 1.28; older servers get a discovery call,
        // which (unlike /version) also needs an authenticated user.
        if (!isNotFound(err)) throw err;
        await this.client.api(CoreApi).getAPIVersions();
        return undefined;
      }
    });
    if (username === 'system:anonymous') {
      throw new ServiceError(
        'unauthorized',
        `The Kubernetes API at ${this.clusterInfo.server} treats this kubeconfig as anonymous: it carries no valid credentials`,
        'Use a kubeconfig with a token or client certificate (e.g. /etc/kubernetes/admin.conf on the master node).',
      );
    }
  }

  listNamespaces(labelSelector?: string): Promise<NamespaceInfo[]> {
    return this.call('list namespaces', async () => {
      const list = await this.client.api(CoreV1Api).listNamespace({ labelSelector });
      return list.items.map((n) => ({ name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {}, phase: n.status?.phase }));
    });
  }

  deploymentExists(namespace: string, name: string): Promise<boolean> {
    return this.call(`read Deployment ${name} in namespace ${namespace}`, async () => {
      try {
        await this.client.api(AppsV1Api).readNamespacedDeployment({ namespace, name });
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    });
  }

  async findDeployments(name: string): Promise<string[]> {
    try {
      const list = await this.client.api(AppsV1Api).listDeploymentForAllNamespaces({ fieldSelector: `metadata.name=${name}` });
      return [...new Set(list.items.map((d) => d.metadata?.namespace ?? ''))].filter(Boolean).sort();
    } catch (err) {
      const failure = toServiceError(err, { server: this.clusterInfo.server, action: `list Deployments named ${name} in all namespaces` });
      // Users confined to some namespaces cannot list cluster-wide; the conventional
      // namespace (velero/velero, kotsadm/kotsadm) may still be readable.
      if (failure.kind === 'forbidden' && (await this.deploymentExists(name, name).catch(() => false))) return [name];
      throw failure;
    }
  }

  async findLabelled(labelSelector: string): Promise<ResourceRef[]> {
    const apps = this.client.api(AppsV1Api);
    const core = this.client.api(CoreV1Api);
    const kinds = [
      { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', list: () => apps.listDeploymentForAllNamespaces({ labelSelector }) },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', resource: 'statefulsets', list: () => apps.listStatefulSetForAllNamespaces({ labelSelector }) },
      { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', list: () => core.listConfigMapForAllNamespaces({ labelSelector }) },
    ];
    const settled = await Promise.allSettled(kinds.map(async (k) => ({ k, list: await k.list() })));
    const refs: ResourceRef[] = [];
    for (const s of settled) {
      if (s.status === 'rejected') continue;
      for (const item of s.value.list.items) {
        const m = item.metadata;
        if (m?.name) refs.push({ apiVersion: s.value.k.apiVersion, kind: s.value.k.kind, resource: s.value.k.resource, namespace: m.namespace, name: m.name, labels: m.labels ?? {} });
      }
    }
    // Best effort, but if nothing could be listed at all the caller must hear why.
    const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (firstFailure && settled.every((s) => s.status === 'rejected')) {
      throw toServiceError(firstFailure.reason, { server: this.clusterInfo.server, action: 'list labelled Deployments in all namespaces' });
    }
    return refs;
  }

  can(check: AccessCheck): Promise<boolean> {
    const where = check.namespace ? ` in namespace ${check.namespace}` : '';
    return this.call(`check access to ${check.verb} ${check.resource}${where}`, async () => {
      const review = await this.client.api(AuthorizationV1Api).createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: check.verb, group: check.group, resource: check.resource, subresource: check.subresource, name: check.name, namespace: check.namespace } },
        },
      });
      return review.status?.allowed === true;
    });
  }

  accessRules(namespace: string): Promise<AccessRules> {
    return this.call(`list what this user may do in namespace ${namespace}`, async () => {
      const review = await this.client.api(AuthorizationV1Api).createSelfSubjectRulesReview({
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
      });
      const rules = (review.status?.resourceRules ?? []).map((r) => ({
        verbs: r.verbs ?? [],
        apiGroups: r.apiGroups ?? [],
        resources: r.resources ?? [],
        ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
      }));
      // No status at all is not an answer: treat it like an authorizer that cannot enumerate.
      return { rules, incomplete: review.status?.incomplete !== false };
    });
  }

  getSecret(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    return this.call(`read Secret ${name} in namespace ${namespace}`, async () => {
      let secret: V1Secret;
      try {
        secret = await this.client.api(CoreV1Api).readNamespacedSecret({ namespace, name });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
      return out;
    });
  }

  putSecret(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): Promise<void> {
    const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
    const core = this.client.api(CoreV1Api);
    return this.call(`write Secret ${name} in namespace ${namespace}`, async () => {
      const body: V1Secret = { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace, labels }, data: encoded };
      try {
        await core.createNamespacedSecret({ namespace, body });
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      for (let attempt = 0; ; attempt++) {
        const current = await core.readNamespacedSecret({ namespace, name });
        // The type is immutable; keep the existing one and its labels unless new ones are given.
        const replacement: V1Secret = {
          ...body,
          type: current.type ?? 'Opaque',
          metadata: { name, namespace, labels: labels ?? current.metadata?.labels, annotations: current.metadata?.annotations, resourceVersion: current.metadata?.resourceVersion },
        };
        try {
          await core.replaceNamespacedSecret({ namespace, name, body: replacement });
          return;
        } catch (err) {
          if (!isConflict(err) || attempt >= 3) throw err;
        }
      }
    });
  }

  listLabelled(namespaces: string[], labelSelector: string): Promise<ResourceRef[]> {
    return this.call(`list objects labelled ${labelSelector}`, () => resources.listLabelled(this.client, namespaces, labelSelector));
  }

  deleteResources(refs: ResourceRef[]): Promise<void> {
    return this.call('delete the app\'s objects', () => resources.deleteResources(this.client, refs));
  }

  waitGone(refs: ResourceRef[], timeoutMs: number, onProgress?: (left: number) => void): Promise<void> {
    return this.call('wait for the app\'s objects to be deleted', () => resources.waitGone(this.client, refs, timeoutMs, onProgress));
  }

  deleteNamespaces(names: string[], timeoutMs: number, onProgress?: (left: string[]) => void): Promise<void> {
    return this.call(`delete namespaces ${names.join(', ')}`, () => resources.deleteNamespaces(this.client, names, timeoutMs, onProgress));
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toServiceError(err, { server: this.clusterInfo.server, action });
    }
  }
}
