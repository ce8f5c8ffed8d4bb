import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS as B } from '../../src/services/demo/index.js';
import { createdDeleteRequests, fixedClock, listedNames, selectSnapshot, stepUntil } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

async function openDelete(app: AppHarness, name: string) {
  await selectSnapshot(app, name);
  await app.press('ctrl-d');
  await app.waitFor(`Delete snapshot ${name}?`);
  await app.waitFor(`Type the snapshot name (${name}) to confirm`);
}

describe('delete a snapshot', () => {
  it('refuses a wrong name, then creates the exact DeleteBackupRequest and shows Deleting until it is gone', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    const uid = h.ctx.store.getState().objects.Backup[B.partial]!.metadata.uid;
    await openDelete(h, B.partial);
    expect(h.frame()).toContain('Velero removes the snapshot and its data in harness-snapshots/cluster-a');
    await h.type('harness-q8rt');
    await h.press('enter');
    await h.waitFor(`"harness-q8rt" is not the snapshot name. Type ${B.partial} exactly`);
    expect(createdDeleteRequests(h)).toEqual([]);

    await h.type('x');
    await h.press('enter');
    await h.waitFor(/Deleting snapshot harness-q8rtx: it shows "Deleting"/);
    expect(createdDeleteRequests(h)).toEqual([
      {
        apiVersion: 'velero.io/v1',
        kind: 'DeleteBackupRequest',
        metadata: { generateName: `${B.partial}-`, labels: { 'velero.io/backup-name': B.partial, 'velero.io/backup-uid': uid } },
        spec: { backupName: B.partial },
      },
    ]);
    await h.waitFor(new RegExp(`${B.partial} +partial +Deleting`));
    await stepUntil(h, () => !h!.ctx.store.getState().objects.Backup[B.partial]);
    await h.waitFor((f) => !listedNames(f).includes(B.partial));
    expect(h.frame()).toContain(' All (7) ');
  });

  it('esc cancels without deleting anything', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await openDelete(h, B.olderFull);
    await h.press('esc');
    await h.waitFor(`› ${B.olderFull}`);
    expect(createdDeleteRequests(h)).toEqual([]);
  });

  it('reports a failed deletion from the DeleteBackupRequest and keeps the snapshot', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await openDelete(h, B.olderFull);
    h.backend.demo.setStorageDown(true);
    await h.type(B.olderFull);
    await h.press('enter');
    await h.waitFor(new RegExp(`${B.olderFull} +full +Deleting`));
    await stepUntil(h, () => /Deleting instance-t9x6l failed: error deleting backup from backup storage/.test(h!.frame()));
    await h.waitFor(new RegExp(`${B.olderFull} +full +Delete failed`));
    await h.press('d');
    await h.waitFor('The last delete request failed; the snapshot is still there:');
  });

  it('is not offered for a running snapshot, nor in read-only mode', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await h.waitFor(B.expiringPartial);
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    h.backend.demo.step();
    await h.press('ctrl-d');
    await h.waitFor(/delete: snapshot instance-\w+ is still running; Velero deletes it only after it finishes/);
    expect(createdDeleteRequests(h)).toEqual([]);
    h.unmount();

    h = await renderApp({ now: fixedClock, demo: { now: fixedClock }, readonly: true });
    await selectSnapshot(h, B.olderFull);
    expect(h.frame()).not.toContain('^D delete');
    // Keys are handled in order: once s has sorted the list, ctrl-d has been handled (and ignored).
    await h.press('ctrl-d', 's');
    await h.waitFor('sort: name');
    expect(h.frame()).not.toContain('Delete snapshot');
    expect(createdDeleteRequests(h)).toEqual([]);
  });
});
