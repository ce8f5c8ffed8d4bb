import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { composeFullRestore } from '../../src/services/profile.js';
import { AT, callsOf, createdRestores, fixedClock, selectRow } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const full = SEEDED_BACKUPS.latestFull;

async function openModes(app: AppHarness, backup: string = full) {
  await app.goto('restore');
  await selectRow(app, backup);
  await app.press('enter');
  return app.waitFor('How to restore');
}

describe('full restore', () => {
  it('shows each snapshot with the same age as the Snapshots list (when it started)', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const ageIn = (frame: string, name: string) => new RegExp(`${name} .*?(\\d+[smhd]) ago`).exec(frame)?.[1];
    const list = await h.waitFor(full);
    await h.goto('restore');
    const picker = await h.waitFor('Restore from a snapshot');
    for (const name of [full, SEEDED_BACKUPS.partial, SEEDED_BACKUPS.olderFull]) {
      expect(ageIn(picker, name), name).toBeDefined();
      expect(ageIn(picker, name), name).toBe(ageIn(list, name));
    }
  });

  it('offers both full modes and partial for a full snapshot, with what it holds', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const frame = await openModes(h);
    expect(frame).toContain('full (instance) snapshot');
    expect(frame).toContain('Namespaces: kotsadm, harness');
    expect(frame).toMatch(/> Full restore — into an empty or new cluster/);
    expect(frame).toContain('Full restore — in place');
    expect(frame).toContain('Partial restore — the app only');
    expect(frame).toContain('Disaster recovery');
    await h.press('down');
    await h.waitFor(/> Full restore — in place/);
    await h.waitFor('first deletes namespaces kotsadm, harness');
    await h.press('down');
    await h.waitFor(/> Partial restore — the app only/);
  });

  it('keys faster than renders: ↓ then enter in one burst continues with the mode moved to', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.goto('restore');
    await h.waitFor(`> ${full}`);
    await h.press('\u001b[B\r');
    await h.waitFor(`${SEEDED_BACKUPS.scheduled} — full (instance) snapshot`);
    await h.press('\u001b[B\r');
    await h.waitFor('1. Delete namespaces kotsadm, harness');
  });

  it('into an empty cluster: typed snapshot name, exact Restore, nothing deleted', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await openModes(h);
    await h.press('enter');
    await h.waitFor('$ velero restore create instance-6pz4k-20250612093000 --from-backup instance-6pz4k');
    await h.press('enter');
    await h.waitFor('Type the snapshot name (instance-6pz4k) to confirm');
    await h.type('instance-6pz4');
    await h.press('enter');
    await h.waitFor('"instance-6pz4" is not the snapshot name. Type instance-6pz4k exactly');
    expect(createdRestores(h)).toEqual([]);
    await h.type('k');
    await h.press('enter');
    await h.waitFor(() => createdRestores(h!).length === 1);
    expect(createdRestores(h)[0]).toEqual(composeFullRestore(full, AT));
    expect(callsOf(h, 'deleteNamespaces')).toEqual([]);
    expect(callsOf(h, 'deleteResources')).toEqual([]);
  });

  it('in place: deletes the snapshot namespaces, waits until gone, then restores', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await openModes(h);
    await h.press('down', 'enter');
    const review = await h.waitFor('$ kubectl delete namespace kotsadm harness --wait=true');
    expect(review).toContain('1. Delete namespaces kotsadm, harness with everything in them');
    await h.press('enter');
    await h.type(full);
    await h.press('enter');
    await h.waitFor(() => createdRestores(h!).length === 1);
    expect(callsOf(h, 'deleteNamespaces').map((c) => c.args[0])).toEqual([['kotsadm', 'harness']]);
    const order = h.backend.demo.calls.map((c) => c.method);
    expect(order.indexOf('deleteNamespaces')).toBeLessThan(order.indexOf('create'));
    expect(createdRestores(h)[0]).toEqual(composeFullRestore(full, AT));
  });

  it('in place refuses when the snapshot includes a protected namespace, and says why', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock, profile: { adminNamespace: 'default' } } });
    await openModes(h);
    await h.press('down');
    const frame = await h.waitFor('Full restore — in place (not possible)');
    expect(frame).toContain('would delete namespace default (part of Kubernetes)');
    expect(frame).toContain('into an empty or new cluster');
    await h.press('enter');
    await h.waitFor('continue: In-place restore would delete namespace default');
    expect(h.frame()).toContain('How to restore');
    expect(callsOf(h, 'deleteNamespaces')).toEqual([]);
    expect(createdRestores(h)).toEqual([]);
  });

  it('partially failed snapshot: warning, then an extra question before the typed confirmation', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const frame = await openModes(h, SEEDED_BACKUPS.partiallyFailedFull);
    expect(frame).toMatch(/⚠ Snapshot instance-m5k8d is incomplete \(partially failed, \d+ errors?\)/);
    await h.press('enter');
    await h.waitFor('⚠ Snapshot instance-m5k8d is incomplete');
    await h.press('enter');
    await h.waitFor('Restore from an incomplete snapshot?');
    await h.press('n');
    await h.waitFor('confirm…');
    await h.press('enter', 'y');
    await h.waitFor('Type the snapshot name (instance-m5k8d) to confirm');
  });

  it('read-only: the restore action is not offered', async () => {
    h = await renderApp({ readonly: true, now: fixedClock, demo: { now: fixedClock } });
    await openModes(h);
    expect(h.frame()).not.toContain('continue');
    await h.press('enter');
    expect(h.frame()).toContain('How to restore');
  });
});
