import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { formatBytes } from '../../src/format/units.js';
import { createdRestores, restoreIn, selectRow, stepUntil } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const full = SEEDED_BACKUPS.latestFull;

async function startInPlace(app: AppHarness) {
  await app.goto('restore');
  await selectRow(app, full);
  await app.press('enter');
  await app.waitFor('How to restore');
  await app.press('down', 'enter');
  await app.waitFor('$ kubectl delete namespace');
  await app.press('enter');
  await app.type(full);
  await app.press('enter');
}

describe('restore progress', () => {
  it('shows the removal, then items and volumes as the simulation steps, then the result', async () => {
    h = await renderApp();
    h.backend.demo.pause();
    await startInPlace(h);
    // Preparation: namespaces are being removed; no Restore yet.
    await h.waitFor('Preparing: Removing namespaces kotsadm, harness');
    await h.waitFor('0 of 2 gone');
    expect(createdRestores(h)).toEqual([]);
    await stepUntil(h, () => createdRestores(h!).length === 1);
    const name = createdRestores(h)[0]!.metadata.name!;
    // Created only once everything in the namespaces was gone.
    expect(h.backend.demo.resources('kotsadm')).toEqual([]);
    expect(h.backend.demo.resources('harness')).toEqual([]);

    // Live: every stepped update of items restored shows on screen.
    await stepUntil(h, () => (restoreIn(h!, name)?.status?.progress?.itemsRestored ?? 0) > 0);
    const seen = new Set<number>();
    let volumeRows = 0;
    while (restoreIn(h, name)?.status?.phase === 'InProgress') {
      const p = restoreIn(h, name)!.status!.progress!;
      if (p.itemsRestored! < p.totalItems!) {
        await h.waitFor(`${p.itemsRestored} of ${p.totalItems}`);
        seen.add(p.itemsRestored!);
      }
      const vols = Object.values(h.ctx.store.getState().objects.PodVolumeRestore).filter((v) => v.metadata.labels?.['velero.io/restore-name'] === name);
      if (vols.length) await h.waitFor(/Volumes \(\d+ of \d+ done\)/);
      for (const v of vols) {
        await h.waitFor(`${v.spec.pod?.namespace}/${v.spec.pod?.name} ${v.spec.volume}`);
        await h.waitFor(`${formatBytes(v.status?.progress?.bytesDone ?? 0)} of ${formatBytes(v.status?.progress?.totalBytes)}`);
      }
      volumeRows += vols.length;
      h.backend.demo.step();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(volumeRows).toBeGreaterThan(0);
    await h.waitFor('Restore completed');
    expect(h.frame()).toContain('What to do next');
  });

  it('a restore running in the cluster is shown prominently on open, enter watches it', async () => {
    h = await renderApp();
    h.backend.demo.pause();
    // Started elsewhere (another session, or before this program was reopened).
    await h.backend.velero('velero').create('Restore', {
      metadata: { name: 'instance-6pz4k-elsewhere' },
      spec: { backupName: full, includeClusterResources: true, restorePVs: true },
    });
    await stepUntil(h, () => restoreIn(h!, 'instance-6pz4k-elsewhere')?.status?.phase === 'InProgress');
    await h.goto('restore');
    await h.waitFor('● Restore instance-6pz4k-elsewhere is running (InProgress)');
    await h.waitFor('enter to watch');
    await h.press('enter');
    await h.waitFor('Phase In progress');
    await h.waitFor(/Items .*\d+ of \d+/);
    await h.waitFor('quitting or leaving this screen does not stop it');
  });
});
