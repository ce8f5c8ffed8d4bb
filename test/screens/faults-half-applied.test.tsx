// Fault: a write is refused half-way. The TUI must never leave its own change
// half-applied: a credentials Secret written without its BSL is put back, and
// a change known to be refused writes nothing at all. The demo's simulated
// RBAC refuses the BSL write with a 403 like the apiserver.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, DEMO_ACCESS_KEY } from '../../src/services/demo/index.js';
import type { AccessCheck } from '../../src/services/interfaces.js';
import { applyStorage } from '../../src/state/storage-apply.js';
import { loadFormContext, resolveLocation } from '../../src/state/storage.js';
import { formFromLocation } from '../../src/state/storage-form.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { CTRL_S, callsOf, fill, openForm, openStorage } from './storage-helpers.js';

let h: AppHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

const BSL_UPDATE: AccessCheck = { verb: 'update', group: 'velero.io', resource: 'backupstoragelocations', namespace: 'velero' };

async function clusterStorage(app: AppHarness) {
  const bsl = await app.backend.velero('velero').get('BackupStorageLocation', 'default');
  return { secret: await app.backend.cluster.getSecret('velero', 'cloud-credentials'), spec: bsl?.spec };
}

describe('nothing is left half-applied', () => {
  it('BSL write forbidden (RBAC changed after connecting): the Secret it wrote first is put back, the cluster ends as it was', async () => {
    h = await renderApp();
    await openStorage(h);
    const before = await clusterStorage(h);
    // The user lost the right after the access check: the TUI still offers edit.
    h.backend.demo.denyAccess([BSL_UPDATE]);
    await openForm(h);
    await fill(h, 'Secret key', 'new-secret-that-must-not-stay');
    await h.press(CTRL_S);
    const frame = await h.waitFor('were restored');
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('✖ BackupStorageLocation velero/default: backupstoragelocations.velero.io "default" is forbidden: User "demo-admin" cannot update resource "backupstoragelocations"');
    expect(frame).toContain('✔ Restore Secret velero/cloud-credentials');
    // The Secret was written, then written back; the BSL never changed.
    expect(callsOf(h, 'putSecret')).toHaveLength(2);
    expect(callsOf(h, 'update')).toEqual([]);
    expect(await clusterStorage(h)).toEqual(before);
    expect(before.secret?.cloud).not.toContain('new-secret-that-must-not-stay');
  });

  it('BSL write known to be forbidden: edit is disabled, and saving anyway (as command mode would) writes nothing', async () => {
    const backend = createDemoBackend({ tick: 20 });
    backend.demo.denyAccess([BSL_UPDATE]);
    h = await renderApp({ backend });
    await openStorage(h);
    await h.waitFor(() => Boolean(h!.ctx.store.getState().access));
    const before = await clusterStorage(h);
    await h.press('e');
    await h.waitFor('edit: your user may not update backupstoragelocations.velero.io in namespace velero');

    const ctx = h.ctx;
    const bsl = ctx.store.getState().objects.BackupStorageLocation['default']!;
    const form = { ...formFromLocation(bsl, true), accessKeyId: DEMO_ACCESS_KEY, secretAccessKey: 'new-secret-that-must-not-stay' };
    const resolved = await resolveLocation(ctx, form, await loadFormContext(ctx));
    await expect(applyStorage(ctx, resolved)).rejects.toThrow(
      'Cannot save the storage settings: your user may not update backupstoragelocations.velero.io in namespace velero',
    );
    expect(ctx.store.getState().storageRun?.writeError).toBe('Nothing was changed: your user may not update backupstoragelocations.velero.io in namespace velero.');
    expect(h.backend.demo.calls).toEqual([]);
    expect(await clusterStorage(h)).toEqual(before);
  });
});
