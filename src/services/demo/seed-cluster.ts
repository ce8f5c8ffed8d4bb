// The simulated cluster at start: namespaces and the app's objects. Names are
// fixed (the README names them); the app's slug and namespaces come from the profile.
import { APP_SLUG_LABEL, BACKUP_LABEL, type AppProfile } from '../profile.js';
import type { ClusterState, SimItem, SimVolume } from './cluster-state.js';
import { VELERO_NAMESPACE } from './world.js';

const MiB = 1024 * 1024;

const KINDS: Record<string, [apiVersion: string, kind: string]> = {
  configmaps: ['v1', 'ConfigMap'],
  secrets: ['v1', 'Secret'],
  services: ['v1', 'Service'],
  serviceaccounts: ['v1', 'ServiceAccount'],
  persistentvolumeclaims: ['v1', 'PersistentVolumeClaim'],
  pods: ['v1', 'Pod'],
  deployments: ['apps/v1', 'Deployment'],
  statefulsets: ['apps/v1', 'StatefulSet'],
  widgets: ['example.com/v1', 'Widget'],
};

function item(resource: string, namespace: string, name: string, labels: Record<string, string>, volumes?: SimVolume[]): SimItem {
  const [apiVersion, kind] = KINDS[resource]!;
  return { apiVersion, kind, resource, namespace, name, labels: { ...labels }, ...(volumes ? { volumes } : {}) };
}

/** The app's objects in its first namespace: labelled for both partial and full snapshots. */
function appItems(profile: AppProfile, ns: string): SimItem[] {
  const s = profile.slug;
  const labels = (component: string) => ({ [APP_SLUG_LABEL]: s, [BACKUP_LABEL]: 'velero', 'app.kubernetes.io/name': s, 'app.kubernetes.io/component': component });
  return [
    item('serviceaccounts', ns, s, labels('app')),
    item('configmaps', ns, `${s}-config`, labels('app')),
    item('configmaps', ns, `${s}-feature-flags`, labels('app')),
    item('secrets', ns, `${s}-db-credentials`, labels('postgres')),
    item('secrets', ns, `${s}-tls`, labels('web')),
    item('services', ns, `${s}-web`, labels('web')),
    item('services', ns, `${s}-api`, labels('api')),
    item('services', ns, `${s}-postgres`, labels('postgres')),
    item('deployments', ns, `${s}-web`, labels('web')),
    item('deployments', ns, `${s}-api`, labels('api')),
    item('deployments', ns, `${s}-worker`, labels('worker')),
    item('statefulsets', ns, `${s}-postgres`, labels('postgres')),
    item('persistentvolumeclaims', ns, `data-${s}-postgres-0`, labels('postgres')),
    item('pods', ns, `${s}-web-5d8c7b9f6-k2lqp`, labels('web')),
    item('pods', ns, `${s}-api-6f7b8c9d5-8xv2n`, labels('api')),
    item('pods', ns, `${s}-worker-7c9d8f6b5-p4mzt`, labels('worker'), [{ name: 'cache', bytes: 64 * MiB, optIn: false }]),
    item('pods', ns, `${s}-postgres-0`, labels('postgres'), [{ name: 'data', bytes: 1_288 * MiB, optIn: true }]),
    item('widgets', ns, 'primary', labels('widgets')),
    item('widgets', ns, 'secondary', labels('widgets')),
  ];
}

function adminItems(ns: string): SimItem[] {
  const labels = { [BACKUP_LABEL]: 'velero', 'kots.io/kotsadm': 'true' };
  return [
    item('deployments', ns, 'kotsadm', labels),
    item('statefulsets', ns, 'kotsadm-rqlite', labels),
    item('services', ns, 'kotsadm', labels),
    item('services', ns, 'kotsadm-rqlite', labels),
    item('secrets', ns, 'kotsadm-password', labels),
    item('secrets', ns, 'kotsadm-authstring', labels),
    item('configmaps', ns, 'kotsadm-confg', labels),
    item('persistentvolumeclaims', ns, 'kotsadm-rqlite-kotsadm-rqlite-0', labels),
    item('pods', ns, 'kotsadm-6b7c8d9f5-vqz4w', labels),
    item('pods', ns, 'kotsadm-rqlite-0', labels, [{ name: 'kotsadm-rqlite', bytes: 48 * MiB, optIn: true }]),
  ];
}

export function seedCluster(cluster: ClusterState, profile: AppProfile, veleroInstalled: boolean): void {
  const [appNs, ...moreAppNs] = profile.appNamespaces;
  cluster.addNamespace(profile.adminNamespace, { 'kots.io/kotsadm': 'true' });
  for (const ns of profile.appNamespaces) cluster.addNamespace(ns, { [APP_SLUG_LABEL]: profile.slug });
  for (const ns of ['default', 'kube-system']) cluster.addNamespace(ns);
  const items = [...adminItems(profile.adminNamespace)];
  if (appNs) items.push(...appItems(profile, appNs));
  for (const ns of moreAppNs) items.push(item('configmaps', ns, `${profile.slug}-config`, { [APP_SLUG_LABEL]: profile.slug, [BACKUP_LABEL]: 'velero' }));
  // Not the app's: a partial snapshot must leave these alone.
  if (appNs) items.push(item('configmaps', appNs, 'kube-root-ca.crt', {}));
  items.push(item('services', 'default', 'kubernetes', { component: 'apiserver', provider: 'kubernetes' }));
  items.push(item('deployments', 'kube-system', 'coredns', { 'k8s-app': 'kube-dns' }));
  if (veleroInstalled) {
    cluster.addNamespace(VELERO_NAMESPACE, { component: 'velero' });
    items.push(item('deployments', VELERO_NAMESPACE, 'velero', { component: 'velero' }));
    items.push(item('pods', VELERO_NAMESPACE, 'velero-7f9c6d5b8-tx4kq', { component: 'velero', deploy: 'velero' }));
  }
  for (const i of items) if (cluster.namespaces.has(i.namespace!)) cluster.add(i);
}
