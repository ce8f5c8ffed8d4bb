// ClusterService's real code paths (generated client + raw requests + our
// HTTP layer) against a scripted apiserver on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/interfaces.js';
import { createClusterService } from '../../../src/services/kube.js';
import { FakeApiServer, route } from './fake-apiserver.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
let api: FakeApiServer;

beforeAll(async () => {
  api = await new FakeApiServer().start();
});
afterAll(() => api.stop());
beforeEach(() => api.reset());

async function failure(p: Promise<unknown>): Promise<ServiceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServiceError);
  return err as ServiceError;
}

describe('objects of every kind', () => {
  function discovery(): void {
    api.on(route('GET', '/api/v1', { status: 200, body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [
      { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ALL },
      { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ALL },
      { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ALL },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
      { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ALL },
    ] } }));
    api.on(route('GET', '/apis', { status: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [
      { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
      { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } },
    ] } }));
    api.on(route('GET', '/apis/apps/v1', { status: 200, body: { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [
      { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ALL },
    ] } }));
    // An aggregated API that is down must not break the listing.
    api.on(route('GET', '/apis/metrics.k8s.io/v1beta1', { status: 503, body: { kind: 'Status', code: 503, message: 'service unavailable' } }));
  }

  it('lists every listable namespaced type by label in each namespace, following pages', async () => {
    discovery();
    const meta = (name: string) => ({ metadata: { name, labels: { 'kots.io/app-slug': 'harness' } } });
    api.on(route('GET', '/api/v1/namespaces/harness/configmaps', (s) =>
      s.query.get('continue') ? { status: 200, body: { items: [meta('cm-2')], metadata: {} } } : { status: 200, body: { items: [meta('cm-1')], metadata: { continue: 'page2' } } }));
    api.on(route('GET', '/api/v1/namespaces/harness/pods', { status: 200, body: { items: [meta('web-abc')], metadata: {} } }));
    api.on(route('GET', '/apis/apps/v1/namespaces/harness/deployments', { status: 200, body: { items: [meta('web')], metadata: {} } }));
    api.on(route('GET', '/api/v1/namespaces/harness-db/configmaps', { status: 200, body: { items: [], metadata: {} } }));
    api.on(route('GET', '/api/v1/namespaces/harness-db/pods', { status: 200, body: { items: [], metadata: {} } }));
    api.on(route('GET', '/apis/apps/v1/namespaces/harness-db/deployments', { status: 200, body: { items: [], metadata: {} } }));

    const refs = await createClusterService(api.loaded()).listLabelled(['harness', 'harness-db'], 'kots.io/app-slug=harness');
    expect(refs.map((r) => `${r.apiVersion} ${r.kind} ${r.resource} ${r.namespace}/${r.name}`).sort()).toEqual([
      'apps/v1 Deployment deployments harness/web',
      'v1 ConfigMap configmaps harness/cm-1',
      'v1 ConfigMap configmaps harness/cm-2',
      'v1 Pod pods harness/web-abc',
    ]);
    const lists = api.seen.filter((s) => s.path.includes('/namespaces/'));
    expect(lists.every((s) => s.query.get('labelSelector') === 'kots.io/app-slug=harness')).toBe(true);
    // Metadata only, so Secret values are never downloaded.
    expect(lists.every((s) => s.accept?.startsWith('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1'))).toBe(true);
    expect(api.seen.some((s) => s.path.endsWith('/events'))).toBe(false);
  });

  it('deletes with background propagation, ignores what is already gone, then waits until gone', async () => {
    api.on(route('DELETE', '/apis/apps/v1/namespaces/harness/deployments/web', { status: 200, body: { kind: 'Status', status: 'Success' } }));
    const cluster = createClusterService(api.loaded());
    const refs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespace: 'harness', name: 'web' },
      { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespace: 'harness', name: 'gone' },
    ];
    await cluster.deleteResources(refs);
    const deletes = api.seen.filter((s) => s.method === 'DELETE');
    expect(deletes.map((d) => d.query.get('propagationPolicy'))).toEqual(['Background', 'Background']);

    let polls = 0;
    api.on(route('GET', '/apis/apps/v1/namespaces/harness/deployments', (s) => {
      polls++;
      expect(s.query.get('fieldSelector')).toBe('metadata.name=web');
      return { status: 200, body: { items: polls < 2 ? [{ metadata: { name: 'web' } }] : [], metadata: {} } };
    }));
    api.on(route('GET', '/api/v1/namespaces/harness/configmaps', { status: 200, body: { items: [], metadata: {} } }));
    const progress: number[] = [];
    await cluster.waitGone(refs, 10_000, (left) => progress.push(left));
    expect(progress).toEqual([1, 0]);
  });

  it('waitGone gives up after the timeout, naming what is left', async () => {
    api.on(route('GET', '/api/v1/namespaces/harness/configmaps', { status: 200, body: { items: [{ metadata: { name: 'stuck' } }], metadata: {} } }));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespace: 'harness', name: 'stuck' };
    const err = await failure(createClusterService(api.loaded()).waitGone([ref], 1200));
    expect(err.message).toMatch(/^1 object\(s\) still exist after 1 s: ConfigMap\/stuck in harness/);
  });
});

describe('secrets and access', () => {
  it('putSecret creates, or replaces keeping type and resourceVersion; getSecret decodes', async () => {
    api.on(route('POST', '/api/v1/namespaces/velero/secrets', { status: 409, body: { kind: 'Status', code: 409, reason: 'AlreadyExists', message: 'secrets "cloud-credentials" already exists' } }));
    api.on(route('GET', '/api/v1/namespaces/velero/secrets/cloud-credentials', { status: 200, body: { apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1', metadata: { name: 'cloud-credentials', resourceVersion: '42', labels: { keep: 'me' } }, data: { cloud: Buffer.from('old').toString('base64') } } }));
    api.on(route('PUT', '/api/v1/namespaces/velero/secrets/cloud-credentials', (s) => ({ status: 200, body: s.body })));
    const cluster = createClusterService(api.loaded());
    await cluster.putSecret('velero', 'cloud-credentials', { cloud: '[default]\naws_access_key_id=AKIA' });
    const put = api.seen.find((s) => s.method === 'PUT')?.body as { type: string; metadata: { resourceVersion: string; labels: Record<string, string> }; data: Record<string, string> };
    expect(put.type).toBe('helm.sh/release.v1');
    expect(put.metadata.resourceVersion).toBe('42');
    expect(put.metadata.labels).toEqual({ keep: 'me' });
    expect(Buffer.from(put.data.cloud ?? '', 'base64').toString()).toBe('[default]\naws_access_key_id=AKIA');
    expect(await cluster.getSecret('velero', 'cloud-credentials')).toEqual({ cloud: 'old' });
    expect(await cluster.getSecret('velero', 'missing')).toBeUndefined();
  });

  it('can() asks a SelfSubjectAccessReview', async () => {
    api.on(route('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (s) => {
      const attrs = (s.body as { spec: { resourceAttributes: { verb: string } } }).spec.resourceAttributes;
      return { status: 201, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {}, status: { allowed: attrs.verb === 'list' } } };
    }));
    const cluster = createClusterService(api.loaded());
    expect(await cluster.can({ verb: 'list', group: 'velero.io', resource: 'backups', namespace: 'velero' })).toBe(true);
    expect(await cluster.can({ verb: 'delete', group: 'velero.io', resource: 'backups', namespace: 'velero' })).toBe(false);
    expect(api.seen[0]?.body).toMatchObject({ spec: { resourceAttributes: { verb: 'list', group: 'velero.io', resource: 'backups', namespace: 'velero' } } });
  });

  it('accessRules() asks one SelfSubjectRulesReview for the namespace and keeps its resource rules', async () => {
    api.on(route('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', (s) => ({
      status: 201,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: (s.body as { spec: unknown }).spec,
        status: {
          incomplete: false,
          resourceRules: [
            { verbs: ['get', 'list', 'watch'], apiGroups: ['velero.io'], resources: ['*'] },
            { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['cloud-credentials'] },
            { verbs: ['create'], resources: ['selfsubjectreviews'] },
          ],
          nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
        },
      },
    })));
    const cluster = createClusterService(api.loaded());
    expect(await cluster.accessRules('velero')).toEqual({
      incomplete: false,
      rules: [
        { verbs: ['get', 'list', 'watch'], apiGroups: ['velero.io'], resources: ['*'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['cloud-credentials'] },
        { verbs: ['create'], apiGroups: [], resources: ['selfsubjectreviews'] },
      ],
    });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.body).toMatchObject({ kind: 'SelfSubjectRulesReview', spec: { namespace: 'velero' } });
  });

  it('accessRules() passes on incomplete, and a refused review fails as forbidden', async () => {
    api.on(route('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { status: 201, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: {}, status: { incomplete: true, resourceRules: [], nonResourceRules: [], evaluationError: 'webhook authorizer does not support user rule resolution' } } }));
    const cluster = createClusterService(api.loaded());
    expect(await cluster.accessRules('velero')).toEqual({ incomplete: true, rules: [] });
    api.reset();
    api.on(route('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'selfsubjectrulesreviews.authorization.k8s.io is forbidden' } }));
    expect((await failure(cluster.accessRules('velero'))).kind).toBe('forbidden');
  });

  it('can() passes a subresource and a name on', async () => {
    api.on(route('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { status: 201, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {}, status: { allowed: true } } }));
    const cluster = createClusterService(api.loaded());
    expect(await cluster.can({ verb: 'update', group: 'velero.io', resource: 'backups', subresource: 'status', name: 'nightly', namespace: 'velero' })).toBe(true);
    expect(api.seen[0]?.body).toMatchObject({ spec: { resourceAttributes: { verb: 'update', group: 'velero.io', resource: 'backups', subresource: 'status', name: 'nightly', namespace: 'velero' } } });
  });

  it('findDeployments falls back to the conventional namespace when cluster-wide listing is forbidden', async () => {
    api.on(route('GET', '/apis/apps/v1/deployments', { status: 403, body: { kind: 'Status', code: 403, message: 'forbidden' } }));
    api.on(route('GET', '/apis/apps/v1/namespaces/velero/deployments/velero', { status: 200, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'velero', namespace: 'velero' } } }));
    expect(await createClusterService(api.loaded()).findDeployments('velero')).toEqual(['velero']);
  });
});
