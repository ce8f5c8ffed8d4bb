import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError, type ClusterService, type NamespaceInfo, type ResourceRef } from '../../../src/services/interfaces.js';
import { resolveProfile } from '../../../src/services/profile-detect.js';

interface FakeCluster {
  namespaces?: NamespaceInfo[];
  workloads?: ResourceRef[];
  kotsadmIn?: string[];
  failNamespaces?: ServiceError;
  failWorkloads?: ServiceError;
  withoutFindLabelled?: boolean;
}

/** Only what detection reads; the rest throws so an unexpected call fails the test. */
function fakeCluster(f: FakeCluster): ClusterService & { calls: string[] } {
  const calls: string[] = [];
  const unexpected = (name: string) => () => {
    throw new Error(`unexpected call: ${name}`);
  };
  const matches = (labels: Record<string, string> | undefined, selector: string) => {
    const [key, value] = selector.split('=');
    const v = labels?.[key ?? ''];
    return value === undefined ? v !== undefined : v === value;
  };
  const service: ClusterService & { calls: string[] } = {
    calls,
    info: unexpected('info'),
    ping: unexpected('ping'),
    async listNamespaces(selector) {
      calls.push(`listNamespaces ${selector}`);
      if (f.failNamespaces) throw f.failNamespaces;
      return (f.namespaces ?? []).filter((n) => !selector || matches(n.labels, selector));
    },
    deploymentExists: unexpected('deploymentExists'),
    async findDeployments(name) {
      calls.push(`findDeployments ${name}`);
      return name === 'kotsadm' ? (f.kotsadmIn ?? []) : [];
    },
    can: unexpected('can'),
    getSecret: unexpected('getSecret'),
    putSecret: unexpected('putSecret'),
    listLabelled: unexpected('listLabelled'),
    deleteResources: unexpected('deleteResources'),
    waitGone: unexpected('waitGone'),
    deleteNamespaces: unexpected('deleteNamespaces'),
  };
  if (!f.withoutFindLabelled) {
    service.findLabelled = async (selector) => {
      calls.push(`findLabelled ${selector}`);
      if (f.failWorkloads) throw f.failWorkloads;
      return (f.workloads ?? []).filter((r) => matches(r.labels, selector));
    };
  }
  return service;
}

const ns = (name: string, labels: Record<string, string> = {}): NamespaceInfo => ({ name, labels, phase: 'Active' });
const deploy = (namespace: string, name: string, slug: string): ResourceRef => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespace,
  name,
  labels: { 'kots.io/app-slug': slug },
});

describe('resolveProfile', () => {
  let dir: string;
  const file = (name: string, content: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'profile-detect-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the flags alone when they say everything, without asking the cluster', async () => {
    const cluster = fakeCluster({});
    const profile = await resolveProfile({ app: 'harness', appNamespaces: ['harness'], adminNamespace: 'admin' }, cluster);
    expect(profile).toEqual({
      slug: 'harness',
      appNamespaces: ['harness'],
      adminNamespace: 'admin',
      extraNamespaces: [],
      storageLocation: 'default',
      defaultVolumesToFsBackup: false,
      source: 'flags',
    });
    expect(cluster.calls).toEqual([]);
  });

  it('detects the app from labelled namespaces and the admin namespace from the kotsadm Deployment', async () => {
    const cluster = fakeCluster({ namespaces: [ns('default'), ns('harness', { 'kots.io/app-slug': 'harness' })], kotsadmIn: ['admin-console'] });
    const profile = await resolveProfile({}, cluster);
    expect(profile).toMatchObject({ slug: 'harness', appNamespaces: ['harness'], adminNamespace: 'admin-console', source: 'detected' });
    expect([...cluster.calls].sort()).toEqual(['findDeployments kotsadm', 'listNamespaces kots.io/app-slug']);
  });

  it('asks for the admin namespace while the app is being detected, not after', async () => {
    const cluster = fakeCluster({ namespaces: [ns('harness', { 'kots.io/app-slug': 'harness' })], kotsadmIn: ['kotsadm'] });
    // The namespaces answer only once the kotsadm Deployments were asked for: one after the other would never finish.
    const list = cluster.listNamespaces.bind(cluster);
    let asked!: () => void;
    const adminAsked = new Promise<void>((resolve) => (asked = resolve));
    const find = cluster.findDeployments.bind(cluster);
    cluster.findDeployments = async (name) => (asked(), find(name));
    cluster.listNamespaces = async (selector) => (await adminAsked, list(selector));
    await expect(resolveProfile({}, cluster)).resolves.toMatchObject({ slug: 'harness', adminNamespace: 'kotsadm' });
  });

  it('an app problem is returned even when the admin lookup fails at the connection level meanwhile', async () => {
    const cluster = fakeCluster({ namespaces: [] , withoutFindLabelled: true });
    cluster.findDeployments = async () => {
      throw new ServiceError('unreachable', 'connection refused');
    };
    await expect(resolveProfile({}, cluster)).resolves.toMatchObject({ problem: expect.stringContaining('No app found') });
  });

  it('falls back to labelled Deployments/ConfigMaps when no namespace carries the label', async () => {
    const cluster = fakeCluster({ namespaces: [ns('harness'), ns('harness-db')], workloads: [deploy('harness', 'web', 'harness'), deploy('harness-db', 'db', 'harness')] });
    const profile = await resolveProfile({}, cluster);
    expect(profile).toMatchObject({ slug: 'harness', appNamespaces: ['harness', 'harness-db'], adminNamespace: 'kotsadm' });
    expect(cluster.calls).toContain('findLabelled kots.io/app-slug');
  });

  it('names every app found and the flag to pass when there are several', async () => {
    const cluster = fakeCluster({ workloads: [deploy('a', 'web', 'alpha'), deploy('b', 'web', 'beta'), deploy('b2', 'api', 'beta')] });
    expect(await resolveProfile({}, cluster)).toEqual({ problem: 'Found several apps: alpha (a); beta (b, b2). Pass --app SLUG to choose one.' });
  });

  it('explains what to pass when no app is labelled', async () => {
    const result = await resolveProfile({}, fakeCluster({ namespaces: [ns('default')] }));
    expect(result).toEqual({ problem: expect.stringMatching(/^No app found: .*kots\.io\/app-slug\. Pass --app SLUG and --app-namespace NS/) });
  });

  it('with --app only, finds that app\'s namespaces (ignoring other apps)', async () => {
    const cluster = fakeCluster({ workloads: [deploy('harness', 'web', 'harness'), deploy('other', 'web', 'other')] });
    const profile = await resolveProfile({ app: 'harness', adminNamespace: 'kotsadm' }, cluster);
    expect(profile).toMatchObject({ slug: 'harness', appNamespaces: ['harness'], source: 'detected' });
    expect(cluster.calls).toEqual(['listNamespaces kots.io/app-slug=harness', 'findLabelled kots.io/app-slug=harness']);
  });

  it('asks for --app-namespace when the named app is found nowhere', async () => {
    const result = await resolveProfile({ app: 'ghost' }, fakeCluster({ withoutFindLabelled: true }));
    expect(result).toEqual({ problem: 'Found no namespace for app "ghost": nothing is labelled kots.io/app-slug=ghost. Pass --app-namespace NS.' });
  });

  it('rejects an invalid slug from the flags', async () => {
    expect(await resolveProfile({ app: 'Harness_App', appNamespaces: ['x'], adminNamespace: 'y' }, fakeCluster({}))).toEqual({
      problem: '"Harness_App" is not a valid app slug (lowercase letters, digits and dashes). Pass --app SLUG.',
    });
  });

  it('fills the rest from a profile file; flags still win', async () => {
    const path = file('profile.json', {
      slug: 'from-file',
      appNamespaces: ['file-ns'],
      adminNamespace: 'file-admin',
      extraNamespaces: ['monitoring'],
      storageLocation: 'offsite',
      defaultVolumesToFsBackup: true,
    });
    const profile = await resolveProfile({ profileFile: path, app: 'harness' }, fakeCluster({}));
    expect(profile).toEqual({
      slug: 'harness',
      appNamespaces: ['file-ns'],
      adminNamespace: 'file-admin',
      extraNamespaces: ['monitoring'],
      storageLocation: 'offsite',
      defaultVolumesToFsBackup: true,
      source: 'file',
    });
  });

  it('reports profile file problems precisely', async () => {
    const cluster = fakeCluster({});
    expect(await resolveProfile({ profileFile: join(dir, 'missing.json') }, cluster)).toEqual({ problem: `Cannot read profile file ${join(dir, 'missing.json')}: no such file` });
    const notJson = file('bad.json', '{ slug: harness }');
    expect(await resolveProfile({ profileFile: notJson }, cluster)).toEqual({ problem: expect.stringContaining('is not valid JSON') });
    const typo = file('typo.json', { slug: 'harness', appNamespace: ['harness'] });
    expect(await resolveProfile({ profileFile: typo }, cluster)).toEqual({ problem: expect.stringContaining('unknown field "appNamespace"') });
    const wrongType = file('type.json', { slug: 'harness', defaultVolumesToFsBackup: 'yes' });
    expect(await resolveProfile({ profileFile: wrongType }, cluster)).toEqual({ problem: expect.stringContaining('"defaultVolumesToFsBackup" must be true or false') });
  });

  it('turns a refused detection into a problem naming the cause and the flags', async () => {
    const forbidden = new ServiceError('forbidden', 'namespaces is forbidden: User "bob" cannot list resource "namespaces"');
    const result = await resolveProfile({}, fakeCluster({ failNamespaces: forbidden, failWorkloads: forbidden }));
    expect(result).toEqual({ problem: `Cannot detect the app: ${forbidden.message}. Pass --app SLUG and --app-namespace NS.` });
  });

  it('lets connection failures through as errors for the connection screen', async () => {
    const down = new ServiceError('unreachable', 'Cannot reach the Kubernetes API at https://x: connection refused');
    await expect(resolveProfile({}, fakeCluster({ failNamespaces: down }))).rejects.toBe(down);
  });

  it('prefers the conventional kotsadm namespace when several kotsadm Deployments exist', async () => {
    const cluster = fakeCluster({ kotsadmIn: ['a-copy', 'kotsadm'] });
    expect(await resolveProfile({ app: 'harness', appNamespaces: ['harness'] }, cluster)).toMatchObject({ adminNamespace: 'kotsadm', source: 'detected' });
  });
});
