// Fault (real lab): the Kubernetes API stops and comes back while the TUI
// watches. Killed and restarted with the same command line: the header says
// reconnecting with the reason, the TUI recovers by itself, and a change made
// after recovery shows up. Frozen (SIGSTOP) and thawed: the heartbeat notices
// that nothing answers, and after the thaw the watches are reopened.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { kubectl, pollUntil, readLabInfo, veleroGet, type LabInfo } from './helpers/lab.js';
import { deleteBackup, freeze, kill, pidOf, start, thaw, alive, type Stopped } from './faults-lab.js';

const RUN = Date.now().toString(36);
let lab: LabInfo;
let h: RealAppHarness | undefined;
let stopped: Stopped | undefined;
let frozen = false;

beforeAll(() => {
  lab = readLabInfo();
});

afterEach(async () => {
  // Whatever happened, leave the lab running for the next test.
  if (frozen) thaw('kube-apiserver');
  frozen = false;
  if (stopped) start(stopped);
  stopped = undefined;
  await apiReady();
});

afterAll(() => h?.unmount());

/** The apiserver answers authenticated requests again. */
function apiReady(): Promise<unknown> {
  return pollUntil('the apiserver to answer', () => kubectl(lab, ['get', '--raw', '/readyz']), (out) => out.trim() === 'ok', 90_000, 500);
}

function backupYaml(name: string): string {
  return JSON.stringify({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: lab.veleroNamespace },
    spec: { includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } }, storageLocation: 'default', ttl: '720h0m0s' },
  });
}

describe('the apiserver goes away mid-watch', () => {
  it('killed and restarted: reconnecting with the reason, recovers on its own, a later change shows', async () => {
    h = await renderRealApp({ kubeconfig: lab.kubeconfig });
    await h.waitFor(/Velero v[\d.]+ live/, 30_000);
    await h.waitFor('app harness');

    stopped = await kill('kube-apiserver');
    const down = await h.waitFor('reconnecting…', 30_000);
    const flat = down.replace(/\s+/g, ' ');
    expect(flat).toMatch(/⚠ Lost the watch: Cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: (connection refused|connection reset|connection closed)/);
    expect(flat).toContain(`127.0.0.1:${new URL(lab.apiUrl).port}`);

    const pid = start(stopped);
    stopped = undefined;
    expect(alive(pid)).toBe(true);
    expect(pidOf('kube-apiserver')).toBe(pid);
    await apiReady();
    // No key pressed: the watches reconnect and re-list by themselves.
    await h.waitFor((f) => /Velero v[\d.]+ live/.test(f) && !f.includes('Lost the watch'), 60_000);

    // A change made after recovery reaches the screen through the watch.
    const name = `fault-api-${RUN}`;
    await kubectl(lab, ['apply', '-f', '-'], backupYaml(name));
    await h.goto('snapshots');
    await h.waitFor(new RegExp(`${name} +partial .*Completed`), 60_000);
    expect((await veleroGet(lab, 'backup', name))?.status.phase).toBe('Completed');
    await deleteBackup(lab, name);
  });

  it('frozen (SIGSTOP): the heartbeat says it is not answering; after SIGCONT the TUI is live again and shows what changed', async () => {
    h?.unmount();
    h = await renderRealApp({ kubeconfig: lab.kubeconfig });
    h.ctx.heartbeatMs = 2000;
    // Restart the heartbeat with the short period (it starts with the connection).
    const { reconnect } = await import('../../src/state/session.js');
    await reconnect(h.ctx);
    await h.waitFor(/Velero v[\d.]+ live/, 30_000);

    freeze('kube-apiserver');
    frozen = true;
    const down = await h.waitFor('reconnecting…', 40_000);
    expect(down.replace(/\s+/g, ' ')).toMatch(/⚠ Lost the watch: .*(no answer|timed out)/i);

    // Changed while the TUI could not see: written straight to etcd is not possible, so
    // thaw first and change right away; the reopened watches must show it.
    thaw('kube-apiserver');
    frozen = false;
    await apiReady();
    const name = `fault-frozen-${RUN}`;
    await kubectl(lab, ['apply', '-f', '-'], backupYaml(name));
    await h.waitFor((f) => /Velero v[\d.]+ live/.test(f) && !f.includes('Lost the watch'), 60_000);
    await h.goto('snapshots');
    await h.waitFor(new RegExp(`${name} +partial`), 60_000);
    await deleteBackup(lab, name);
  });
});
