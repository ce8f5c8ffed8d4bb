// Fault injection in the real lab: stop, freeze and restart its processes the
// way an outage would, and keep the lab's own records (pids, lab.json) right
// so down.sh still stops everything. Used by the faults-*.test.ts(x) files.
import { execFile, spawn } from 'node:child_process';
import { openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_DIR, type LabInfo } from './helpers/lab.js';

export type Component = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'versitygw' | 'velero';

const PID_KEY: Record<Component, string> = {
  etcd: 'etcdPid',
  'kube-apiserver': 'apiserverPid',
  'kube-controller-manager': 'kcmPid',
  versitygw: 's3Pid',
  velero: 'veleroPid',
};

/** The component's pid as recorded by up.sh (or by restart() below). */
export function pidOf(name: Component): number {
  for (const line of readFileSync(join(LAB_DIR, 'pids'), 'utf8').split('\n')) {
    const [n, pid] = line.trim().split(/\s+/);
    if (n === name) return Number(pid);
  }
  throw new Error(`${name} is not recorded in ${LAB_DIR}/pids`);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGSTOP / SIGCONT: the process freezes (connections stay open, nothing answers). */
export function freeze(name: Component): void {
  process.kill(pidOf(name), 'SIGSTOP');
}

export function thaw(name: Component): void {
  process.kill(pidOf(name), 'SIGCONT');
}

export interface Stopped {
  name: Component;
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Kills the component (SIGKILL: connections drop at once) and returns how to start it again. */
export async function kill(name: Component): Promise<Stopped> {
  const pid = pidOf(name);
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env: NodeJS.ProcessEnv = {};
  for (const kv of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)) {
    const i = kv.indexOf('=');
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`${name} (pid ${pid}) did not die`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { name, argv, env, cwd };
}

/**
 * Starts it again with the same command line and environment, in its own
 * session like up.sh does, logging to the same file; records the new pid in
 * LAB_DIR/pids and lab.json.
 */
export function start(s: Stopped): number {
  const log = openSync(join(LAB_DIR, 'logs', `${s.name}.log`), 'a');
  const child = spawn(s.argv[0]!, s.argv.slice(1), { cwd: s.cwd, env: s.env, detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const pid = child.pid!;
  const pidsFile = join(LAB_DIR, 'pids');
  const lines = readFileSync(pidsFile, 'utf8').split('\n').map((l) => (l.split(/\s+/)[0] === s.name ? `${s.name} ${pid}` : l));
  writeFileSync(pidsFile, lines.join('\n'));
  const labFile = join(LAB_DIR, 'lab.json');
  const lab = JSON.parse(readFileSync(labFile, 'utf8')) as Record<string, unknown>;
  lab[PID_KEY[s.name]] = pid;
  writeFileSync(labFile, `${JSON.stringify(lab, null, 2)}\n`);
  return pid;
}

/** `velero backup delete`: data and object go (a Backup object deleted alone comes back from the bucket at the next sync). */
export function deleteBackup(lab: LabInfo, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(lab.veleroBin, ['backup', 'delete', name, '--confirm', '--kubeconfig', lab.kubeconfig, '-n', lab.veleroNamespace], { timeout: 60_000 }, (err, _out, stderr) =>
      err ? reject(new Error(`velero backup delete ${name}: ${stderr || err.message}`)) : resolve(),
    );
  });
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface RestrictedUser {
  name: string;
  kubeconfig: string;
  /** Replaces the rules of its Role in the Velero namespace (RBAC changed while connected). */
  setVeleroRules(rules: PolicyRule[]): Promise<void>;
  remove(): Promise<void>;
}

/** What every restricted user here gets besides its Velero rules: enough to connect and find the app. */
const CONNECT_RULES: PolicyRule[] = [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }];

/**
 * A ServiceAccount in the Velero namespace with a Role of `rules` there (plus
 * reading Deployments and listing namespaces, to connect), a token minted with
 * the TokenRequest API (`kubectl create token`), and a kubeconfig for it.
 */
export async function restrictedUser(lab: LabInfo, name: string, rules: PolicyRule[]): Promise<RestrictedUser> {
  const { kubectl } = await import('./helpers/lab.js');
  const ns = lab.veleroNamespace;
  const role = (r: PolicyRule[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules: [...CONNECT_RULES, ...r] });
  const objects = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } },
    role(rules),
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] },
  ];
  await kubectl(lab, ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  const token = (await kubectl(lab, ['-n', ns, 'create', 'token', name, '--duration', '1h'])).trim();
  const admin = readFileSync(lab.kubeconfig, 'utf8');
  const ca = /certificate-authority-data: (\S+)/.exec(admin)![1]!;
  const kubeconfig = join(LAB_DIR, `${name}.kubeconfig`);
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: lab',
      '  cluster:',
      `    server: ${lab.apiUrl}`,
      `    certificate-authority-data: ${ca}`,
      'users:',
      `- name: ${name}`,
      '  user:',
      `    token: ${token}`,
      'contexts:',
      `- name: ${name}`,
      `  context: {cluster: lab, user: ${name}, namespace: ${ns}}`,
      `current-context: ${name}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return {
    name,
    kubeconfig,
    async setVeleroRules(next) {
      await kubectl(lab, ['apply', '-f', '-'], JSON.stringify(role(next)));
    },
    async remove() {
      await kubectl(lab, ['-n', ns, 'delete', 'serviceaccount,role,rolebinding', name, '--ignore-not-found']);
      await kubectl(lab, ['delete', 'clusterrole,clusterrolebinding', name, '--ignore-not-found']);
      rmSync(kubeconfig, { force: true });
    },
  };
}

/** Read-only on every Velero object. */
export const VELERO_READ: PolicyRule[] = [{ apiGroups: ['velero.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] }];
