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

export function customObjectSource<T>(client: KubeClient, c: CustomCollection): WatchSource<T> {
  const path = `/apis/${c.group}/${c.version}/namespaces/${encodeURIComponent(c.namespace)}/${c.plural}`;
  return {
    async list(signal): Promise<ListResult<T>> {
      const api = client.api(CustomObjectsApi, signal);
      const res = (await api.listNamespacedCustomObject({ group: c.group, version: c.version, namespace: c.namespace, plural: c.plural, labelSelector: c.labelSelector })) as CustomList<T>;
      return { items: res.items ?? [], resourceVersion: res.metadata?.resourceVersion ?? '' };
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
      controller = await new Watch(config).watch(path, query, onEvent, finish);
      if (signal.aborted) onAbort();
    },
  };
}

function abortError(): Error {
  const err = new Error('Watch aborted');
  err.name = 'AbortError';
  return err;
}
