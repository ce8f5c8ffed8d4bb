// The real ClusterService against the real lab (test/lab/up.sh):
// kube-apiserver + kube-controller-manager, with the harness app fixture.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError, type Backend } from '../../src/services/interfaces.js';
import { openRealBackend } from '../../src/services/backend.js';
import { loadKubeConfig } from '../../src/services/kube-config.js';
import { createClusterService, type KubeClusterService } from '../../src/services/kube.js';
import { resolveProfile } from '../../src/services/profile-detect.js';
import { REPO, readLab, type Lab } from './kube-lab.js';

const PREFIX = `e2e-kube-${process.pid}`;

let lab: Lab;
let backend: Backend;
let cluster: KubeClusterService;
let tmp: string;

beforeAll(async () => {
  lab = readLab();
  execFileSync('bash', [join(REPO, 'test/lab/fixture.sh')], { stdio: 'pipe' });
  backend = await openRealBackend({ kubeconfig: lab.kubeconfig });
  cluster = backend.cluster as KubeClusterService;
  tmp = mkdtempSync(join(tmpdir(), 'services-kube-e2e-'));
});

afterAll(() => {
  backend?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the lab kubeconfig with one change, for failure cases. */
function variantKubeconfig(name: string, edit: (text: string) => string): string {
  const path = join(tmp, name);
  writeFileSync(path, edit(readFileSync(lab.kubeconfig, 'utf8')), { mode: 0o600 });
  return path;
}

async function serviceError(p: Promise<unknown>): Promise<ServiceError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ServiceError);
  return err as ServiceError;
}

describe('kubeconfig and connection', () => {
  it('loads the lab kubeconfig and reports where it came from', () => {
    expect(cluster.info()).toEqual({ context: 'lab', server: lab.apiUrl, user: 'lab-admin', source: lab.kubeconfig, contexts: ['lab'] });
  });

  it('finds it through KUBECONFIG too, and rejects an unknown context', () => {
    const env = { kubeconfig: `/nonexistent:${lab.kubeconfig}`, home: undefined, exists: existsSync, inCluster: false };
    expect(loadKubeConfig({}, env).info.server).toBe(lab.apiUrl);
    expect(() => loadKubeConfig({ context: 'prod' }, env)).toThrow(`Context "prod" not found in ${lab.kubeconfig}; available: lab`);
  });

  it('ping succeeds with the lab credentials', async () => {
    await cluster.ping();
  });

  it('ping maps a wrong token to unauthorized, without printing it', async () => {
    const bad = variantKubeconfig('bad-token', (t) => t.replace(/token: .*/, 'token: not-the-right-token'));
    const err = await serviceError(createClusterService(loadKubeConfig({ kubeconfig: bad })).ping());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).not.toContain('not-the-right-token');
  });

  it('ping maps an untrusted certificate to tls', async () => {
    const noCa = variantKubeconfig('no-ca', (t) => t.replace(/^\s*certificate-authority-data: .*\n/m, ''));
    const err = await serviceError(createClusterService(loadKubeConfig({ kubeconfig: noCa })).ping());
    expect(err.kind).toBe('tls');
    expect(err.message).toContain(lab.apiUrl);
  });

  it('can() answers from a SelfSubjectAccessReview', async () => {
    expect(await cluster.can({ verb: 'create', group: 'velero.io', resource: 'backups', namespace: 'velero' })).toBe(true);
    expect(await cluster.can({ verb: 'delete', group: '', resource: 'namespaces' })).toBe(true);
  });
});

describe('cluster objects', () => {
  it('finds the velero Deployment', async () => {
    expect(await cluster.deploymentExists('velero', 'velero')).toBe(true);
    expect(await cluster.deploymentExists('velero', 'not-there')).toBe(false);
    expect(await cluster.findDeployments('velero')).toEqual(['velero']);
  });

  it('lists namespaces by label', async () => {
    const apps = await cluster.listNamespaces('kots.io/app-slug=harness');
    expect(apps.map((n) => n.name)).toEqual(['harness']);
    expect(apps[0]?.phase).toBe('Active');
  });

  it('lists every labelled object of the harness app, across kinds, CRDs included', async () => {
    const refs = await cluster.listLabelled(['harness'], 'kots.io/app-slug=harness');
    const names = refs.map((r) => `${r.apiVersion} ${r.kind} ${r.name}`);
    for (const expected of [
      'v1 ConfigMap harness-config',
      'v1 ConfigMap harness-settings',
      'v1 Secret harness-db',
      'v1 Service harness-web',
      'apps/v1 Deployment harness-web',
      'apps/v1 Deployment harness-api',
      'example.com/v1 Widget widget-a',
      'example.com/v1 Widget widget-b',
    ]) expect(names).toContain(expected);
    expect(names.some((n) => n.includes('unlabelled'))).toBe(false);
    expect(refs.every((r) => r.namespace === 'harness' && r.labels?.['kots.io/app-slug'] === 'harness')).toBe(true);
    expect(refs.some((r) => r.kind === 'Event')).toBe(false);
  });

  it('findLabelled sees the app\'s Deployments and ConfigMaps in all namespaces', async () => {
    const refs = await cluster.findLabelled('kots.io/app-slug=harness');
    expect(refs.map((r) => `${r.kind} ${r.namespace}/${r.name}`)).toEqual(expect.arrayContaining(['Deployment harness/harness-web', 'ConfigMap harness/harness-config']));
  });

  it('detects the app profile from the cluster', async () => {
    expect(await resolveProfile({}, cluster)).toEqual({
      slug: 'harness',
      appNamespaces: ['harness'],
      adminNamespace: 'kotsadm',
      extraNamespaces: [],
      storageLocation: 'default',
      defaultVolumesToFsBackup: false,
      source: 'detected',
    });
  });

  it('puts, replaces, reads, deletes a Secret and waits until it is gone', async () => {
    const name = `${PREFIX}-secret`;
    await cluster.putSecret('velero', name, { cloud: 'first' }, { 'app.kubernetes.io/managed-by': 'e2e' });
    await cluster.putSecret('velero', name, { cloud: '[default]\naws_access_key_id=x' });
    expect(await cluster.getSecret('velero', name)).toEqual({ cloud: '[default]\naws_access_key_id=x' });
    const ref = { apiVersion: 'v1', kind: 'Secret', resource: 'secrets', namespace: 'velero', name };
    await cluster.deleteResources([ref]);
    const progress: number[] = [];
    await cluster.waitGone([ref], 30_000, (left) => progress.push(left));
    expect(progress.at(-1)).toBe(0);
    expect(await cluster.getSecret('velero', name)).toBeUndefined();
  });

  it('deletes a namespace and waits until the controller manager has finished it', async () => {
    const name = `${PREFIX}-ns`;
    await cluster.client.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
    await cluster.putSecret(name, 'content', { a: 'b' });
    const progress: string[][] = [];
    await cluster.deleteNamespaces([name], 120_000, (left) => progress.push(left));
    expect(progress[0]).toEqual([name]);
    expect(progress.at(-1)).toEqual([]);
    expect((await cluster.listNamespaces()).map((n) => n.name)).not.toContain(name);
  });
});
