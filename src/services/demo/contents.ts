// What a backup holds (from its spec and the cluster) and what a restore
// brings back (from its spec and the backup), following Velero's filters.
import type { BackupSpec, LabelSelector, RestoreSpec } from '../model.js';
import type { VolumeRecord } from './bucket.js';
import type { ClusterState, SimItem } from './cluster-state.js';
import { matchLabelSelector } from './selector.js';

const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'policy', 'autoscaling']);

/** Velero's restore order: these first, in this order, then everything else. */
const RESTORE_PRIORITY = [
  'customresourcedefinitions', 'namespaces', 'persistentvolumeclaims', 'serviceaccounts', 'secrets',
  'configmaps', 'limitranges', 'pods', 'replicasets', 'endpoints', 'services',
];

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

function namespaceFilter(included: string[] | undefined, excluded: string[] | undefined): (ns: string) => boolean {
  const inc = included ?? [];
  const exc = excluded ?? [];
  return (ns) => (inc.length === 0 || inc.includes('*') || inc.includes(ns)) && !exc.includes(ns);
}

function resourceFilter(included: string[] | undefined, excluded: string[] | undefined): (item: SimItem) => boolean {
  const names = (item: SimItem) => {
    const group = groupOf(item.apiVersion);
    return [item.resource, group ? `${item.resource}.${group}` : item.resource];
  };
  const inc = included ?? [];
  const exc = excluded ?? [];
  return (item) => {
    const n = names(item);
    return (inc.length === 0 || inc.includes('*') || n.some((x) => inc.includes(x))) && !n.some((x) => exc.includes(x));
  };
}

function selectorFilter(labelSelector: LabelSelector | undefined, orSelectors: LabelSelector[] | undefined): (item: SimItem) => boolean {
  const selectors = labelSelector ? [labelSelector] : orSelectors ?? [];
  return (item) => selectors.length === 0 || selectors.some((s) => matchLabelSelector(s, item.labels));
}

export function namespaceItem(name: string, labels: Record<string, string>): SimItem {
  return { apiVersion: 'v1', kind: 'Namespace', resource: 'namespaces', name, labels: { ...labels } };
}

function crdItem(resource: string, group: string): SimItem {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    resource: 'customresourcedefinitions',
    name: `${resource}.${group}`,
    labels: {},
  };
}

/** The objects a backup with this spec takes, and the pod volumes it copies. */
export function backupContents(cluster: ClusterState, spec: BackupSpec): { items: SimItem[]; volumes: VolumeRecord[] } {
  const nsOk = namespaceFilter(spec.includedNamespaces, spec.excludedNamespaces);
  const resOk = resourceFilter(spec.includedResources, spec.excludedResources);
  const selOk = selectorFilter(spec.labelSelector, spec.orLabelSelectors);
  const namespaced = cluster.live().filter((r) => r.namespace !== undefined && nsOk(r.namespace) && resOk(r) && selOk(r));
  const items: SimItem[] = [];
  for (const ns of cluster.namespaces.values()) if (nsOk(ns.name)) items.push(namespaceItem(ns.name, ns.labels));
  if (spec.includeClusterResources !== false) {
    const crds = new Set<string>();
    for (const r of namespaced) {
      const group = groupOf(r.apiVersion);
      if (!BUILTIN_GROUPS.has(group) && !crds.has(`${r.resource}.${group}`)) {
        crds.add(`${r.resource}.${group}`);
        items.push(crdItem(r.resource, group));
      }
    }
  }
  const volumes: VolumeRecord[] = [];
  for (const r of namespaced) {
    const { terminating: _t, ...item } = r;
    items.push(structuredClone(item));
    for (const v of r.volumes ?? []) {
      if (v.optIn || spec.defaultVolumesToFsBackup === true) volumes.push({ namespace: r.namespace!, pod: r.name, volume: v.name, bytes: v.bytes });
    }
  }
  return { items, volumes };
}

/** `<b>-resource-list.json.gz`: "apps/v1/Deployment" → ["ns/name", ...]. */
export function resourceList(items: SimItem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of items) {
    const key = `${item.apiVersion}/${item.kind}`;
    (out[key] ??= []).push(item.namespace ? `${item.namespace}/${item.name}` : item.name);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** The backup's items that a restore with this spec brings back, renamed per namespaceMapping, in restore order. */
export function restoreItems(items: SimItem[], spec: RestoreSpec): SimItem[] {
  const nsOk = namespaceFilter(spec.includedNamespaces, spec.excludedNamespaces);
  const resOk = resourceFilter(spec.includedResources, spec.excludedResources);
  const selOk = selectorFilter(spec.labelSelector, spec.orLabelSelectors);
  const nsFiltered = (spec.includedNamespaces?.length ?? 0) > 0 && !spec.includedNamespaces!.includes('*');
  const clusterOk = spec.includeClusterResources === true || (spec.includeClusterResources == null && !nsFiltered);
  const map = (ns: string) => spec.namespaceMapping?.[ns] ?? ns;
  const picked = items.filter((item) => {
    if (!resOk(item)) return false;
    if (item.kind === 'Namespace') return nsOk(item.name);
    if (item.namespace === undefined) return clusterOk && selOk(item);
    return nsOk(item.namespace) && selOk(item);
  });
  const mapped = picked.map((item) => {
    const copy = structuredClone(item);
    if (copy.kind === 'Namespace') copy.name = map(copy.name);
    else if (copy.namespace !== undefined) copy.namespace = map(copy.namespace);
    return copy;
  });
  const rank = (item: SimItem) => {
    const i = RESTORE_PRIORITY.indexOf(item.resource);
    return i === -1 ? RESTORE_PRIORITY.length : i;
  };
  return mapped.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i).map((x) => x.item);
}
