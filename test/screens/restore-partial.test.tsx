import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { composePartialRestore } from '../../src/services/profile.js';
import type { ResourceRef } from '../../src/services/interfaces.js';
import { AT, callsOf, createdRestores, fixedClock, selectRow } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const key = (r: ResourceRef) => `${r.resource}/${r.namespace}/${r.name}`;

async function openPartialConfirm(app: AppHarness, backup: string) {
  await app.goto('restore');
  await selectRow(app, backup);
  await app.press('enter');
  await app.waitFor('How to restore');
  // a partial snapshot offers only the partial mode
  await app.press('enter');
  await app.waitFor(/Remove the app's current resources \(\d+ now/);
  await app.press('enter');
  await app.waitFor('Type the app slug (harness) to confirm');
}

describe('partial restore', () => {
  it('refuses a wrong slug naming the expected one, and nothing is touched', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await openPartialConfirm(h, SEEDED_BACKUPS.partial);
    await h.type('harnes');
    await h.press('enter');
    await h.waitFor('"harnes" is not the app slug. Type harness exactly');
    expect(callsOf(h, 'deleteResources')).toEqual([]);
    expect(createdRestores(h)).toEqual([]);
  });

  it('removes only the app labelled resources, waits until gone, then creates the partial Restore', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const profile = h.backend.demo.profile;
    const before = h.backend.demo.resources('harness');
    const appOwned = before.filter((r) => r.labels?.['kots.io/app-slug'] === 'harness').map(key).sort();
    const notOwned = before.filter((r) => r.labels?.['kots.io/app-slug'] !== 'harness').map(key);
    expect(notOwned).toContain('configmaps/harness/kube-root-ca.crt');

    await openPartialConfirm(h, SEEDED_BACKUPS.partial);
    await h.type('harness');
    await h.press('enter');
    await h.waitFor(/Restore harness-q8rtx-\d{14}/);
    await h.waitFor(() => createdRestores(h!).length === 1);

    const deletes = callsOf(h, 'deleteResources');
    expect(deletes).toHaveLength(1);
    expect((deletes[0]!.args[0] as ResourceRef[]).map(key).sort()).toEqual(appOwned);
    expect(callsOf(h, 'deleteNamespaces')).toEqual([]);
    // Removal first, restore after it.
    const order = h.backend.demo.calls.map((c) => c.method);
    expect(order.indexOf('deleteResources')).toBeLessThan(order.indexOf('create'));
    expect(createdRestores(h)[0]).toEqual(composePartialRestore(profile, SEEDED_BACKUPS.partial, AT));
    // Everything else in the namespace is still there.
    const after = h.backend.demo.resources('harness').map(key);
    for (const k of notOwned) expect(after).toContain(k);
  });

  it('shows the removal and the kubectl/velero commands before confirming', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.partial);
    await h.press('enter');
    await h.waitFor('Partial restore — the app only');
    const frame = await h.waitFor(/kots\.io\/app-slug=harness in harness/);
    expect(frame).not.toContain('Full restore');
    await h.press('enter');
    const owned = h.backend.demo.resources('harness').filter((r) => r.labels?.['kots.io/app-slug'] === 'harness');
    const review = await h.waitFor(`(${owned.length} now:`);
    expect(review).toContain('$ velero restore create harness-q8rtx-20250612093000 --from-backup harness-q8rtx');
    // Once listed, the kubectl command names the kinds found.
    // Folded with " \" continuations: joined back, it is the one command.
    expect(review.replace(/ \\\n\s+/g, ' ')).toContain('$ kubectl -n harness delete configmaps,deployments.apps,');
  });
});
