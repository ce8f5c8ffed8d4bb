// Internal storage: S3-compatible object stores that embedded-cluster
// installers run inside the cluster, found by their Deployment, with the keys
// of their own credentials Secret (returned masked; read in full only to save).
import { maskAccessKey, type AccessKeys } from '../services/storage-location.js';
import { requireSession, type EffectContext } from './context.js';
import type { InternalStore } from './storage-types.js';

interface KnownStore {
  id: string;
  label: string;
  deployment: string;
  service: string;
  secret: string;
  idKey: string;
  secretKey: string;
}

/** Object stores that embedded-cluster installers (kURL) run for internal snapshot storage. */
const KNOWN_STORES: KnownStore[] = [
  {
    id: 'rook-ceph',
    label: 'Rook Ceph',
    deployment: 'rook-ceph-rgw-rook-ceph-store-a',
    service: 'rook-ceph-rgw-rook-ceph-store',
    secret: 'rook-ceph-object-user-rook-ceph-store-kurl',
    idKey: 'AccessKey',
    secretKey: 'SecretKey',
  },
  { id: 'minio', label: 'MinIO', deployment: 'minio', service: 'minio', secret: 'minio-credentials', idKey: 'MINIO_ACCESS_KEY', secretKey: 'MINIO_SECRET_KEY' },
];

function keysOf(known: KnownStore, data: Record<string, string> | undefined): AccessKeys | undefined {
  const accessKeyId = data?.[known.idKey]?.trim();
  const secretAccessKey = data?.[known.secretKey]?.trim();
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

/** In-cluster S3-compatible stores, found by their Deployment, with their credentials Secret if readable. */
export async function detectInternalStores(ctx: EffectContext): Promise<InternalStore[]> {
  const { backend } = requireSession(ctx);
  const found: InternalStore[] = [];
  for (const known of KNOWN_STORES) {
    const namespaces = await backend.cluster.findDeployments(known.deployment).catch(() => [] as string[]);
    for (const namespace of namespaces) {
      const keys = keysOf(known, await backend.cluster.getSecret(namespace, known.secret).catch(() => undefined));
      const store: InternalStore = {
        id: namespaces.length > 1 ? `${known.id}@${namespace}` : known.id,
        label: namespaces.length > 1 ? `${known.label} (${namespace})` : known.label,
        namespace,
        inClusterUrl: `http://${known.service}.${namespace}`,
      };
      if (keys) store.credentials = { secret: `${namespace}/${known.secret}`, maskedKeyId: maskAccessKey(keys.accessKeyId) };
      found.push(store);
    }
  }
  return found;
}

export async function internalStoreKeys(ctx: EffectContext, store: InternalStore): Promise<AccessKeys | undefined> {
  const known = KNOWN_STORES.find((k) => store.id === k.id || store.id.startsWith(`${k.id}@`));
  if (!known) return undefined;
  const { backend } = requireSession(ctx);
  return keysOf(known, await backend.cluster.getSecret(store.namespace, known.secret));
}
