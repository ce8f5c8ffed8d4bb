// Fault (real lab): the S3 server goes down. Velero marks the location
// Unavailable at its next validation (the lab can run velero with
// `LAB_VELERO_ARGS="--store-validation-frequency 10s"`; the default is 1 min);
// the TUI shows Unavailable with the reason, and refuses a new snapshot with
// it. When the server is back, snapshots may start again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { snapshotList } from './helpers/tui-steps.js';
import { pollUntil, readLabInfo, veleroGet, veleroList, type LabInfo } from './helpers/lab.js';
import { kill, start, type Stopped } from './faults-lab.js';

let lab: LabInfo;
let h: RealAppHarness | undefined;
let stopped: Stopped | undefined;

const bslPhase = async () => (await veleroGet(lab, 'backupstoragelocation', 'default'))?.status?.phase as string | undefined;

beforeAll(() => {
  lab = readLabInfo();
});

afterEach(async () => {
  if (stopped) start(stopped);
  stopped = undefined;
  await pollUntil('the location to be Available again', bslPhase, (p) => p === 'Available', 150_000, 1000);
});

afterAll(() => h?.unmount());

describe('the S3 server is down', () => {
  it('storage shows Unavailable with the reason; a new snapshot is refused with it and nothing is created', async () => {
    h = await renderRealApp({ kubeconfig: lab.kubeconfig });
    await h.waitFor('storage Available', 30_000);
    const port = new URL(lab.s3Url).port;

    stopped = await kill('versitygw');
    await h.waitFor('storage Unavailable', 150_000);
    const bsl = await veleroGet(lab, 'backupstoragelocation', 'default');
    expect(bsl?.status.message).toContain('connection refused');

    await h.goto('storage');
    const storage = (await h.waitFor(/Status +● Unavailable/, 30_000)).replace(/\s+/g, ' ');
    expect(storage).toContain(`dial tcp 127.0.0.1:${port}: connect: connection refused`);

    const backupsBefore = (await veleroList(lab, 'backup')).length;
    await snapshotList(h);
    await h.press('n');
    const refused = (await h.waitFor('new snapshot: storage location "default" is Unavailable', 15_000)).replace(/\s+/g, ' ');
    expect(refused).toContain(`is Unavailable: dial tcp 127.0.0.1:${port}: connect: connection refused; fix it on the Storage screen`);
    expect(refused).not.toContain('New snapshot');
    expect((await veleroList(lab, 'backup')).length).toBe(backupsBefore);

    // Back: Velero validates it again, the TUI follows, snapshots may start.
    start(stopped);
    stopped = undefined;
    await h.waitFor('storage Available', 150_000);
    await h.press('n');
    await h.waitFor('New snapshot', 15_000);
    await h.press('esc');
  });
});
