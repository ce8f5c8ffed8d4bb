// Fault (real lab): the TUI is killed or the SSH session drops during a
// restore. The bundled CLI runs in a real pseudo-terminal against the lab.
// 1. SIGHUP while this program removes the namespaces of an in-place restore:
//    the terminal is given back at once, the process finishes the removal and
//    creates the Restore (else the app would be gone with nothing restoring
//    it), then exits 129. Meanwhile its Lease tells other sessions who
//    prepares which restore; it is gone once the Restore exists.
// 2. Reopened while Velero still has the restore (Velero frozen so it waits):
//    it opens on the Restore screen; SIGTERM then exits 143 at once, terminal
//    restored — the restore belongs to the cluster.
// 3. Velero runs again: the restore completes, the reopened TUI shows it, the
//    app is back.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, ESC, runCliInPty, type PtyRun } from '../helpers/pty.js';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { getObject, kubectl, pollUntil, readLabInfo, REPO, veleroGet, veleroList, type LabInfo } from './helpers/lab.js';
import { deleteBackup, freeze, thaw } from './faults-lab.js';

const RUN = Date.now().toString(36);
const BACKUP = `sig-${RUN}`;
const PARTIAL = `sig-partial-${RUN}`;
let lab: LabInfo;
let run: PtyRun | undefined;
let h: RealAppHarness | undefined;
let frozen = false;

/** After leaving the alternate screen, nothing but cursor-show sequences (nothing drawn over the shell). */
function endsRestored(raw: string): boolean {
  const at = raw.lastIndexOf(ESC.leaveAlt);
  return at > raw.lastIndexOf(ESC.enterAlt) && /^(\u001b\[\?(1049l|25h))+\s*$/.test(raw.slice(at)) && raw.lastIndexOf(ESC.showCursor) > raw.lastIndexOf(ESC.hideCursor);
}

const mode = (stty: string, flag: string) => new RegExp(`(^|\\s)${flag}(\\s|$)`).test(stty);

beforeAll(async () => {
  lab = readLabInfo();
  execFileSync('bash', [join(REPO, 'test/lab/fixture.sh')], { stdio: 'pipe', env: { ...process.env, LAB_DIR: lab.labDir } });
  await kubectl(lab, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: BACKUP, namespace: lab.veleroNamespace, annotations: { 'kots.io/instance': 'true' } },
    spec: { includedNamespaces: ['kotsadm', 'harness'], orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }], includeClusterResources: true, storageLocation: 'default', ttl: '720h0m0s' },
  }));
  await pollUntil('the snapshot to complete', async () => (await veleroGet(lab, 'backup', BACKUP))?.status?.phase, (p) => p === 'Completed', 120_000, 500);
  // A partial snapshot too, as installs have: it says which app this is once the
  // in-place restore has removed the app's namespaces (nothing labelled is left).
  await kubectl(lab, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: PARTIAL, namespace: lab.veleroNamespace },
    spec: { includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } }, storageLocation: 'default', ttl: '720h0m0s' },
  }));
  await pollUntil('the partial snapshot to complete', async () => (await veleroGet(lab, 'backup', PARTIAL))?.status?.phase, (p) => p === 'Completed', 120_000, 500);
});

afterAll(async () => {
  run?.kill();
  h?.unmount();
  if (frozen) thaw('velero');
  // Leave the app as the fixture made it for the next test file.
  execFileSync('bash', [join(REPO, 'test/lab/fixture.sh')], { stdio: 'pipe', env: { ...process.env, LAB_DIR: lab.labDir } });
  await deleteBackup(lab, BACKUP);
  await deleteBackup(lab, PARTIAL);
});

describe('the TUI killed during a restore', () => {
  let restoreName: string;

  it('1. SIGHUP while it removes the namespaces: terminal back at once, the Restore is still created, then it exits', async () => {
    run = await runCliInPty(['--kubeconfig', lab.kubeconfig], { rows: 40, cols: 120 });
    await run.waitFor(/Velero v[\d.]+ live/, 60_000);
    run.write('4');
    await run.waitFor(`> ${PARTIAL}`, 30_000);
    // The full snapshot is the next row.
    const mark = run.text().length;
    run.write('\u001b[B');
    await run.waitFor(new RegExp(`> ${BACKUP}\\b`), 15_000, mark);
    run.write('\r');
    await run.waitFor('How to restore');
    run.write('\u001b[B'); // full restore in place: this program deletes the namespaces first
    await run.waitFor(/> Full restore — in place/);
    run.write('\r');
    await run.waitFor('⏎ confirm…');
    run.write('\r');
    await run.waitFor(new RegExp(`Type .*${BACKUP}`));
    for (const ch of BACKUP) run.write(ch);
    await run.waitFor(new RegExp(`to confirm: ${BACKUP}`));
    // Velero frozen: the restore will wait for it, so it is still running when reopened.
    freeze('velero');
    frozen = true;
    run.write('\r');
    await run.waitFor('Preparing:', 30_000);

    process.kill(run.pid, 'SIGHUP');
    const said = await run.waitFor(/SIGHUP: finishing Restore (\S+) from/, 15_000);
    restoreName = /SIGHUP: finishing Restore (\S+) from/.exec(said)![1]!;
    const raw = run.output();
    expect(endsRestored(raw.slice(0, raw.indexOf('snapshots: SIGHUP')))).toBe(true);
    // Still working: the namespaces are being removed, no Restore yet.
    expect(alive(run.pid)).toBe(true);
    // Other sessions see who prepares which restore (the Lease goes once the Restore exists).
    const marker = await veleroGet(lab, 'lease', 'snapshots-restore');
    expect(await veleroGet(lab, 'restore', restoreName)).toBeUndefined();
    expect(marker?.spec).toMatchObject({ holderIdentity: expect.stringMatching(new RegExp(` pid ${run.pid}$`)), leaseDurationSeconds: 30 });
    expect(marker?.metadata.annotations).toMatchObject({ 'snapshots.kots.io/restore': restoreName, 'snapshots.kots.io/backup': BACKUP, 'snapshots.kots.io/mode': 'full-in-place' });

    expect(await run.exitCode(120_000)).toBe(129);
    await run.waitFor('END-OF-RUN');
    expect(mode(run.sttyAfter(), 'icanon')).toBe(true);
    // It finished its part: the namespaces were removed and the Restore exists.
    const restore = await veleroGet(lab, 'restore', restoreName);
    expect(restore?.spec.backupName).toBe(BACKUP);
    expect(await getObject(lab, ['get', 'namespace', 'harness'])).toBeUndefined();
    expect(await veleroGet(lab, 'lease', 'snapshots-restore')).toBeUndefined();
  });

  it('2. reopened while the restore runs: opens on the Restore screen; SIGTERM exits at once with the terminal restored', async () => {
    // No --app: the app's namespaces are gone; its partial snapshot says which app it is.
    run = await runCliInPty(['--kubeconfig', lab.kubeconfig], { rows: 40, cols: 120 });
    // The header and the Restore screen (where it opens) both show the running restore.
    await run.waitFor(new RegExp(`● restore ${restoreName}`), 60_000);
    await run.waitFor(new RegExp(`● Restore ${restoreName} is running \\(New\\)`), 30_000);
    const started = Date.now();
    process.kill(run.pid, 'SIGTERM');
    expect(await run.exitCode()).toBe(143);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(endsRestored(run.output().slice(0, run.output().indexOf('EXIT=')))).toBe(true);
    await run.waitFor('END-OF-RUN');
    expect(mode(run.sttyAfter(), 'icanon')).toBe(true);
    // Killing the TUI did nothing to the restore.
    expect(await veleroGet(lab, 'restore', restoreName)).toBeDefined();
  });

  it('3. Velero runs again: the restore completes in the cluster and the reopened TUI shows it', async () => {
    h = await renderRealApp({ kubeconfig: lab.kubeconfig });
    await h.waitFor(`● Restore ${restoreName} is running`, 30_000);
    expect(h.ctx.store.getState().route.screen).toBe('restore');
    thaw('velero');
    frozen = false;
    const done = await pollUntil('the restore to finish', async () => (await veleroGet(lab, 'restore', restoreName))?.status?.phase, (p) => p === 'Completed' || p === 'PartiallyFailed' || p === 'Failed', 180_000, 500);
    expect(done).not.toBe('Failed');
    await h.waitFor((f) => !f.includes(`● restore ${restoreName}`) && !f.includes(`● Restore ${restoreName} is running`), 60_000);
    expect(await getObject(lab, ['-n', 'harness', 'get', 'configmap', 'harness-config'])).toBeDefined();
    expect((await veleroList(lab, 'restore')).map((r) => r.metadata.name)).toContain(restoreName);
  });
});
