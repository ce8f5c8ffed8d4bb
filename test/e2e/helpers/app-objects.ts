// The lab's app fixture (test/lab/fixture.sh) as comparable data: what a
// restore must bring back identical, and what it must not touch.
import { kubectlJson, type LabInfo, type Obj } from './lab.js';

/** The kinds a restore is compared on; Pods and ReplicaSets are the controllers' business. */
export const COMPARED_KINDS = 'configmaps,secrets,services,deployments.apps,widgets.example.com';

/** Labels and annotations that restores or controllers add by design. */
const ADDED_LABELS = /^velero\.io\//;
const ADDED_ANNOTATIONS = /^(deployment\.kubernetes\.io\/revision)$/;
/** Service fields the apiserver allocates anew on create. */
const ALLOCATED_SERVICE_FIELDS = ['clusterIP', 'clusterIPs'];

function without(record: Record<string, string> | undefined, drop: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => !drop.test(k)));
}

/** What must survive a backup and restore: identity, labels, annotations, and the payload. */
export function comparable(o: Obj): Obj {
  const kind = o.kind as string;
  const out: Obj = {
    kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    labels: without(o.metadata.labels, ADDED_LABELS),
    annotations: without(o.metadata.annotations, ADDED_ANNOTATIONS),
  };
  if (kind === 'ConfigMap') out.data = o.data ?? {};
  if (kind === 'Secret') Object.assign(out, { type: o.type, data: o.data ?? {} });
  if (kind === 'Service') out.spec = Object.fromEntries(Object.entries(o.spec as Obj).filter(([k]) => !ALLOCATED_SERVICE_FIELDS.includes(k)));
  if (kind === 'Deployment' || kind === 'Widget') out.spec = o.spec;
  return out;
}

/** Objects of COMPARED_KINDS in `namespace` matching `selector`, by "Kind/name". */
export async function objectsIn(lab: LabInfo, namespace: string, selector?: string): Promise<Record<string, Obj>> {
  const list = await kubectlJson<{ items: Obj[] }>(lab, ['-n', namespace, 'get', COMPARED_KINDS, ...(selector ? ['-l', selector] : [])]);
  return Object.fromEntries(list.items.map((o) => [`${o.kind}/${o.metadata.name}`, comparable(o)]));
}

/** Identity of objects that must stay untouched (same uid, same version). */
export async function identities(lab: LabInfo, refs: { namespace: string; kind: string; name: string }[]): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const r of refs) {
    const list = await kubectlJson<{ items: Obj[] }>(lab, ['-n', r.namespace, 'get', r.kind, '--field-selector', `metadata.name=${r.name}`]);
    const o = list.items[0];
    out[`${r.namespace}/${r.kind}/${r.name}`] = o ? `${o.metadata.uid}@${o.metadata.resourceVersion}` : undefined;
  }
  return out;
}

/** The app's objects every snapshot must hold, and what no snapshot may hold, as tarball paths. */
export const APP_FILES = [
  'resources/configmaps/namespaces/harness/harness-config.json',
  'resources/configmaps/namespaces/harness/harness-settings.json',
  'resources/secrets/namespaces/harness/harness-db.json',
  'resources/services/namespaces/harness/harness-web.json',
  'resources/services/namespaces/harness/harness-api.json',
  'resources/deployments.apps/namespaces/harness/harness-web.json',
  'resources/deployments.apps/namespaces/harness/harness-api.json',
  'resources/widgets.example.com/namespaces/harness/widget-a.json',
  'resources/widgets.example.com/namespaces/harness/widget-b.json',
  'resources/customresourcedefinitions.apiextensions.k8s.io/cluster/widgets.example.com.json',
  'resources/namespaces/cluster/harness.json',
];
export const ADMIN_FILES = ['resources/configmaps/namespaces/kotsadm/kotsadm-config.json', 'resources/secrets/namespaces/kotsadm/kotsadm-password.json', 'resources/namespaces/cluster/kotsadm.json'];
export const NEVER_FILES = ['resources/configmaps/namespaces/harness/harness-unlabelled.json', 'resources/secrets/namespaces/harness/harness-unlabelled.json'];
export const NEVER_PREFIXES = ['resources/configmaps/namespaces/bystander/', 'resources/namespaces/cluster/bystander.json'];

export const APP_OBJECTS = [
  'ConfigMap/harness-config',
  'ConfigMap/harness-settings',
  'Deployment/harness-api',
  'Deployment/harness-web',
  'Secret/harness-db',
  'Service/harness-api',
  'Service/harness-web',
  'Widget/widget-a',
  'Widget/widget-b',
];
export const UNLABELLED = [
  { namespace: 'harness', kind: 'configmap', name: 'harness-unlabelled' },
  { namespace: 'harness', kind: 'secret', name: 'harness-unlabelled' },
  { namespace: 'bystander', kind: 'configmap', name: 'bystander-config' },
];
