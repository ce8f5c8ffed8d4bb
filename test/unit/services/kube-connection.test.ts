// How ClusterService fails when the apiserver cannot be used: refused,
// silent, wrong credentials, RBAC — through the real client and HTTP layer.
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/interfaces.js';
import { createClusterService } from '../../../src/services/kube.js';
import { FakeApiServer, route } from './fake-apiserver.js';

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

describe('connection failures', () => {
  it('maps a refused connection to unreachable, naming the server', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const err = await failure(createClusterService(api.loaded('t', `http://127.0.0.1:${port}`)).ping());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`Cannot reach the Kubernetes API at http://127.0.0.1:${port}: connection refused`);
  });

  it('gives up on an apiserver that never answers instead of hanging', async () => {
    api.on(() => 'hang');
    const started = Date.now();
    const err = await failure(createClusterService(api.loaded(), 300).listNamespaces());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('no answer (timed out)');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sends the kubeconfig token and maps 401 to unauthorized', async () => {
    api.on(route('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { status: 401, body: { kind: 'Status', code: 401, message: 'Unauthorized' } }));
    const err = await failure(createClusterService(api.loaded('expired-token')).ping());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).not.toContain('expired-token');
    expect(api.seen[0]?.auth).toBe('Bearer expired-token');
  });

  it('ping passes for an authenticated user and refuses an anonymous one', async () => {
    let user = 'kubernetes-admin';
    api.on(route('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', () => ({ status: 201, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', status: { userInfo: { username: user } } } })));
    await createClusterService(api.loaded()).ping();
    user = 'system:anonymous';
    expect((await failure(createClusterService(api.loaded()).ping())).kind).toBe('unauthorized');
  });

  it('keeps the apiserver message for 403s', async () => {
    api.on(route('GET', '/api/v1/namespaces', { status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: 'namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope' } }));
    const err = await failure(createClusterService(api.loaded()).listNamespaces());
    expect(err.kind).toBe('forbidden');
    expect(err.message).toContain('cannot list resource "namespaces"');
  });

  it('retries 429s after Retry-After, like client-go, then gives up with the reason', async () => {
    let calls = 0;
    const initializing = { status: 429, headers: { 'retry-after': '0' }, body: { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'storage is (re)initializing' } };
    api.on(route('GET', '/api/v1/namespaces', () => (++calls < 3 ? initializing : { status: 200, body: { kind: 'NamespaceList', items: [{ metadata: { name: 'default' } }] } })));
    expect((await createClusterService(api.loaded()).listNamespaces()).map((n) => n.name)).toEqual(['default']);
    expect(calls).toBe(3);

    api.reset();
    api.on(route('GET', '/api/v1/namespaces', initializing));
    const err = await failure(createClusterService(api.loaded()).listNamespaces());
    expect(err.message).toContain('HTTP 429 TooManyRequests');
    expect(err.message).toContain('storage is (re)initializing');
    expect(api.seen).toHaveLength(4);
  });
});
