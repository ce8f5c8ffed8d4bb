import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS as B } from '../../src/services/demo/index.js';
import { fixedClock, listedNames } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const NEWEST_FIRST = [B.latestFull, 'scheduled', B.partial, B.partiallyFailedPartial, B.failedFull, B.partiallyFailedFull, B.olderFull, B.expiringPartial];

describe('snapshot list', () => {
  it('lists every snapshot newest first with type, plain status, age and counts', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    const frame = await h.waitFor(B.expiringPartial);
    expect(listedNames(frame)).toEqual(NEWEST_FIRST);
    expect(frame).toMatch(/NAME +TYPE +STATUS +STARTED +DURATION +SIZE +EXPIRES +ERR WARN/);
    const line = (name: string) => frame.split('\n').find((l) => l.includes(name)) ?? '';
    expect(line(B.partiallyFailedPartial)).toMatch(/partial +Incomplete +2d ago .* 1 +2$/);
    expect(line(B.failedFull)).toMatch(/full +Failed +3d ago/);
    expect(line(B.latestFull)).toMatch(/^› instance-6pz4k +full +Completed +\d+h ago/);
    expect(frame).toContain(' All (8) ');
    expect(frame).toContain(' Full (5) ');
    expect(frame).toContain(' Partial (3) ');
  });

  it('filters with / by name or status, keeps it after enter, and esc clears it', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(B.expiringPartial);
    await h.press('/');
    await h.waitFor('filter:');
    await h.type('fail');
    await h.waitFor((f) => !f.includes(B.partial));
    expect(listedNames(h.frame())).toEqual([B.partiallyFailedPartial, B.failedFull, B.partiallyFailedFull]);
    expect(h.frame()).toContain('3 matches');
    // While typing, letters go to the field, not to screen keys (q does not quit, 2 does not switch).
    await h.type('q2');
    await h.waitFor('0 matches');
    await h.press('backspace', 'backspace', 'enter');
    await h.waitFor('filter "fail" (esc clears)');
    expect(listedNames(h.frame())).toHaveLength(3);
    await h.press('esc');
    await h.waitFor(B.partial);
    expect(listedNames(h.frame())).toEqual(NEWEST_FIRST);
  });

  it('keys that arrive in one read with / (a paste, tmux send-keys) go to the filter, not to n (new) or s (sort)', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(B.expiringPartial);
    await h.press('/inst');
    await h.waitFor('filter: inst');
    const frame = h.frame();
    expect(frame).not.toContain('New snapshot');
    expect(frame).toContain('sort: newest first');
    expect(listedNames(frame)).toEqual([B.latestFull, B.failedFull, B.partiallyFailedFull, B.olderFull]);
    await h.type('ance-6');
    await h.waitFor('1 match');
    expect(listedNames(h.frame())).toEqual([B.latestFull]);
  });

  it('a pasted filter ending in a newline is kept (the enter after the text is not lost); keys after it are not run', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(B.expiringPartial);
    await h.press('/harness\rn');
    // Enter kept the filter: the list keys are back (n new snapshot), and the n after it did not open the form.
    await h.waitFor((f) => f.includes('filter "harness" (esc clears)') && f.includes('n new snapshot'));
    expect(h.frame()).not.toContain('New snapshot');
    expect(listedNames(h.frame())).toEqual([B.partial, B.partiallyFailedPartial, B.expiringPartial]);
  });

  it('moves one row per key also when the keys arrive in one read (tmux send-keys, key repeat)', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(`› ${NEWEST_FIRST[0]}`);
    await h.press('\u001b[B\u001b[B\u001b[B\u001b[B');
    await h.waitFor(`› ${NEWEST_FIRST[4]}`);
    await h.press('jjj');
    await h.waitFor(`› ${NEWEST_FIRST[7]}`);
    await h.press('\u001b[A\u001b[A');
    await h.waitFor(`› ${NEWEST_FIRST[5]}`);
  });

  it('shows full or partial snapshots only with tab, f and p', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(B.expiringPartial);
    await h.press('tab');
    await h.waitFor('Full (instance) only');
    expect(listedNames(h.frame())).toEqual([B.latestFull, 'scheduled', B.failedFull, B.partiallyFailedFull, B.olderFull]);
    await h.press('tab');
    await h.waitFor('Partial (application) only');
    expect(listedNames(h.frame())).toEqual([B.partial, B.partiallyFailedPartial, B.expiringPartial]);
    await h.press('f');
    await h.waitFor('Full (instance) only');
    await h.press('f');
    await h.waitFor((f) => listedNames(f).length === 8);
  });

  it('cycles the sort key with s', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor(B.expiringPartial);
    await h.press('s');
    await h.waitFor('sort: name');
    expect(listedNames(h.frame())).toEqual([B.expiringPartial, B.partial, B.partiallyFailedPartial, B.latestFull, B.failedFull, B.partiallyFailedFull, B.olderFull, 'scheduled']);
    await h.press('s');
    await h.waitFor('sort: status');
    const byStatus = listedNames(h.frame());
    expect(byStatus[0]).toBe(B.failedFull);
    expect(byStatus.slice(1, 3).sort()).toEqual([B.partiallyFailedFull, B.partiallyFailedPartial].sort());
  });

  it('keeps the selection on the same snapshot when a new one appears on top', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await h.waitFor(B.expiringPartial);
    await h.press('down', 'down');
    await h.waitFor(`› ${B.partial}`);
    h.backend.demo.fireSchedule('snapshots-full');
    await h.waitFor(' All (9) ');
    expect(h.frame()).toContain(`› ${B.partial}`);
  });
});
