// Fault (real lab): the Velero server is frozen (SIGSTOP) in the middle of a
// snapshot. The TUI must say Velero is not processing — no progress for N
// seconds, the server does not answer — instead of a frozen bar, and the
// snapshot must finish once Velero runs again (SIGCONT).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { snapshotList } from './helpers/tui-steps.js';
import { kubectl, pollUntil, readLabInfo, veleroGet, type LabInfo } from './helpers/lab.js';
import { deleteBackup, freeze, thaw } from './faults-lab.js';

const BULK = 'fault-bulk';
const STALL_MS = 8000;
let lab: LabInfo;
let h: RealAppHarness | undefined;
let frozen = false;

/** Enough app objects that a partial backup takes a few seconds (the lab's app alone takes ~1 s): Velero reports item progress (every 1 s) before it ends. */
function bulkConfigMaps(n: number): string {
  const items = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${BULK}-${i}`, namespace: 'harness', labels: { 'kots.io/app-slug': 'harness', [BULK]: 'yes' } },
    data: { payload: 'x'.repeat(2000) },
  }));
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

beforeAll(async () => {
  lab = readLabInfo();
  await kubectl(lab, ['apply', '--server-side', '-f', '-'], bulkConfigMaps(4000));
});

afterEach(() => {
  if (frozen) thaw('velero');
  frozen = false;
});

afterAll(async () => {
  h?.unmount();
  await kubectl(lab, ['-n', 'harness', 'delete', 'configmap', '-l', `${BULK}=yes`, '--wait=false']);
});

describe('Velero stopped mid-snapshot', () => {
  it('says Velero is not processing (no progress, server silent) instead of a frozen bar, and finishes after SIGCONT', async () => {
    h = await renderRealApp({ kubeconfig: lab.kubeconfig });
    h.ctx.stallAfterMs = STALL_MS;
    await h.waitFor('storage Available');
    await snapshotList(h);
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('p');
    await h.waitFor('› Partial (application)');

    // Freeze Velero once it reports item progress, not at InProgress: right
    // after InProgress it opens the backup store, which rewrites the location's
    // credentials file (truncate, then write). Thawed there, that ran next to
    // the overdue location validation rewriting the same file, and the plugin
    // read it empty ("no EC2 IMDS role found": velero-io/velero#8524).
    let name: string | undefined;
    const unsubscribe = h.ctx.store.subscribe(() => {
      if (frozen) return;
      const running = Object.values(h!.ctx.store.getState().objects.Backup).find(
        (b) => b.status?.phase === 'InProgress' && (b.status.progress?.totalItems ?? 0) > 0,
      );
      if (running) {
        freeze('velero');
        frozen = true;
        name = running.metadata.name;
      }
    });
    await h.press('enter');
    await pollUntil('the snapshot to be in progress', async () => frozen, Boolean, 60_000, 50);
    unsubscribe();
    const atFreeze = await veleroGet(lab, 'backup', name!);
    expect(atFreeze?.status.phase).toBe('InProgress');

    const stalled = await h.waitFor(`Velero is not processing: snapshot ${name}`, STALL_MS + 30_000);
    const flat = stalled.replace(/\s+/g, ' ');
    // Header: short; progress view: the explanation with the server's silence.
    expect(stalled).toMatch(new RegExp(`⚠ Velero is not processing: snapshot ${name}, no progress for \\d+s, the server does not answer`));
    expect(flat).toMatch(new RegExp(`Velero is not processing: snapshot ${name} has had no progress for \\d+s and the Velero server does not answer \\(Velero server did not answer within 8 s`));
    expect(flat).toContain('it resumes when Velero runs again');
    expect(stalled).toContain('Status   In progress');
    // The counter keeps going while it stays frozen.
    const seconds = Number(/no progress for (\d+)s/.exec(stalled)![1]);
    await h.waitFor((f) => Number(/no progress for (\d+)s/.exec(f)?.[1] ?? 0) >= seconds + 2, 15_000);
    expect((await veleroGet(lab, 'backup', name!))?.status.phase).toBe('InProgress');

    thaw('velero');
    frozen = false;
    const done = await h.waitFor((f) => /Status +Completed/.test(f), 120_000);
    expect(done).not.toMatch(/no progress for/);
    expect(done).toContain('✔ Completed');
    expect(h.ctx.store.getState().stalls).toEqual({});
    expect((await veleroGet(lab, 'backup', name!))?.status.phase).toBe('Completed');
    await deleteBackup(lab, name!);
  });
});
