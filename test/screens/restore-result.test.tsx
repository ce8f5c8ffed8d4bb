import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS, SEEDED_RESTORES } from '../../src/services/demo/index.js';
import { loadRestoreLog, loadRestoreReport } from '../../src/state/restore-report.js';
import { createdRestores, selectRow } from './restore-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

async function openHistory(app: AppHarness, name: string) {
  await app.goto('restore');
  await app.waitFor('Restore from a snapshot');
  await app.press('tab');
  await app.waitFor('Restore history (newest first)');
  await selectRow(app, name);
  await app.press('enter');
}

describe('restore results', () => {
  it('history lists restores newest first with their results', async () => {
    h = await renderApp();
    await h.goto('restore');
    await h.waitFor('Restore from a snapshot');
    await h.press('tab');
    const frame = await h.waitFor('Restore history (newest first)');
    const pf = frame.indexOf(SEEDED_RESTORES.partiallyFailed);
    const done = frame.indexOf(SEEDED_RESTORES.completed);
    expect(pf).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(pf);
    expect(frame).toMatch(new RegExp(`${SEEDED_RESTORES.partiallyFailed}.*Partially failed \\d+E \\d+W`));
    expect(frame).toMatch(new RegExp(`${SEEDED_RESTORES.completed}.*Completed`));
  });

  it('partially failed: plain words, errors and warnings grouped by namespace from the bucket, next steps', async () => {
    h = await renderApp();
    const name = SEEDED_RESTORES.partiallyFailed;
    await openHistory(h, name);
    const report = await loadRestoreReport(h.ctx, name);
    const harness = { errors: report.results!.errors.namespaces!.harness!, warnings: report.results!.warnings.namespaces!.harness! };
    expect(harness.errors.length).toBeGreaterThan(0);
    const frame = await h.waitFor('Warnings and errors by namespace');
    expect(frame).toContain('! Restore finished with errors');
    expect(frame).toContain('Check pods in namespace harness: kubectl -n harness get pods');
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    expect(frame).toContain(`namespace harness — ${plural(harness.errors.length, 'error')}, ${plural(harness.warnings.length, 'warning')}`);
    for (const e of harness.errors) expect(frame).toContain(`✗ ${e.slice(0, 50)}`);
    // Warnings may be below the fold: scroll until each was shown.
    const shown = new Set<string>();
    for (let i = 0; i < 20 && shown.size < harness.warnings.length; i++) {
      for (const w of harness.warnings) if (h.frame().includes(`! ${w.slice(0, 50)}`)) shown.add(w);
      await h.press('pgdn');
    }
    expect(shown.size).toBe(harness.warnings.length);
  });

  it('l shows the restore log from the bucket', async () => {
    h = await renderApp();
    const name = SEEDED_RESTORES.completed;
    await openHistory(h, name);
    await h.waitFor('Restore completed');
    await h.press('l');
    await h.waitFor(`Log of restore ${name}`);
    const first = (await loadRestoreLog(h.ctx, name)).split('\n')[0]!;
    await h.waitFor(first.slice(0, 60));
    await h.press('esc');
    await h.waitFor('Restore completed');
  });

  it('a failed restore says why and what to do next', async () => {
    h = await renderApp();
    h.backend.demo.failNext('restore', 'timed out waiting for all PodVolumeRestores to complete');
    await h.goto('restore');
    await selectRow(h, SEEDED_BACKUPS.partial);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor(/\(\d+ now:/);
    await h.press('enter');
    await h.type('harness');
    await h.press('enter');
    await h.waitFor(() => createdRestores(h!).length === 1, 8000);
    const frame = await h.waitFor('✗ Restore failed: timed out waiting for all PodVolumeRestores to complete', 8000);
    expect(frame).toContain("The app's resources were removed before restoring");
    expect(frame).toContain('Read the restore log (l)');
  });
});
