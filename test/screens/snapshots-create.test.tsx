import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { composeBackup } from '../../src/services/profile.js';
import { AT, createdBackups, fixedClock, stepUntil } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

/** A clock the test moves: one simulated second per step, so rates and time left exist. */
function steppingClock() {
  let t = AT.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function openCreate(app: AppHarness) {
  await app.waitFor('harness-c5j2v');
  await app.press('n');
  await app.waitFor('New snapshot');
}

describe('new snapshot', () => {
  it('shows exactly what a full and a partial snapshot include, with the current retention', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await openCreate(h);
    let f = h.frame();
    expect(f).toContain('› Full (instance)');
    expect(f).toMatch(/Namespaces +kotsadm, harness/);
    expect(f).toContain('labelled kots.io/backup=velero, namespaced and cluster-scoped');
    expect(f).toContain('1 month (ttl 720h0m0s, as schedule snapshots-full)');
    expect(f).toContain('location default — harness-snapshots/cluster-a (Available)');
    await h.press('p');
    f = await h.waitFor('› Partial (application)');
    expect(f).toMatch(/Namespaces +harness\n/);
    expect(f).toContain('labelled kots.io/app-slug=harness');
    expect(f).toContain('1 month (ttl 720h0m0s, default: no schedule sets one)');
    await h.press('esc');
    await h.waitFor('harness-c5j2v');
    expect(createdBackups(h)).toEqual([]);
  });

  it('starts it with enter and follows its progress from the watch until it completes', async () => {
    const clock = steppingClock();
    h = await renderApp({ now: clock.now, demo: { now: clock.now } });
    h.backend.demo.pause();
    await openCreate(h);
    await h.press('p');
    await h.waitFor('› Partial (application)');
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    expect(createdBackups(h)).toEqual([composeBackup(h.backend.demo.profile, 'partial', '720h0m0s', AT)]);
    const name = /Snapshot (harness-\w+) · partial \(application\) · manual/.exec(h.frame())?.[1];
    expect(name).toBeDefined();

    const items: number[] = [];
    let sawVolume = false;
    let sawRate = false;
    await stepUntil(h, () => {
      const f = h!.frame();
      const m = /(\d+) of (\d+) items/.exec(f);
      if (m) items.push(Number(m[1]));
      if (/harness\/harness-postgres-0 data/.test(f) && /\[[█░]+\] \d+% +[\d.]+ \w+ of 1\.3 GiB/.test(f)) sawVolume = true;
      if (/\d+(\.\d)? \w+\/s ~\d+s left/.test(f)) sawRate = true;
      clock.advance(1000);
      return f.includes('✔ Completed — this snapshot can be restored.');
    });
    expect(items.length).toBeGreaterThan(2);
    expect(items).toEqual([...items].sort((a, b) => a - b));
    expect(items.at(-1)).toBe(Number(/of (\d+) items/.exec(h.frame())![1]));
    expect(sawVolume).toBe(true);
    expect(sawRate).toBe(true);
    expect(h.frame()).toMatch(/Status +Completed +took \d+s/);
    expect(h.frame()).toContain('1 of 1 done');

    // Back to the list, where it is the newest row.
    await h.press('esc');
    await h.waitFor(new RegExp(`› ${name} +partial +Completed`));
  });

  it('shows why a snapshot failed: the reason and the first error from the results', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    h.backend.demo.failNext('backup', 'rpc error: code = Unavailable desc = the node-agent on node-1 is not running');
    await openCreate(h);
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    await stepUntil(h, () => h!.frame().includes('✖ Failed'));
    const f = await h.waitFor('The results file lists no errors');
    expect(f).toContain('Reason: rpc error: code = Unavailable desc = the node-agent on node-1 is not running');
    expect(f).toContain('data path backup canceled');
    expect(f).toContain('Where to look: d details');
    expect(f).not.toContain('credentials');
  });

  it('when Velero read no access keys for a location that has them, names its race and says to start again', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    h.backend.demo.failNext('backup', 'backup execution failed: failed to refresh cached credentials, no EC2 IMDS role found');
    // The location reads its keys from the Secret, as the Storage screen saves it.
    const location = Object.values(h.ctx.store.getState().objects.BackupStorageLocation)[0]!;
    await h.backend.velero('velero').update('BackupStorageLocation', { ...location, spec: { ...location.spec, credential: { name: 'cloud-credentials', key: 'cloud' } } });
    await h.waitFor(() => Boolean(Object.values(h!.ctx.store.getState().objects.BackupStorageLocation)[0]?.spec.credential));
    await openCreate(h);
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    await stepUntil(h, () => h!.frame().includes('✖ Failed'));
    const f = (await h.waitFor('Start it again')).replace(/\s+/g, ' ');
    expect(f).toContain('The location has access keys, but Velero read none');
    expect(f).toContain('velero-io/velero#8524');
    // Finished: nothing reads as still going on.
    expect(f).not.toMatch(/so far|counting items/);
  });

  it('is refused while another snapshot runs, saying which', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await openCreate(h);
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    h.backend.demo.step();
    await h.waitFor(/Status +In progress/);
    await h.press('esc');
    await h.waitFor('harness-c5j2v');
    await h.press('n');
    await h.waitFor(/new snapshot: snapshot instance-\w+ is still running \(in progress, \d+\/\d+ items\)/);
    expect(h.frame()).not.toContain('New snapshot');
    expect(createdBackups(h)).toHaveLength(1);
  });

  it('is refused when the storage location is not Available, with its message', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await h.waitFor('harness-c5j2v');
    h.backend.demo.setStorageDown(true);
    await stepUntil(h, () => h!.frame().includes('storage Unavailable'));
    await h.press('n');
    await h.waitFor(/new snapshot: storage location "default" is Unavailable: .+/);
    expect(h.frame()).not.toContain('New snapshot');
    expect(createdBackups(h)).toEqual([]);
  });

  it('is not offered in read-only mode', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock }, readonly: true });
    await h.waitFor('harness-c5j2v');
    expect(h.frame()).not.toContain('new snapshot');
    // Keys are handled in order: once s has sorted the list, n has been handled (and ignored).
    await h.press('n', 's');
    await h.waitFor('sort: name');
    expect(h.frame()).not.toContain('New snapshot');
    expect(createdBackups(h)).toEqual([]);
  });
});
