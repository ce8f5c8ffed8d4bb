// Pure helpers for working with resource types known only from API discovery:
// which types hold an app's objects, and the REST paths to reach them.

/** What discovery says about one resource (a subset of V1APIResource). */
export interface DiscoveredResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export interface ResourceType {
  /** "" for the core group */
  group: string;
  version: string;
  /** plural, e.g. "configmaps" */
  resource: string;
  kind: string;
}

// Events are records about objects, not part of an app; Velero skips them too.
const SKIPPED = new Set(['events', 'events.events.k8s.io']);

/** Namespaced types we can both list and delete, without subresources or events. */
export function selectListable(resources: DiscoveredResource[], group: string, version: string): ResourceType[] {
  return resources
    .filter((r) => r.namespaced && !r.name.includes('/'))
    .filter((r) => r.verbs.includes('list') && r.verbs.includes('delete'))
    .filter((r) => !SKIPPED.has(group ? `${r.name}.${group}` : r.name))
    .map((r) => ({ group, version, resource: r.name, kind: r.kind }));
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** "apps/v1" → {group: "apps", version: "v1"}; "v1" → core. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** REST path of a collection or, with a name, of one object. */
export function resourcePath(apiVersion: string, resource: string, namespace?: string, name?: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** Runs `fn` over `items` with at most `limit` in flight; rejects on the first failure. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
