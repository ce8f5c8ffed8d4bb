// The real WatchSource for namespaced custom objects: lists with
// CustomObjectsApi and watches with the client's Watch class, in a way that
// aborting really closes the socket (also while it is still connecting).
import type { Agent } from 'node:http';
import { CustomObjectsApi, Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeClient } from './kube-http.js';
import type { ListResult, WatchSource } from './velero-watch.js';

export interface CustomCollection {
  group: string;
  version: string;
  namespace: string;
  plural: string;
  labelSelector?: string;
}

// Bounds how long a silently dead connection can go unnoticed; the resume after
// a server-side close re-watches from the last resourceVersion, without a list.
const WATCH_TIMEOUT_SECONDS = 300;

interface CustomList<T> {
  items?: T[];
  metadata?: { resourceVersion?: string };
}

/**
 * Drops metadata.managedFields: server-side-apply bookkeeping that nothing
 * here reads and that is about 40% of a Backup's JSON. Thousands of snapshots
 * are held in memory for the whole session.
 */
export function withoutManagedFields<T>(obj: T): T {
  const meta = (obj as { metadata?: { managedFields?: unknown } } | undefined)?.metadata;
  if (!meta || meta.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...rest } = meta;
  return { ...obj, metadata: rest };
}

export function customObjectSource<T>(client: KubeClient, c: CustomCollection): WatchSource<T> {
  const path = `/apis/${c.group}/${c.version}/namespaces/${encodeURIComponent(c.namespace)}/${c.plural}`;
  return {
    async list(signal): Promise<ListResult<T>> {
      const api = client.api(CustomObjectsApi, signal);
      // One request, not pages of 500 as kubectl asks for: on the lab's apiserver a
      // paginated list of 5,000 Backups (served from etcd, not the watch cache) took
      // 8-18 s against 1.7-4.4 s for the whole list at once.
      const res = (await api.listNamespacedCustomObject({ group: c.group, version: c.version, namespace: c.namespace, plural: c.plural, labelSelector: c.labelSelector })) as CustomList<T>;
      return { items: (res.items ?? []).map(withoutManagedFields), resourceVersion: res.metadata?.resourceVersion ?? '' };
    },

    async watch(resourceVersion, onEvent, done, signal) {
      let agent: Agent | undefined;
      // Watch only returns its AbortController once headers arrive; capturing the
      // agent lets an abort kill a connection that is still being made.
      const config = Object.create(client.kc) as KubeConfig;
      config.applyToFetchOptions = async (opts) => {
        const init = await client.kc.applyToFetchOptions(opts);
        if (signal.aborted) throw abortError();
        agent = init.agent as Agent | undefined;
        return init;
      };
      let controller: AbortController | undefined;
      const onAbort = () => {
        controller?.abort();
        agent?.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const query = { resourceVersion: resourceVersion || undefined, allowWatchBookmarks: true, labelSelector: c.labelSelector, timeoutSeconds: WATCH_TIMEOUT_SECONDS };
      const finish = (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        agent?.destroy();
        done(err);
      };
      controller = await new Watch(config).watch(path, query, (type: string, obj: unknown) => onEvent(type, withoutManagedFields(obj)), finish);
      if (signal.aborted) onAbort();
    },
  };
}

function abortError(): Error {
  const err = new Error('Watch aborted');
  err.name = 'AbortError';
  return err;
}
