// Rules reviews against the real apiserver's RBAC (lab): for a ServiceAccount
// with Roles using wildcards, subresources and resourceNames, and for the lab
// admin, every check answered from a SelfSubjectRulesReview must be what a
// SelfSubjectAccessReview of the same check says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesAllow } from '../../src/services/access-rules.js';
import { openRealBackend } from '../../src/services/backend.js';
import type { AccessCheck, Backend } from '../../src/services/interfaces.js';
import { answerChecks, accessText } from '../../src/state/access.js';
import { kubectl, readLabInfo, type LabInfo } from './helpers/lab.js';
import { restrictedUser, type PolicyRule, type RestrictedUser } from './faults-lab.js';

const RUN = Date.now().toString(36);
const APP_NS = 'harness';
let lab: LabInfo;
let user: RestrictedUser;
let backends: Backend[] = [];

/** Velero namespace rules of the user: wildcards, subresources and names. */
const VELERO_RULES = [
  { apiGroups: ['velero.io'], resources: ['backups', 'backups/status'], verbs: ['get', 'list', 'update'] },
  { apiGroups: ['velero.io'], resources: ['*/finalizers'], verbs: ['update'] },
  { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['*'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update'], resourceNames: ['cloud-credentials'] },
  { apiGroups: ['*'], resources: ['configmaps'], verbs: ['create'] },
] as PolicyRule[];

/** A Role in the app namespace: delete Deployments and Services only. */
const APP_ROLE = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: `rules-app-${RUN}`, namespace: APP_NS },
  rules: [
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] },
    { apiGroups: [''], resources: ['services'], verbs: ['delete', 'get'] },
  ],
};

function checksIn(namespace: string | undefined): AccessCheck[] {
  const out: AccessCheck[] = [];
  const targets: Omit<AccessCheck, 'verb' | 'namespace'>[] = [
    { group: 'velero.io', resource: 'backups' },
    { group: 'velero.io', resource: 'backups', subresource: 'status' },
    { group: 'velero.io', resource: 'backups', subresource: 'finalizers' },
    { group: 'velero.io', resource: 'restores', subresource: 'finalizers' },
    { group: 'velero.io', resource: 'restores' },
    { group: 'velero.io', resource: 'schedules' },
    { group: 'velero.io', resource: 'backupstoragelocations' },
    { group: 'velero.io', resource: 'deletebackuprequests' },
    { group: '', resource: 'secrets' },
    { group: '', resource: 'secrets', name: 'cloud-credentials' },
    { group: '', resource: 'secrets', name: 'other' },
    { group: '', resource: 'configmaps' },
    { group: 'apps', resource: 'deployments' },
    { group: '', resource: 'services' },
    { group: '', resource: 'namespaces' },
  ];
  for (const t of targets) for (const verb of ['get', 'list', 'create', 'update', 'delete']) out.push({ verb, ...t, namespace });
  return out;
}

beforeAll(async () => {
  lab = readLabInfo();
  user = await restrictedUser(lab, `rules-${RUN}`, VELERO_RULES);
  await kubectl(lab, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      APP_ROLE,
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `rules-app-${RUN}`, namespace: APP_NS }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `rules-app-${RUN}` }, subjects: [{ kind: 'ServiceAccount', name: user.name, namespace: lab.veleroNamespace }] },
    ],
  }));
});

afterAll(async () => {
  for (const b of backends) b.close();
  await kubectl(lab, ['-n', APP_NS, 'delete', 'role,rolebinding', `rules-app-${RUN}`, '--ignore-not-found']).catch(() => undefined);
  await user?.remove();
});

async function open(kubeconfig: string): Promise<Backend> {
  const b = await openRealBackend({ kubeconfig });
  backends.push(b);
  return b;
}

/** Each check as "text: rules answer" next to "text: access review answer". */
async function compare(backend: Backend, namespace: string): Promise<{ fromRules: string[]; fromReviews: string[] }> {
  const rules = await backend.cluster.accessRules!(namespace);
  expect(rules.incomplete).toBe(false);
  const checks = checksIn(namespace);
  const reviews = await Promise.all(checks.map((c) => backend.cluster.can(c)));
  return {
    fromRules: checks.map((c) => `${accessText(c)}: ${rulesAllow(rules.rules, c)}`),
    fromReviews: checks.map((c, i) => `${accessText(c)}: ${reviews[i]}`),
  };
}

describe('rules reviews agree with access reviews', () => {
  it('for a user with wildcards, subresources and resource names, in each namespace', async () => {
    const backend = await open(user.kubeconfig);
    for (const ns of [lab.veleroNamespace, APP_NS, 'bystander']) {
      const { fromRules, fromReviews } = await compare(backend, ns);
      expect(fromRules).toEqual(fromReviews);
    }
    // The cases are not all alike: some allowed, most not.
    const { fromRules } = await compare(backend, lab.veleroNamespace);
    expect(fromRules).toContain('update backups/status.velero.io in namespace velero: true');
    expect(fromRules).toContain('update restores/finalizers.velero.io in namespace velero: true');
    expect(fromRules).toContain('update secrets "cloud-credentials" in namespace velero: true');
    expect(fromRules).toContain('update secrets "other" in namespace velero: false');
    expect(fromRules).toContain('update secrets in namespace velero: false');
    expect(fromRules).toContain('create backups.velero.io in namespace velero: false');
  });

  it('answerChecks gives what access reviews give, cluster-scoped checks included', async () => {
    const backend = await open(user.kubeconfig);
    const checks = [...checksIn(lab.veleroNamespace), ...checksIn(APP_NS), ...checksIn(undefined).filter((c) => c.resource === 'namespaces')];
    const answered = await answerChecks(backend.cluster, checks);
    const reviews = await Promise.all(checks.map((c) => backend.cluster.can(c)));
    expect(answered.map((r, i) => `${accessText(checks[i]!)}: ${r.status === 'fulfilled' ? r.value : 'error'}`)).toEqual(
      reviews.map((ok, i) => `${accessText(checks[i]!)}: ${ok}`),
    );
  });

  it('for the lab admin (system:masters)', async () => {
    const backend = await open(lab.kubeconfig);
    const { fromRules, fromReviews } = await compare(backend, lab.veleroNamespace);
    expect(fromRules).toEqual(fromReviews);
    expect(fromRules.every((l) => l.endsWith(': true'))).toBe(true);
  });
});
