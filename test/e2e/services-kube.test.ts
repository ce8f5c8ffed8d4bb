// The real Kubernetes-side services against the real lab (test/lab/up.sh):
// kube-apiserver + kube-controller-manager + Velero server with the AWS plugin.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError, type Backend, type WatchState } from '../../src/services/interfaces.js';
import { openRealBackend } from '../../src/services/backend.js';
import { loadKubeConfig } from '../../src/services/kube-config.js';
import { createClusterService, type KubeClusterService } from '../../src/services/kube.js';
import type { Backup, BackupPhase } from '../../src/services/model.js';
import { resolveProfile } from '../../src/services/profile-detect.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const LAB_JSON = join(REPO, '.lab/lab.json');

interface Lab {
  kubeconfig: string;
  apiUrl: string;
  veleroVersion: string;
  veleroNamespace: string;
}

function readLab(): Lab {
  if (!existsSync(LAB_JSON)) throw new Error(`No lab: ${LAB_JSON} is missing. Run \`bash test/lab/build.sh && bash test/lab/up.sh\` first.`);
  return JSON.parse(readFileSync(LAB_JSON, 'utf8')) as Lab;
}

const FINAL: BackupPhase[] = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
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
    const noCa = variantKubeconfig('no-ca', (t) => t.replace(/certificate-authority-data: .*\n/, ''));
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

describe('Velero', () => {
  it('serverStatus reports the lab version and the AWS object store plugin', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const status = await velero.serverStatus(30_000);
    expect(status.serverVersion).toMatch(/^v1\.18\.\d+/);
    expect(status.serverVersion).toBe(lab.veleroVersion);
    expect(status.plugins).toContainEqual({ name: 'velero.io/aws', kind: 'ObjectStore' });
  });

  it('lists the BackupStorageLocation as Available', async () => {
    const locations = await backend.velero(lab.veleroNamespace).list('BackupStorageLocation');
    expect(locations.find((l) => l.metadata.name === 'default')?.status?.phase).toBe('Available');
  });

  it('watches a Backup from creation to Completed, then deletes it through a DeleteBackupRequest', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const events: { type: string; name?: string; phase?: string }[] = [];
    const states: WatchState[] = [];
    let resets = 0;
    let created: Backup | undefined;
    let finished!: (b: Backup) => void;
    const done = new Promise<Backup>((r) => (finished = r));
    const stop = velero.watch('Backup', {
      onReset: () => resets++,
      onEvent: (type, b) => {
        events.push({ type, name: b.metadata.name, phase: b.status?.phase });
        if (created && b.metadata.name === created.metadata.name && b.status?.phase && FINAL.includes(b.status.phase)) finished(b);
      },
      onState: (s) => states.push(s),
    });
    try {
      await expectEventually(() => resets === 1);
      created = await velero.create('Backup', {
        metadata: { generateName: `${PREFIX}-` },
        spec: { includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } }, includeClusterResources: true, ttl: '1h0m0s', storageLocation: 'default' },
      });
      expect(created.metadata.name).toMatch(new RegExp(`^${PREFIX}-[a-z0-9]{5}$`));
      const final = await withTimeout(done, 120_000, () => `backup did not finish; events: ${JSON.stringify(events)}`);
      expect(final.status?.phase).toBe('Completed');
      expect(final.status?.progress?.itemsBackedUp).toBeGreaterThan(0);
      const mine = events.filter((e) => e.name === created?.metadata.name);
      expect(mine[0]?.type).toBe('ADDED');
      expect(mine.filter((e) => e.type === 'MODIFIED').length).toBeGreaterThan(0);
      expect(states).toContain('live');
      expect(resets).toBe(1); // a healthy watch never re-lists

      const name = created.metadata.name ?? '';
      await velero.create('DeleteBackupRequest', { metadata: { generateName: `${name}-` }, spec: { backupName: name } });
      await expectEventually(() => events.some((e) => e.type === 'DELETED' && e.name === name), 120_000);
      expect(await velero.get('Backup', name)).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('creates, updates (read-modify-write) and deletes a Schedule', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const name = `${PREFIX}-schedule`;
    const created = await velero.create('Schedule', { metadata: { name }, spec: { schedule: '0 0 * * *', paused: true, template: { includedNamespaces: ['harness'], ttl: '720h0m0s' } } });
    try {
      const updated = await velero.update('Schedule', { ...created, spec: { ...created.spec, schedule: '0 * * * *' } });
      expect(updated.spec.schedule).toBe('0 * * * *');
      expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
      expect((await velero.get('Schedule', name))?.spec.schedule).toBe('0 * * * *');
    } finally {
      await velero.delete('Schedule', name);
    }
    await expectEventually(async () => (await velero.get('Schedule', name)) === undefined);
  });

  it('a process that opened the backend and a watch exits on its own after close()', async () => {
    const { build } = await import('esbuild');
    const outfile = join(REPO, 'node_modules/.cache/services-kube-e2e/exit-check.mjs');
    await build({
      stdin: {
        contents: `
          import { openRealBackend } from './src/services/backend.ts';
          const backend = await openRealBackend({ kubeconfig: process.env.LAB_KUBECONFIG });
          await new Promise((resolve) => backend.velero('velero').watch('Backup', { onReset: resolve, onEvent() {} }));
          await backend.velero('velero').list('Backup');
          backend.close();
          console.log('closed');`,
        resolveDir: REPO,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    const child = spawn(process.execPath, [outfile], { env: { ...process.env, LAB_KUBECONFIG: lab.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const started = Date.now();
    const code = await withTimeout(new Promise<number | null>((r) => child.on('exit', r)), 20_000, () => {
      child.kill('SIGKILL');
      return `process did not exit after close(); output: ${out}`;
    });
    expect(out.trim()).toBe('closed');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

async function expectEventually(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, describe: () => string): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const t = setTimeout(() => reject(new Error(describe())), ms);
    p.then((v) => {
      clearTimeout(t);
      resolvePromise(v);
    }, reject);
  });
}
