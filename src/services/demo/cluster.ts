// ClusterService over the simulated cluster. Deletes take a few ticks (see
// cluster-state.ts); every accepted mutating call is recorded in `calls`.
import { ServiceError, type AccessCheck, type ClusterInfo, type ClusterService, type NamespaceInfo, type ResourceRef } from '../interfaces.js';
import { matchRequirements, parseSelector } from './selector.js';
import { toRef } from './cluster-state.js';
import { VELERO_NAMESPACE, type World } from './world.js';

/** Kinds findLabelled looks at, as the real one does (cheap app detection). */
const DETECT_KINDS = new Set(['Deployment', 'StatefulSet', 'ConfigMap']);

export function createDemoCluster(w: World, onSecretChange: () => void): ClusterService {
  const info: ClusterInfo = { context: 'demo', server: w.server, source: 'demo', contexts: ['demo'] };
  const c = w.cluster;
  return {
    info: () => ({ ...info, contexts: [...info.contexts] }),

    async ping() {
      w.guardApi();
    },

    async listNamespaces(labelSelector?: string): Promise<NamespaceInfo[]> {
      w.guardApi();
      const reqs = parseSelector(labelSelector);
      return [...c.namespaces.values()]
        .filter((ns) => matchRequirements(reqs, ns.labels))
        .map((ns) => ({ name: ns.name, labels: { ...ns.labels }, phase: ns.terminating !== undefined ? 'Terminating' : 'Active' }));
    },

    async deploymentExists(namespace: string, name: string) {
      w.guardApi();
      return c.live().some((r) => r.kind === 'Deployment' && r.namespace === namespace && r.name === name);
    },

    async findDeployments(name: string) {
      w.guardApi();
      return c.live().filter((r) => r.kind === 'Deployment' && r.name === name).map((r) => r.namespace!);
    },

    async can(check: AccessCheck) {
      w.guardApi();
      return w.access.allows(check);
    },

    async accessRules(namespace: string) {
      w.guardApi();
      return w.access.rules(namespace);
    },

    async getSecret(namespace: string, name: string) {
      w.guardApi();
      w.access.guard({ verb: 'get', group: '', resource: 'secrets', namespace }, name);
      const s = c.secrets.get(c.secretKey(namespace, name));
      return s && { ...s.data };
    },

    async putSecret(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>) {
      w.guardApi();
      if (!c.namespaces.has(namespace)) throw new ServiceError('not-found', `namespaces "${namespace}" not found`);
      w.access.guard({ verb: c.secrets.has(c.secretKey(namespace, name)) ? 'update' : 'create', group: '', resource: 'secrets', namespace }, name);
      c.secrets.set(c.secretKey(namespace, name), { data: { ...data }, ...(labels ? { labels: { ...labels } } : {}) });
      w.record('putSecret', namespace, name, data, labels);
      // Velero re-reads credentials when it next validates its locations.
      if (namespace === VELERO_NAMESPACE) onSecretChange();
    },

    async findLabelled(labelSelector: string): Promise<ResourceRef[]> {
      w.guardApi();
      const reqs = parseSelector(labelSelector);
      return c.live().filter((r) => DETECT_KINDS.has(r.kind) && matchRequirements(reqs, r.labels)).map(toRef);
    },

    async listLabelled(namespaces: string[], labelSelector: string): Promise<ResourceRef[]> {
      w.guardApi();
      const reqs = parseSelector(labelSelector);
      return c.live().filter((r) => r.namespace !== undefined && namespaces.includes(r.namespace) && matchRequirements(reqs, r.labels)).map(toRef);
    },

    async deleteResources(refs: ResourceRef[]) {
      w.guardApi();
      for (const r of refs) w.access.guard({ verb: 'delete', group: r.apiVersion.includes('/') ? r.apiVersion.split('/')[0]! : '', resource: r.resource, namespace: r.namespace }, r.name);
      c.markDeleting(refs);
      w.record('deleteResources', refs);
      w.kick();
    },

    waitGone(refs: ResourceRef[], timeoutMs: number, onProgress?: (left: number) => void) {
      try {
        w.guardApi();
      } catch (err) {
        return Promise.reject(err);
      }
      return c.waitGone(refs, timeoutMs, onProgress);
    },

    async deleteNamespaces(names: string[], timeoutMs: number, onProgress?: (left: string[]) => void) {
      w.guardApi();
      for (const n of names) w.access.guard({ verb: 'delete', group: '', resource: 'namespaces' }, n);
      c.deleteNamespaces(names);
      w.record('deleteNamespaces', names);
      w.kick();
      await c.waitNamespacesGone(names, timeoutMs, onProgress);
    },
  };
}
