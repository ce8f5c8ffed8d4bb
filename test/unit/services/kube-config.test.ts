import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/interfaces.js';
import { ADMIN_CONF, loadKubeConfig, resolveKubeconfigSource, type KubeconfigEnv } from '../../../src/services/kube-config.js';

function env(files: string[], over: Partial<KubeconfigEnv> = {}): KubeconfigEnv {
  return { home: '/home/admin', exists: (p) => files.includes(p), inCluster: false, ...over };
}

describe('resolveKubeconfigSource (kubectl order, then master-node and in-cluster fallbacks)', () => {
  const home = '/home/admin/.kube/config';

  it('uses --kubeconfig first, even over KUBECONFIG and ~/.kube/config', () => {
    expect(resolveKubeconfigSource('/x/k', env([home], { kubeconfig: '/a' }))).toEqual({ kind: 'files', paths: ['/x/k'] });
  });

  it('uses the existing entries of KUBECONFIG, in order', () => {
    expect(resolveKubeconfigSource(undefined, env(['/a', '/c', home], { kubeconfig: '/a:/b::/c' }))).toEqual({ kind: 'files', paths: ['/a', '/c'] });
  });

  it('falls back to ~/.kube/config, then admin.conf, then in-cluster', () => {
    expect(resolveKubeconfigSource(undefined, env([home, ADMIN_CONF]))).toEqual({ kind: 'files', paths: [home] });
    expect(resolveKubeconfigSource(undefined, env([ADMIN_CONF], { kubeconfig: '/gone' }))).toEqual({ kind: 'files', paths: [ADMIN_CONF] });
    expect(resolveKubeconfigSource(undefined, env([], { inCluster: true }))).toEqual({ kind: 'in-cluster' });
  });

  it('lists every place it looked when nothing is found', () => {
    expect(resolveKubeconfigSource(undefined, env([], { kubeconfig: '/gone' }))).toEqual({
      kind: 'none',
      looked: ['$KUBECONFIG (/gone)', home, ADMIN_CONF, 'in-cluster service account'],
    });
  });
});

function kubeconfig(opts: { current?: string; contexts: { name: string; cluster: string; user: string }[]; clusters: { name: string; server: string }[]; users: { name: string; token: string }[] }): string {
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: "${opts.current ?? ''}"`, 'clusters:'];
  for (const c of opts.clusters) lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`, '    insecure-skip-tls-verify: true');
  lines.push('users:');
  for (const u of opts.users) lines.push(`- name: ${u.name}`, '  user:', `    token: ${u.token}`);
  lines.push('contexts:');
  for (const c of opts.contexts) lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.cluster}`, `    user: ${c.user}`);
  return lines.join('\n') + '\n';
}

describe('loadKubeConfig', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  // Real files under a temp dir; no home directory, admin.conf or service account.
  const noHome = (kubeconfigVar?: string): KubeconfigEnv => ({ kubeconfig: kubeconfigVar, home: undefined, exists: (p) => p.startsWith(dir) && existsSync(p), inCluster: false });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-config-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lab = kubeconfig({
    current: 'lab',
    clusters: [{ name: 'lab', server: 'https://127.0.0.1:6443' }, { name: 'prod', server: 'https://10.0.0.1:6443' }],
    users: [{ name: 'admin', token: 'lab-token' }],
    contexts: [{ name: 'lab', cluster: 'lab', user: 'admin' }, { name: 'prod', cluster: 'prod', user: 'admin' }],
  });

  it('loads the current context and reports source and contexts', () => {
    const path = write('config', lab);
    const { info, kc } = loadKubeConfig({ kubeconfig: path }, noHome());
    expect(info).toEqual({ context: 'lab', server: 'https://127.0.0.1:6443', user: 'admin', source: path, contexts: ['lab', 'prod'] });
    expect(kc.getCurrentContext()).toBe('lab');
  });

  it('selects --context', () => {
    const path = write('config', lab);
    expect(loadKubeConfig({ kubeconfig: path, context: 'prod' }, noHome()).info.server).toBe('https://10.0.0.1:6443');
  });

  it('rejects an unknown context, naming the source and the available ones', () => {
    const path = write('config', lab);
    const err = catchError(() => loadKubeConfig({ kubeconfig: path, context: 'staging' }, noHome()));
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe(`Context "staging" not found in ${path}; available: lab, prod`);
  });

  it('merges a KUBECONFIG list like kubectl: first current-context and first definition of a name win', () => {
    const first = write('a', kubeconfig({ clusters: [{ name: 'one', server: 'https://one:6443' }], users: [{ name: 'u', token: 't1' }], contexts: [{ name: 'one', cluster: 'one', user: 'u' }] }));
    const second = write('b', kubeconfig({
      current: 'two',
      clusters: [{ name: 'one', server: 'https://shadowed:6443' }, { name: 'two', server: 'https://two:6443' }],
      users: [{ name: 'u', token: 't2' }],
      contexts: [{ name: 'two', cluster: 'two', user: 'u' }],
    }));
    const third = write('c', kubeconfig({ current: 'one', clusters: [], users: [], contexts: [] }));
    const { info, kc } = loadKubeConfig({}, noHome(`${first}:${second}:${third}`));
    expect(info.context).toBe('two');
    expect(info.source).toBe(`${first}:${second}:${third}`);
    expect(info.contexts).toEqual(['one', 'two']);
    expect(kc.getCluster('one')?.server).toBe('https://one:6443');
    expect(kc.getUser('u')?.token).toBe('t1');
  });

  it('uses the only context when none is current, and asks for --context when there are several', () => {
    const single = write('single', kubeconfig({ clusters: [{ name: 'c', server: 'https://c:6443' }], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'only', cluster: 'c', user: 'u' }] }));
    expect(loadKubeConfig({ kubeconfig: single }, noHome()).info.context).toBe('only');
    const many = write('many', lab.replace('current-context: "lab"', 'current-context: ""'));
    expect(catchError(() => loadKubeConfig({ kubeconfig: many }, noHome())).message).toMatch(/no current context; available: lab, prod/);
  });

  it('says clearly when there is no kubeconfig at all', () => {
    const err = catchError(() => loadKubeConfig({}, noHome()));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/^No kubeconfig found \(looked in .*admin\.conf/);
    expect(err.hint).toBe('Pass --kubeconfig, set KUBECONFIG, or try --demo.');
  });

  it('reports a missing --kubeconfig file as not found', () => {
    const err = catchError(() => loadKubeConfig({ kubeconfig: join(dir, 'nope') }, noHome()));
    expect(err.kind).toBe('not-found');
    expect(err.message).toContain('does not exist');
  });

  it('reports broken YAML by line without quoting the file (which may hold a token)', () => {
    const path = write('broken', 'users:\n- name: u\n  user:\n    token: super-secret-token\n  bad: [unclosed\n');
    const err = catchError(() => loadKubeConfig({ kubeconfig: path }, noHome()));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/is not valid: .* at line \d+/);
    expect(err.message).not.toContain('super-secret-token');
  });

  it('rejects a context whose cluster is not defined', () => {
    const path = write('dangling', kubeconfig({ current: 'x', clusters: [], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'x', cluster: 'missing', user: 'u' }] }));
    expect(catchError(() => loadKubeConfig({ kubeconfig: path }, noHome())).message).toMatch(/refers to a cluster that is not defined/);
  });
});

function catchError(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceError);
    return err as ServiceError;
  }
  throw new Error('expected a ServiceError');
}
