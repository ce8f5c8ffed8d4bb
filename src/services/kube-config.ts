// Loads the kubeconfig the way kubectl does: --kubeconfig, else $KUBECONFIG
// (a list, merged with first-wins rules), else ~/.kube/config; then, for an
// admin on the master node, /etc/kubernetes/admin.conf; then in-cluster.
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { rememberSecret } from '../format/secrets.js';
import { ServiceError, type ClusterInfo } from './interfaces.js';
import type { ConnectOptions } from './options.js';

export const ADMIN_CONF = '/etc/kubernetes/admin.conf';
const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What the resolution looks at; injectable so the order can be tested without touching $HOME. */
export interface KubeconfigEnv {
  /** $KUBECONFIG */
  kubeconfig?: string;
  home?: string;
  exists(path: string): boolean;
  /** Running in a pod with a service account token. */
  inCluster: boolean;
}

export type KubeconfigSource =
  | { kind: 'files'; paths: string[] }
  | { kind: 'in-cluster' }
  | { kind: 'none'; looked: string[] };

export interface LoadedKubeConfig {
  kc: KubeConfig;
  info: ClusterInfo;
}

export function nodeKubeconfigEnv(): KubeconfigEnv {
  return {
    kubeconfig: process.env.KUBECONFIG,
    home: process.env.HOME || homedir() || undefined,
    exists: (p) => existsSync(p),
    inCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync(SA_TOKEN),
  };
}

export function resolveKubeconfigSource(explicit: string | undefined, env: KubeconfigEnv): KubeconfigSource {
  if (explicit) return { kind: 'files', paths: [explicit] };
  const looked: string[] = [];
  const listed = (env.kubeconfig ?? '').split(delimiter).filter(Boolean);
  if (listed.length > 0) {
    // kubectl skips list entries that do not exist.
    const present = listed.filter((p) => env.exists(p));
    if (present.length > 0) return { kind: 'files', paths: present };
    looked.push(`$KUBECONFIG (${listed.join(delimiter)})`);
  }
  const candidates = [env.home ? join(env.home, '.kube', 'config') : undefined, ADMIN_CONF];
  for (const path of candidates) {
    if (!path) continue;
    if (env.exists(path)) return { kind: 'files', paths: [path] };
    looked.push(path);
  }
  if (env.inCluster) return { kind: 'in-cluster' };
  looked.push('in-cluster service account');
  return { kind: 'none', looked };
}

export function loadKubeConfig(opts: Pick<ConnectOptions, 'kubeconfig' | 'context'>, env: KubeconfigEnv = nodeKubeconfigEnv()): LoadedKubeConfig {
  const source = resolveKubeconfigSource(opts.kubeconfig, env);
  let kc: KubeConfig;
  let label: string;
  if (source.kind === 'none') {
    throw new ServiceError(
      'unreachable',
      `No kubeconfig found (looked in ${source.looked.join(', ')})`,
      'Pass --kubeconfig, set KUBECONFIG, or try --demo.',
    );
  } else if (source.kind === 'in-cluster') {
    kc = new KubeConfig();
    kc.loadFromCluster();
    label = 'in-cluster';
  } else {
    kc = mergeFiles(source.paths);
    label = source.paths.join(delimiter);
  }
  rememberCredentials(kc);
  return { kc, info: selectContext(kc, opts.context, label) };
}

/** Every user's token, password, client key and auth-provider tokens are hidden from whatever is shown. */
function rememberCredentials(kc: KubeConfig): void {
  for (const u of kc.getUsers()) {
    for (const v of [u.token, u.password, u.keyData]) rememberSecret(v);
    for (const [k, v] of Object.entries(u.authProvider?.config ?? {})) if (/token|secret|password/i.test(k) && !/file$/i.test(k) && typeof v === 'string') rememberSecret(v);
  }
}

/** kubectl's merge rules: the first file that sets a name or current-context wins. */
function mergeFiles(paths: string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const path of paths) {
    const one = readFile(path);
    for (const c of one.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && one.currentContext) currentContext = one.currentContext;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return kc;
}

function readFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ServiceError('not-found', `Kubeconfig ${path} does not exist`, 'Check the --kubeconfig path or KUBECONFIG.');
    }
    const hint = path === ADMIN_CONF
      ? `Only root can read it: run with sudo, or copy it (sudo cp ${ADMIN_CONF} ~/.kube/config && sudo chown $(id -u):$(id -g) ~/.kube/config).`
      : 'Check the file permissions.';
    throw new ServiceError('forbidden', `Cannot read kubeconfig ${path}: permission denied`, hint);
  }
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new ServiceError('invalid', `Kubeconfig ${path} is not valid: ${describeParseError(err)}`, 'Fix the file or pass another with --kubeconfig.');
  }
  return kc;
}

// js-yaml errors quote the offending lines, which may hold a token: keep only reason and line.
function describeParseError(err: unknown): string {
  const e = err as { name?: string; reason?: string; mark?: { line?: number }; message?: string };
  if (e?.name === 'YAMLException') {
    return `${e.reason ?? 'bad YAML'}${e.mark?.line !== undefined ? ` at line ${e.mark.line + 1}` : ''}`;
  }
  // The client's own validation messages ("clusters[0].cluster.server is missing") carry no values.
  return e?.message?.split('\n')[0] ?? 'unreadable';
}

function selectContext(kc: KubeConfig, wanted: string | undefined, source: string): ClusterInfo {
  const names = kc.getContexts().map((c) => c.name);
  const available = names.length > 0 ? names.join(', ') : 'none';
  let name = wanted ?? kc.getCurrentContext();
  if (wanted && !names.includes(wanted)) {
    throw new ServiceError('invalid', `Context "${wanted}" not found in ${source}; available: ${available}`, 'Pass one of the available names to --context.');
  }
  if (!name || !names.includes(name)) {
    if (names.length === 1 && names[0]) name = names[0];
    else if (names.length === 0) throw new ServiceError('invalid', `${source} defines no contexts`, 'Pass a kubeconfig with a cluster, user and context.');
    else throw new ServiceError('invalid', `${source} has no current context; available: ${available}`, 'Pass --context NAME.');
  }
  kc.setCurrentContext(name);
  const context = kc.getContextObject(name);
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw new ServiceError('invalid', `Context "${name}" in ${source} refers to a cluster that is not defined`, 'Fix the kubeconfig.');
  }
  if (context.user && !kc.getUser(context.user)) {
    throw new ServiceError('invalid', `Context "${name}" in ${source} refers to user "${context.user}", which is not defined`, 'Fix the kubeconfig.');
  }
  return { context: name, server: cluster.server, user: context.user || undefined, source, contexts: names };
}
