// Benchmark objects. Scale: N Backup objects in a namespace no Velero server
// watches, cloned from a real Backup that the lab's Velero wrote (same spec
// fields and status shape), named and labelled the way the admin console does
// (partial `harness-xxxxx`, full `instance-xxxxx`), one hour apart, with a mix
// of outcomes. Velero 1.18's Backup CRD has no status subresource, so a plain
// create stores the status too.
import { Api, veleroPath } from './kube.mjs';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // like Kubernetes' generateName suffixes

/** Deterministic 5-character suffix for index i. */
export function suffix(i) {
  let x = (i * 2654435761 + 12345) >>> 0;
  let s = '';
  for (let k = 0; k < 5; k++) {
    s += ALPHABET[x % ALPHABET.length];
    x = Math.floor(x / ALPHABET.length) ^ (k * 7919);
  }
  return s;
}

export function scaleBackups(template, namespace, n, now = Date.now()) {
  const names = new Set();
  const out = [];
  for (let i = 0; i < n; i++) {
    const full = i % 4 === 0;
    let name = `${full ? 'instance' : 'harness'}-${suffix(i)}`;
    for (let k = 0; names.has(name); k++) name = `${full ? 'instance' : 'harness'}-${suffix(i + n * (k + 1))}`;
    names.add(name);
    const start = new Date(now - (i + 1) * 3_600_000);
    const took = 20_000 + ((i * 7919) % 90_000);
    const outcome = i % 31 === 5 ? 'Failed' : i % 13 === 3 ? 'PartiallyFailed' : 'Completed';
    const items = 120 + (i % 80);
    const schedule = i % 3 !== 0;
    out.push({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name,
        namespace,
        labels: { 'velero.io/storage-location': 'default', ...(full ? {} : { 'kots.io/app-slug': 'harness' }) },
        annotations: {
          ...template.metadata.annotations,
          'kots.io/snapshot-trigger': schedule ? 'schedule' : 'manual',
          'kots.io/snapshot-requested': start.toISOString(),
          ...(full ? { 'kots.io/instance': 'true' } : {}),
        },
      },
      spec: {
        ...template.spec,
        includedNamespaces: full ? ['kotsadm', 'harness'] : ['harness'],
        ...(full
          ? { orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }] }
          : { labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } }),
        includeClusterResources: true,
        ttl: '8760h0m0s',
      },
      status: {
        ...template.status,
        phase: outcome,
        startTimestamp: iso(start),
        completionTimestamp: iso(new Date(start.getTime() + took)),
        expiration: iso(new Date(start.getTime() + 8760 * 3_600_000)),
        progress: { totalItems: items, itemsBackedUp: outcome === 'Failed' ? Math.floor(items / 3) : items },
        ...(outcome === 'PartiallyFailed' ? { errors: 1 + (i % 3), warnings: 2 } : {}),
        ...(outcome === 'Failed' ? { failureReason: 'error uploading backup: upload failed (bench fixture)' } : {}),
      },
    });
  }
  return out;
}

const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Names of the Backups in `namespace` (one list call). */
export async function backupNames(api, namespace) {
  const res = await api.request('GET', veleroPath(namespace, 'backups'));
  if (res.status === 404) return new Set();
  if (res.status !== 200) throw new Error(`list backups in ${namespace}: HTTP ${res.status}`);
  return new Set((res.body.items ?? []).map((b) => b.metadata.name));
}

export async function ensureNamespace(api, name) {
  const res = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'velero-tui-bench': 'true' } } });
  if (res.status !== 201 && res.status !== 409) throw new Error(`create namespace ${name}: HTTP ${res.status}`);
  // A namespace still terminating from an earlier run refuses creates: wait it out.
  for (let i = 0; i < 120; i++) {
    const ns = await api.request('GET', `/api/v1/namespaces/${name}`);
    if (ns.status === 200 && ns.body.status?.phase === 'Active') return;
    if (ns.status === 404) return ensureNamespace(api, name);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`namespace ${name} stays Terminating`);
}

/** Creates whatever of `objects` is missing; returns { created, ms }. */
export async function createMissing(api, namespace, objects, parallel = 16) {
  const have = await backupNames(api, namespace);
  const missing = objects.filter((o) => !have.has(o.metadata.name));
  const t = performance.now();
  await Api.parallel(missing, parallel, async (obj) => {
    for (let attempt = 1; ; attempt++) {
      const res = await api.request('POST', veleroPath(namespace, 'backups'), obj);
      if (res.status === 201 || res.status === 409) return;
      if (res.status === 429 && attempt < 10) {
        await new Promise((r) => setTimeout(r, 200 * attempt));
        continue;
      }
      throw new Error(`create Backup ${obj.metadata.name}: HTTP ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`);
    }
  });
  // Anything in the namespace that is not ours (e.g. left from a changed fixture) is removed.
  const wanted = new Set(objects.map((o) => o.metadata.name));
  const extra = [...have].filter((n) => !wanted.has(n));
  await Api.parallel(extra, parallel, (name) => api.request('DELETE', veleroPath(namespace, 'backups', name)));
  return { created: missing.length, deleted: extra.length, ms: performance.now() - t };
}
