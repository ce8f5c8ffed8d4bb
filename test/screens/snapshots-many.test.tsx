// 5,000 snapshots: only the visible rows are rendered, and moving, filtering
// and jumping to the end stay quick.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { fixedClock, listedNames } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const ROWS_IN_24_LINES = 20;

describe('snapshot list with 5,000 snapshots', () => {
  it('renders only the rows that fit and scrolls through all of them', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock, seed: 'many', manyCount: 5000 } });
    const first = await h.waitFor(' All (5000) ', 15_000);
    const visible = listedNames(first);
    expect(visible.length).toBeGreaterThan(5);
    expect(visible.length).toBeLessThanOrEqual(ROWS_IN_24_LINES);
    expect(first.split('\n').length).toBeLessThanOrEqual(24);
    expect(first).toContain('1/5000');

    const newest = [...Object.values(h.ctx.store.getState().objects.Backup)].sort((a, b) =>
      (b.status?.startTimestamp ?? '').localeCompare(a.status?.startTimestamp ?? ''),
    );
    expect(visible).toEqual(newest.slice(0, visible.length).map((b) => b.metadata.name));

    const started = Date.now();
    await h.press('end');
    const last = await h.waitFor('5000/5000');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(listedNames(last).at(-1)).toBe(newest.at(-1)!.metadata.name);
    expect(last).toContain(`› ${newest.at(-1)!.metadata.name}`);
    expect(listedNames(last).length).toBeLessThanOrEqual(ROWS_IN_24_LINES);

    await h.press('pgup');
    const page = await h.waitFor((f) => !f.includes('5000/5000') && /\d+\/5000/.test(f));
    const at = Number(/(\d+)\/5000/.exec(page)![1]);
    expect(at).toBeLessThan(5000);
    expect(at).toBeGreaterThan(5000 - ROWS_IN_24_LINES);
    expect(page).toContain(`› ${newest[at - 1]!.metadata.name}`);
  });

  it('filters and switches type over all rows', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock, seed: 'many', manyCount: 5000 } });
    await h.waitFor(' All (5000) ', 15_000);
    const all = Object.values(h.ctx.store.getState().objects.Backup);
    const full = all.filter((b) => b.metadata.annotations?.['kots.io/instance'] === 'true').length;
    expect(h.frame()).toContain(` Full (${full}) `);
    await h.press('f');
    await h.waitFor(`1/${full} · Full (instance) only`);
    expect(listedNames(h.frame()).every((n) => n.startsWith('instance-'))).toBe(true);
    const target = all.find((b) => b.metadata.name?.startsWith('instance-'))!.metadata.name!;
    await h.press('/');
    await h.waitFor('filter:');
    await h.type(target);
    await h.waitFor(/ 1 match /);
    expect(listedNames(h.frame())).toEqual([target]);
  });
});
