// Permissions: after connecting, the TUI asks what the user may change
// (SelfSubjectAccessReviews); actions the user may not do show disabled with
// the reason and change nothing. The demo backend simulates RBAC: denied
// checks answer "no" and the calls they cover fail with 403.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { createDemoBackend, SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import type { AccessCheck } from '../../src/services/interfaces.js';
import { fixedClock, selectSnapshot } from './snapshots-helpers.js';
import { selectRow } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

const velero = (verb: string, resource: string): AccessCheck => ({ verb, group: 'velero.io', resource, namespace: 'velero' });

/** What a user bound to a Role with only get/list/watch on Velero objects may not do. */
const READ_ONLY_USER: AccessCheck[] = [
  velero('create', 'backups'),
  velero('update', 'backups'),
  velero('create', 'deletebackuprequests'),
  velero('create', 'restores'),
  velero('create', 'schedules'),
  velero('update', 'schedules'),
  velero('create', 'backupstoragelocations'),
  velero('update', 'backupstoragelocations'),
  { verb: 'get', group: '', resource: 'secrets', namespace: 'velero' },
  { verb: 'create', group: '', resource: 'secrets', namespace: 'velero' },
  { verb: 'update', group: '', resource: 'secrets', namespace: 'velero' },
  { verb: 'delete', group: '', resource: 'namespaces' },
  ...['deployments', 'services', 'configmaps', 'secrets'].map((resource) => ({ verb: 'delete', group: resource === 'deployments' ? 'apps' : '', resource })),
];

async function renderAs(denied: AccessCheck[]): Promise<AppHarness> {
  const backend = createDemoBackend({ tick: 20, now: fixedClock });
  backend.demo.denyAccess(denied);
  const app = await renderApp({ backend, now: fixedClock });
  await app.waitFor('app harness');
  // Wait until the access reviews are answered.
  for (let i = 0; i < 200 && !app.ctx.store.getState().access; i++) await new Promise((r) => setTimeout(r, 10));
  expect(app.ctx.store.getState().access).toBeDefined();
  return app;
}

const writes = (app: AppHarness) => app.backend.demo.calls;

describe('a user who may only read Velero objects', () => {
  it('sees snapshot create and delete disabled with the reason; pressing them changes nothing', async () => {
    h = await renderAs(READ_ONLY_USER);
    await selectSnapshot(h, SEEDED_BACKUPS.olderFull);
    await h.waitFor('limited rights (? says why)');
    // Still listed (not read-only mode), but refused with the RBAC reason.
    expect(h.frame()).toContain('n new snapshot');
    await h.press('n');
    await h.waitFor('new snapshot: your user may not create backups.velero.io in namespace velero');
    expect(h.frame()).not.toContain('New snapshot');
    await h.press('ctrl-d');
    await h.waitFor('delete: your user may not create deletebackuprequests.velero.io in namespace velero');
    expect(h.frame()).not.toContain('Delete snapshot');
    // The help overlay says why, too.
    await h.press('?');
    const help = await h.waitFor('Help —');
    // The reason wraps inside its column; check the words, not the layout.
    expect(help).toMatch(/new snapshot — unavailable: your\s/);
    expect(help).toMatch(/user may not create\s/);
    await h.press('esc');
    expect(writes(h)).toEqual([]);
  });

  it('cannot save, pause or re-apply retention on the Schedule screen', async () => {
    h = await renderAs(READ_ONLY_USER);
    await h.goto('schedule');
    await h.waitFor('In the cluster snapshots-full ● enabled');
    await h.press('enter');
    await h.waitFor('save: your user may not update schedules.velero.io in namespace velero');
    await h.press('down'); // off the kind selector: p and r are offered
    await h.waitFor('on/off');
    await h.press('p');
    await h.waitFor('pause: your user may not update schedules.velero.io in namespace velero');
    await h.press('r');
    await h.waitFor('retention→existing: your user may not update backups.velero.io in namespace velero');
    expect(writes(h)).toEqual([]);
  });

  it('cannot edit or attach storage', async () => {
    h = await renderAs(READ_ONLY_USER);
    await h.goto('storage');
    await h.waitFor(/Space used/);
    await h.press('e');
    await h.waitFor('edit: your user may not update backupstoragelocations.velero.io in namespace velero');
    expect(h.frame()).not.toContain('Check and save');
    await h.press('a');
    await h.waitFor('attach bucket read-only: your user may not update backupstoragelocations.velero.io');
    expect(writes(h)).toEqual([]);
  });

  it('cannot start a restore', async () => {
    h = await renderAs(READ_ONLY_USER);
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor('continue: your user may not create restores.velero.io in namespace velero');
    expect(h.frame()).toContain('How to restore');
    expect(writes(h)).toEqual([]);
  });
});

describe('a user with some rights', () => {
  it('may restore into an empty cluster but not partially when it may not delete the app’s objects', async () => {
    h = await renderAs([{ verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'harness' }]);
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('down', 'down');
    await h.waitFor(/> Partial restore — the app only/);
    await h.press('enter');
    await h.waitFor('continue: your user may not delete deployments.apps in namespace harness');
    // Full restore into an empty cluster only creates the Restore: allowed.
    await h.press('up', 'up');
    await h.waitFor(/> Full restore — into an empty or new cluster/);
    await h.press('enter');
    const review = await h.waitFor('⏎ confirm…');
    expect(review).toContain('1. Create restore instance-');
    expect(review).not.toContain('Cannot restore');
    expect(writes(h)).toEqual([]);
  });

  it('may take snapshots when only deleting is denied', async () => {
    h = await renderAs([velero('create', 'deletebackuprequests')]);
    await selectSnapshot(h, SEEDED_BACKUPS.olderFull);
    await h.press('ctrl-d');
    await h.waitFor('delete: your user may not create deletebackuprequests.velero.io');
    await h.press('n');
    await h.waitFor('New snapshot');
  });
});

describe('--readonly', () => {
  it('removes every action that changes something, on every screen, and keys for them do nothing', async () => {
    h = await renderApp({ readonly: true, now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, SEEDED_BACKUPS.olderFull);
    let f = h.frame();
    expect(f).not.toContain('new snapshot');
    expect(f).not.toContain('delete');
    await h.press('n', 'ctrl-d');
    expect(h.frame()).not.toMatch(/New snapshot|Delete snapshot/);

    await h.goto('schedule');
    await h.waitFor('In the cluster snapshots-full ● enabled');
    await h.press('down');
    f = await h.waitFor('on/off');
    for (const label of ['save', 'pause', 'retention→existing']) expect(f).not.toMatch(new RegExp(`(^|  )\\S+ ${label}\\b`, 'm'));
    await h.press(' ', 'enter', 'p', 'r');

    await h.goto('storage');
    f = await h.waitFor(/Space used/);
    expect(f).not.toMatch(/\be (edit|set up)\b/);
    expect(f).not.toContain('attach bucket');
    await h.press('e', 'a');
    expect(h.frame()).not.toContain('Check and save');

    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.latestFull);
    await h.press('enter');
    f = await h.waitFor('How to restore');
    expect(f).not.toContain('continue');
    await h.press('enter');
    expect(h.frame()).toContain('How to restore');
    await new Promise((r) => setTimeout(r, 50));
    expect(h.backend.demo.calls).toEqual([]);
  });
});
