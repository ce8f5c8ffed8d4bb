// An app's objects of every kind: found through API discovery, listed by label,
// deleted, and waited for until gone. Also namespace deletion.
import { ApisApi, CoreV1Api, CustomObjectsApi, type V1APIResourceList } from '@kubernetes/client-node';
import { ServiceError, type ResourceRef } from './interfaces.js';
import { apiVersionOf, mapLimit, resourcePath, selectListable, type ResourceType } from './kube-discovery.js';
import { httpStatusOf, isNotFound, toServiceError } from './kube-errors.js';
import type { KubeClient } from './kube-http.js';

const CONCURRENCY = 8;
const POLL_MS = 1000;
const PAGE = 500;
// Metadata-only lists: lighter, and Secret values never enter this process.
// Servers that cannot do it (some aggregated APIs) fall back to plain JSON.
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface ObjectList {
  metadata?: { continue?: string };
  items?: { metadata?: Meta }[];
}

export async function discoverNamespacedTypes(client: KubeClient): Promise<ResourceType[]> {
  const core = await client.api(CoreV1Api).getAPIResources();
  const groups = await client.api(ApisApi).getAPIVersions();
  const custom = client.api(CustomObjectsApi);
  const perGroup = await mapLimit(groups.groups, CONCURRENCY, async (g) => {
    const version = g.preferredVersion?.version ?? g.versions[0]?.version;
    if (!version) return [];
    let list: V1APIResourceList;
    try {
      list = await custom.getAPIResources({ group: g.name, version });
    } catch (err) {
      // Like kubectl: an aggregated API that is down (503) or gone (404) is skipped, not fatal.
      const status = httpStatusOf(err);
      if (status === 404 || (status !== undefined && status >= 500)) return [];
      throw err;
    }
    return selectListable(list.resources, g.name, version);
  });
  return [...selectListable(core.resources, '', 'v1'), ...perGroup.flat()];
}

export async function listLabelled(client: KubeClient, namespaces: string[], labelSelector: string): Promise<ResourceRef[]> {
  const types = await discoverNamespacedTypes(client);
  const jobs = namespaces.flatMap((namespace) => types.map((type) => ({ namespace, type })));
  const found = await mapLimit(jobs, CONCURRENCY, async ({ namespace, type }) => {
    const apiVersion = apiVersionOf(type.group, type.version);
    try {
      const items = await listAll(client, resourcePath(apiVersion, type.resource, namespace), { labelSelector });
      return items.map((m) => ({ apiVersion, kind: type.kind, resource: type.resource, namespace, name: m.name ?? '', labels: m.labels ?? {} }));
    } catch (err) {
      // Types that vanished since discovery, or that refuse listing after all.
      const status = httpStatusOf(err);
      if (status === 404 || status === 405) return [];
      throw toServiceError(err, { server: client.server, action: `list ${qualified(type)} in namespace ${namespace}` });
    }
  });
  return found.flat().filter((r) => r.name);
}

export async function deleteResources(client: KubeClient, refs: ResourceRef[]): Promise<void> {
  await mapLimit(refs, CONCURRENCY, async (ref) => {
    try {
      await client.request('DELETE', resourcePath(ref.apiVersion, ref.resource, ref.namespace, ref.name), {
        query: { propagationPolicy: 'Background' },
      });
    } catch (err) {
      if (isNotFound(err)) return;
      throw toServiceError(err, { server: client.server, action: `delete ${describe(ref)}` });
    }
  });
}

export async function waitGone(client: KubeClient, refs: ResourceRef[], timeoutMs: number, onProgress?: (left: number) => void): Promise<void> {
  const left = await pollUntil(timeoutMs, refs, (current) => stillPresent(client, current), (l) => onProgress?.(l.length));
  if (left.length > 0) {
    const names = left.slice(0, 5).map(describe).join(', ');
    throw new ServiceError(
      'unknown',
      `${left.length} object(s) still exist after ${Math.round(timeoutMs / 1000)} s: ${names}${left.length > 5 ? ', …' : ''}`,
      'A finalizer or a controller may be keeping them; inspect them with kubectl.',
    );
  }
}

export async function deleteNamespaces(client: KubeClient, names: string[], timeoutMs: number, onProgress?: (left: string[]) => void): Promise<void> {
  const core = client.api(CoreV1Api);
  await mapLimit(names, CONCURRENCY, async (name) => {
    try {
      await core.deleteNamespace({ name, propagationPolicy: 'Background' });
    } catch (err) {
      if (isNotFound(err)) return;
      throw toServiceError(err, { server: client.server, action: `delete namespace ${name}` });
    }
  });
  const present = async (current: string[]) => {
    const all = await core.listNamespace();
    const existing = new Set(all.items.map((n) => n.metadata?.name));
    return current.filter((n) => existing.has(n));
  };
  const left = await pollUntil(timeoutMs, names, present, (l) => onProgress?.(l));
  if (left.length > 0) {
    throw new ServiceError(
      'unknown',
      `Namespace(s) still terminating after ${Math.round(timeoutMs / 1000)} s: ${left.join(', ')}`,
      `Something holds them: see the conditions in \`kubectl get namespace ${left[0]} -o yaml\`.`,
    );
  }
}

/** Re-checks every second until nothing is left or time is up; returns what is left. */
async function pollUntil<T>(timeoutMs: number, initial: T[], check: (current: T[]) => Promise<T[]>, progress: (left: T[]) => void): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let left = initial;
  let reported = -1;
  for (;;) {
    left = await check(left);
    if (left.length !== reported) {
      reported = left.length;
      progress(left);
    }
    const remaining = deadline - Date.now();
    if (left.length === 0 || remaining <= 0) return left;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, remaining)));
  }
}

/** One list per (type, namespace) rather than one GET per object. */
async function stillPresent(client: KubeClient, refs: ResourceRef[]): Promise<ResourceRef[]> {
  const groups = new Map<string, ResourceRef[]>();
  for (const ref of refs) {
    const key = resourcePath(ref.apiVersion, ref.resource, ref.namespace);
    groups.set(key, [...(groups.get(key) ?? []), ref]);
  }
  const kept = await mapLimit([...groups], CONCURRENCY, async ([path, members]) => {
    const only = members.length === 1 ? members[0] : undefined;
    try {
      const items = await listAll(client, path, only ? { fieldSelector: `metadata.name=${only.name}` } : {});
      const names = new Set(items.map((m) => m.name));
      return members.filter((r) => names.has(r.name));
    } catch (err) {
      if (isNotFound(err)) return [];
      throw toServiceError(err, { server: client.server, action: `check ${path}` });
    }
  });
  return kept.flat();
}

async function listAll(client: KubeClient, path: string, query: Record<string, string>): Promise<Meta[]> {
  const out: Meta[] = [];
  let cont: string | undefined;
  do {
    const page = await client.request<ObjectList>('GET', path, { query: { ...query, limit: PAGE, continue: cont }, accept: METADATA_ONLY });
    for (const item of page.items ?? []) if (item.metadata) out.push(item.metadata);
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return out;
}

function qualified(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

function describe(ref: ResourceRef): string {
  return `${ref.kind}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
}
