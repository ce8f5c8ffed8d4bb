import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { composeFullRestore } from '../../src/services/profile.js';
import { AT, createdRestores, fixedClock, restoreIn, selectRow, stepUntil } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

describe('restore rules', () => {
  it('refuses to start while a snapshot runs, saying why', async () => {
    h = await renderApp();
    h.backend.demo.pause();
    await h.backend.velero('velero').create('Backup', { metadata: { name: 'instance-now' }, spec: { includedNamespaces: ['harness'] } });
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('Cannot start now: snapshot instance-now is running');
    await h.press('enter');
    await h.waitFor('continue: snapshot instance-now is running; wait until it finishes');
    expect(h.frame()).toContain('How to restore');
    expect(createdRestores(h)).toEqual([]);
  });

  it('while a restore runs, enter on the snapshot list watches it instead of starting another', async () => {
    h = await renderApp();
    h.backend.demo.pause();
    await h.backend.velero('velero').create('Restore', { metadata: { name: 'other-restore' }, spec: { backupName: SEEDED_BACKUPS.olderFull } });
    await h.goto('restore');
    await h.waitFor('● Restore other-restore is running');
    expect(h.frame()).toContain('watch restore');
    await h.press('enter');
    await h.waitFor('Restore other-restore from instance-t9x6l');
    expect(createdRestores(h).map((r) => r.metadata.name)).toEqual(['other-restore']);
  });

  it('warns before confirming when the storage the snapshot is read from is unavailable', async () => {
    h = await renderApp();
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor('Same thing by hand');
    expect(h.frame()).not.toContain('is unavailable');
    h.backend.demo.setStorageDown(true);
    await h.waitFor(/⚠ Storage default is unavailable \(BackupStorageLocation "default" is unavailable/);
  });

  it('disaster recovery: empty cluster, storage pointed at the existing bucket read-only, snapshots appear, full restore', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const velero = h.backend.velero('velero');
    await h.waitFor('Velero');
    // Make it a fresh cluster: no location, no Velero objects, no app.
    const bsl = h.ctx.store.getState().objects.BackupStorageLocation.default!;
    await velero.delete('BackupStorageLocation', 'default');
    for (const kind of ['Restore', 'Backup'] as const) for (const o of await velero.list(kind)) await velero.delete(kind, o.metadata.name!);
    await h.backend.cluster.deleteNamespaces(['kotsadm', 'harness'], 5000);

    await h.goto('restore');
    await h.waitFor('No snapshot to restore from.');
    await h.waitFor('open Storage (1) and point it at the bucket');

    // What the Storage screen writes: the same bucket, read-only.
    await velero.create('BackupStorageLocation', {
      metadata: { name: 'default' },
      spec: { ...bsl.spec, accessMode: 'ReadOnly' },
    });
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor('None of the snapshot’s namespaces exist in this cluster.');
    await h.press('enter');
    await h.type(SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor(() => createdRestores(h!).length === 1);
    expect(createdRestores(h)[0]).toEqual(composeFullRestore(SEEDED_BACKUPS.latestFull, AT));
    const name = createdRestores(h)[0]!.metadata.name!;
    await stepUntil(h, () => restoreIn(h!, name)?.status?.phase === 'Completed');
    await h.waitFor('✓ Restore completed');
    expect(h.backend.demo.resources('harness').length).toBeGreaterThan(0);
  });
});
