// Permissions (real lab): a ServiceAccount whose Role may only get/list/watch
// Velero objects, with a token from the TokenRequest API, opens the TUI. The
// actions that change anything show as disabled with the reason the
// SelfSubjectAccessReviews gave, pressing them changes nothing, and reading
// still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { restoreScreenRow, selectSnapshot, snapshotList } from './helpers/tui-steps.js';
import { kubectl, pollUntil, readLabInfo, veleroGet, veleroList, type LabInfo, type Obj } from './helpers/lab.js';
import { deleteBackup, restrictedUser, VELERO_READ, type RestrictedUser } from './faults-lab.js';

const RUN = Date.now().toString(36);
const BACKUP = `perm-${RUN}`;
let lab: LabInfo;
let user: RestrictedUser;
let h: RealAppHarness | undefined;

/** Everything the TUI could change, by kind: name → resourceVersion (BSL: its spec; it is rewritten at every validation). */
async function clusterState(): Promise<Obj> {
  const kinds = ['backups', 'restores', 'schedules', 'deletebackuprequests'];
  const out: Obj = {};
  for (const kind of kinds) out[kind] = Object.fromEntries((await veleroList(lab, kind)).map((o) => [o.metadata.name, o.metadata.resourceVersion]));
  out.bsl = (await veleroGet(lab, 'backupstoragelocation', 'default'))?.spec;
  out.secret = (await veleroGet(lab, 'secret', 'cloud-credentials'))?.metadata.resourceVersion;
  out.app = (await kubectl(lab, ['-n', 'harness', 'get', 'deploy,svc,cm,secret', '-o', 'name'])).split('\n').sort();
  return out;
}

beforeAll(async () => {
  lab = readLabInfo();
  // A completed snapshot to try deleting and restoring, made by the admin.
  await kubectl(lab, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: BACKUP, namespace: lab.veleroNamespace, annotations: { 'kots.io/instance': 'true' } },
    spec: { includedNamespaces: ['kotsadm', 'harness'], orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }], includeClusterResources: true, storageLocation: 'default', ttl: '720h0m0s' },
  }));
  await pollUntil('the snapshot to complete', async () => (await veleroGet(lab, 'backup', BACKUP))?.status?.phase, (p) => p === 'Completed', 120_000, 500);
  user = await restrictedUser(lab, `tui-viewer-${RUN}`, VELERO_READ);
});

afterAll(async () => {
  h?.unmount();
  await user?.remove();
  await deleteBackup(lab, BACKUP);
});

describe('a user who may only read Velero objects', () => {
  it('sees every changing action disabled with the reason, and nothing can be changed', async () => {
    const before = await clusterState();
    h = await renderRealApp({ kubeconfig: user.kubeconfig });
    await h.waitFor('app harness', 30_000);
    await h.waitFor('limited rights (? says why)', 30_000);
    const access = h.ctx.store.getState().access!;
    expect(access.allowed['create backups.velero.io in namespace velero']).toBe(false);
    expect(access.allowed['create restores.velero.io in namespace velero']).toBe(false);
    expect(access.error).toBeUndefined();
    // No false alarm: a user who may not ask the Velero server is not told it is down.
    expect(h.frame()).not.toContain('not answering');

    // Snapshots: reading works, creating and deleting do not.
    await snapshotList(h);
    await selectSnapshot(h, BACKUP);
    await h.press('n');
    await h.waitFor('new snapshot: your user may not create backups.velero.io in namespace velero');
    expect(h.frame()).not.toContain('New snapshot');
    await h.press('ctrl-d');
    await h.waitFor('delete: your user may not create deletebackuprequests.velero.io in namespace velero');
    expect(h.frame()).not.toContain('Delete snapshot');
    await h.press('?');
    const help = await h.waitFor('Help —');
    expect(help).toMatch(/new snapshot — unavailable: your use/);
    await h.press('esc');

    // Restore: the snapshot can be looked at, not restored.
    await restoreScreenRow(h, BACKUP);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor('continue: your user may not create restores.velero.io in namespace velero');
    expect(h.frame()).toContain('How to restore');
    await h.press('esc');

    // Schedule: no schedule exists in the lab; creating one is refused.
    await h.goto('schedule');
    await h.waitFor(/create/);
    await h.press('enter');
    await h.waitFor('create: your user may not create schedules.velero.io in namespace velero');

    // Storage: edit and attach refused.
    await h.goto('storage');
    await h.waitFor(/Status +● Available/, 30_000);
    await h.press('e');
    await h.waitFor('edit: your user may not update backupstoragelocations.velero.io in namespace velero');
    expect(h.frame()).not.toContain('Check and save');
    await h.press('a');
    await h.waitFor('attach bucket read-only: your user may not update backupstoragelocations.velero.io');

    await new Promise((r) => setTimeout(r, 500));
    expect(await clusterState()).toEqual(before);
  });
});
