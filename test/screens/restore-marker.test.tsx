// The Restore screen shows another session's restore from the marker Lease:
// one being prepared (and refuses to start another), or one interrupted.
import { afterEach, describe, expect, it } from 'vitest';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import type { Lease } from '../../src/services/lease.js';
import { MARKER_LEASE } from '../../src/state/restore-marker.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { AT, createdRestores, fixedClock, selectRow } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const marker = (secondsAgo: number, step: string): Lease => {
  const at = new Date(AT.getTime() - secondsAgo * 1000).toISOString();
  return {
    name: MARKER_LEASE,
    holder: 'master-2 pid 4242',
    acquiredAt: at,
    renewedAt: at,
    durationSeconds: 30,
    annotations: { 'snapshots.kots.io/restore': 'harness-q8rtx-20250612092800', 'snapshots.kots.io/backup': 'harness-q8rtx', 'snapshots.kots.io/mode': 'partial', 'snapshots.kots.io/step': step },
  };
};

describe('another session’s restore on the Restore screen', () => {
  it('being prepared: says who and what step, and starting a restore is refused with that reason', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.backend.leases!.create('velero', marker(5, 'Removing 19 resources of the app'));
    await h.goto('restore');
    const frame = await h.waitFor('Another session (master-2 pid 4242) is preparing restore');
    expect(frame).toContain('Started 5s ago. Restores and snapshots are refused until its Restore is created.');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor('Full restore — into an empty or new cluster');
    await h.press('enter');
    await h.waitFor('Type the snapshot name');
    await h.type(SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    const refused = await h.waitFor('The restore was not started');
    expect(refused.replace(/\s+/g, ' ')).toContain(
      'Cannot restore now: restore harness-q8rtx-20250612092800 from harness-q8rtx is being prepared by another session (master-2 pid 4242, since 5s ago): Removing 19 resources of the app',
    );
    expect(refused).toContain('Nothing was removed.');
    expect(createdRestores(h)).toEqual([]);
  });

  it('interrupted: warns that the app may be partly removed', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.backend.leases!.create('velero', marker(300, 'Waiting for the app’s resources to be gone: 4 of 19 left'));
    await h.goto('restore');
    const frame = await h.waitFor('was interrupted at');
    expect(frame).toContain('⚠ Restore harness-q8rtx-20250612092800 from harness-q8rtx (partial) was');
    expect(frame).toMatch(/last seen 5m ago\. The app may be partly removed/);
  });
});
