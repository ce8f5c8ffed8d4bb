// The snapshot list when the space above it changes while it sits idle: the
// header gains a line (the "Velero server is not answering" warning comes 8 s
// after start where no Velero runs). Every frame must be right at once: the
// tab line stays, no blank line opens above the rows, and the selected row
// stays in view. 80x24, every frame Ink writes is kept (debug mode).
import { afterEach, describe, expect, it } from 'vitest';
import { AT, listedNames } from './snapshots-helpers.js';
import { lastFrame as last, openRig, plain, sleep, waitForFrame as waitFor, type Rig } from './tty-rig.js';

let rig: Rig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const open = (count: number, now?: () => Date) => openRig({ seed: 'many', count, now });

/** Checks the list part of a frame: tab line, column header, then rows without a gap down to the position line. */
function expectWhole(frame: string, count: number): number {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(24);
  const tabs = lines.findIndex((l) => l.startsWith(` All (${count}) `));
  expect(tabs, `tab line missing:\n${frame}`).toBeGreaterThan(0);
  expect(lines[tabs + 1], frame).toMatch(/^ {2}NAME +TYPE/);
  const position = lines.findIndex((l) => new RegExp(`^\\d+/${count}$`).test(l));
  expect(position, frame).toBeGreaterThan(tabs + 2);
  // Every line between the column header and the position line is a row: no blank line opened.
  const rows = lines.slice(tabs + 2, position);
  expect(rows.filter((l) => listedNames(l).length === 1).length, `a line in the list is not a row:\n${frame}`).toBe(rows.length);
  return rows.length;
}

const WARNING = 'Velero server is not answering (no answer within 8 s); snapshots and restores will not progress.';

describe('snapshot list at 80x24 when the header gains a line', () => {
  it('every frame from the warning on keeps the tab line and the rows right under the column header', async () => {
    rig = await open(300);
    const before = await waitFor(rig, (f) => / All \(300\) /.test(f) && /1\/300/.test(f), 'the list');
    const shown = expectWhole(before, 300);
    await sleep(100);

    const from = rig.term.frames.length;
    rig.ctx.store.dispatch({ type: 'connection/update', patch: { versionWarning: WARNING } });
    await waitFor(rig, (f) => f.includes('Velero server is not answering'), 'the warning');
    await sleep(200);
    const after = rig.term.frames.slice(from).map(plain);
    expect(after.length).toBeGreaterThan(0);
    // The first frame with the warning is already whole: not fixed up by a later one.
    for (const f of after) expect(expectWhole(f, 300)).toBe(shown - 2); // the warning takes two lines at 80 columns
    // The re-measure after it changes nothing on screen: in a terminal Ink writes no second frame.
    expect(new Set(after).size).toBe(1);

    // And back: the warning goes, the row comes back.
    rig.ctx.store.dispatch({ type: 'connection/update', patch: { versionWarning: undefined } });
    await waitFor(rig, (f) => !f.includes('Velero server is not answering'), 'the warning to go');
    await sleep(200);
    expect(expectWhole(last(rig), 300)).toBe(shown);
  });

  it('the selected row on the last line stays in view', async () => {
    rig = await open(300);
    const before = await waitFor(rig, (f) => /1\/300/.test(f), 'the list');
    const shown = expectWhole(before, 300);
    for (let i = 1; i < shown; i++) {
      rig.keys.write('j');
      await waitFor(rig, (f) => f.includes(`${i + 1}/300`), `row ${i + 1}`);
    }
    const bottom = last(rig);
    const selected = /^› (\S+)/m.exec(bottom)?.[1];
    expect(listedNames(bottom).at(-1)).toBe(selected);

    const from = rig.term.frames.length;
    rig.ctx.store.dispatch({ type: 'connection/update', patch: { versionWarning: WARNING } });
    await waitFor(rig, (f) => f.includes('Velero server is not answering'), 'the warning');
    await sleep(200);
    for (const f of rig.term.frames.slice(from).map(plain)) expect(expectWhole(f, 300)).toBe(shown - 2);
    // Once re-measured, the window scrolled so the selection is still the last row shown.
    const now = last(rig);
    expect(now).toContain(`› ${selected}`);
    expect(listedNames(now).at(-1)).toBe(selected);
  });
});

describe('an idle snapshot list', () => {
  it('re-renders when a drawn age changes, at that moment, and not in between', async () => {
    // The clock runs from 59.5 s past AT: the newest snapshot (5m old at AT) reads "5m ago" for another 0.5 s.
    const t0 = Date.now();
    rig = await open(300, () => new Date(AT.getTime() + 59_500 + (Date.now() - t0)));
    const first = await waitFor(rig, (f) => /1\/300/.test(f), 'the list');
    const newest = listedNames(first)[0]!;
    const age = (f: string) => new RegExp(`${newest} .*?(\\d+m) ago`).exec(f)?.[1];
    expect(age(first)).toBe('5m');
    const turned = await waitFor(rig, (f) => age(f) === '6m', 'the age to turn');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(listedNames(turned)).toEqual(listedNames(first));
    // Nothing else changes for a minute: no render at all (Ink in debug mode writes every render).
    await sleep(300);
    const settled = rig.term.frames.length;
    await sleep(1500);
    expect(rig.term.frames.length).toBe(settled);
  });
});

describe('log viewer at 80x24 when the header gains a line', () => {
  it('the log window is re-measured: its range shrinks with it, the frame fits, the key line stays at the bottom', async () => {
    rig = await open(20);
    await waitFor(rig, (f) => /1\/20/.test(f), 'the list');
    rig.keys.write('l');
    const before = await waitFor(rig, (f) => /esc back/.test(f) && /1–\d+ of \d+/.test(f), 'the log');
    const keyLine = before.split('\n').at(-1)!;
    expect(before.split('\n').length).toBeLessThanOrEqual(24);
    const range = (f: string) => Number(/1–(\d+) of \d+/.exec(f)?.[1]);
    expect(range(before)).toBeGreaterThan(5);

    rig.ctx.store.dispatch({ type: 'connection/update', patch: { versionWarning: WARNING } });
    await waitFor(rig, (f) => f.includes('Velero server is not answering'), 'the warning');
    await sleep(200);
    const after = last(rig).split('\n');
    expect(after.length, after.join('\n')).toBeLessThanOrEqual(24);
    expect(after.at(-1)).toBe(keyLine);
    // The range says fewer lines now: the window was re-measured, not clipped behind the admin's back.
    expect(range(last(rig))).toBeLessThan(range(before));
  });
});
