// Disaster recovery: point the cluster at a bucket that already holds
// snapshots, read-only, and see Velero sync them into the list.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ENDPOINT } from '../../src/services/demo/index.js';
import { backupsOfLocation } from '../../src/state/storage-run.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { CTRL_S, fill, openForm, openStorage, writtenLocations } from './storage-helpers.js';

let h: AppHarness;
afterEach(() => h?.unmount());

const listed = () => backupsOfLocation(Object.values(h.ctx.store.getState().objects.Backup));

describe('Attaching an existing bucket read-only', () => {
  it('writes accessMode ReadOnly, warns before, and shows the sync and the snapshots it found', async () => {
    h = await renderApp();
    await openStorage(h);
    // Move to an empty bucket first: Velero drops the Completed snapshots it no longer finds.
    await openForm(h);
    await fill(h, 'Bucket', 'empty-bucket');
    await h.press(CTRL_S);
    await h.waitFor('Apply these settings?');
    await h.press('enter');
    await h.waitFor(/Velero synced at/);
    await h.press('enter');
    const before = listed();

    await openForm(h, 'a');
    expect(h.frame()).toContain('Attach an existing bucket read-only (disaster recovery)');
    expect(h.frame()).toContain('(•) Read-only (restore only)');
    await h.press('right');
    await h.waitFor('(•) S3-compatible');
    await fill(h, 'Endpoint URL', DEMO_ENDPOINT);
    await fill(h, 'Bucket', 'harness-snapshots');
    await fill(h, 'Prefix', 'cluster-a');
    await h.press(CTRL_S);
    const confirm = await h.waitFor('Apply these settings?');
    expect(confirm).toContain('The bucket holds 8 snapshots.');
    expect(confirm.replace(/[\s│]+/g, ' ')).toContain('Read-only: Velero will restore from this bucket but take no new snapshots');
    await h.press('enter');
    const done = await h.waitFor(/Velero synced at .* and lists \d+ snapshots from this location/);
    expect(done).toContain('Saving bucket harness-snapshots/cluster-a at http://minio.velero.svc:9000 (read-only)');
    expect(listed()).toBeGreaterThan(before);
    expect(done).toContain(`lists ${listed()} snapshots from this location`);

    const bsl = writtenLocations(h).at(-1)!;
    expect(bsl.spec.accessMode).toBe('ReadOnly');
    expect(bsl.spec.objectStorage).toEqual({ bucket: 'harness-snapshots', prefix: 'cluster-a' });

    await h.press('enter');
    await h.waitFor(/Access\s+Read-only — restores only; no new snapshots go here/);
    expect(h.frame()).toMatch(new RegExp(`Last sync\\s+.* · ${listed()} snapshots listed`));
  });

  it('on a cluster without storage, the screen explains both ways to set it up', async () => {
    h = await renderApp({ demo: { seed: 'empty' } });
    await h.goto('storage');
    const f = await h.waitFor('No storage destination is set up');
    expect(f).toContain('set up storage: Amazon S3, S3-compatible, or internal storage');
    expect(f).toContain('attach an existing bucket read-only, to restore after losing a cluster');
    await h.press('a');
    await h.waitFor('Attach an existing bucket read-only');
    await fill(h, 'Bucket', 'harness-snapshots');
    await fill(h, 'Access key ID', 'AKIAIOSFODNN7EXAMPLE');
    await fill(h, 'Secret key', 'some-secret');
    await h.press(CTRL_S);
    // A fresh cluster has nothing to lose: no confirmation, straight to Velero's verdict.
    await h.waitFor('● Available');
    expect(h.frame()).not.toContain('Apply these settings?');
    expect(h.backend.demo.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['putSecret', 'velero'],
      ['create', 'BackupStorageLocation'],
    ]);
    expect(writtenLocations(h)[0]!.spec.accessMode).toBe('ReadOnly');
  });
});
