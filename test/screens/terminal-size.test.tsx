// The terminal is resized while a screen is open (a window dragged, a tmux
// pane split): the shell follows at once. And a review longer than 80x24
// keeps its commands behind a key instead of running off the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { lastFrame, openRig, sleep, waitForFrame, type Rig } from './tty-rig.js';

let rig: Rig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const lines = (f: string) => f.split('\n');

async function press(r: Rig, key: string, next: (f: string) => boolean, what: string): Promise<string> {
  r.keys.write(key);
  return waitForFrame(r, next, what);
}

describe('a resized terminal', () => {
  it('the list fills the new size at once: more columns, the key bar on the new last line', async () => {
    rig = await openRig();
    const small = await waitForFrame(rig, (f) => /1\/8/.test(f), 'the list');
    expect(lines(small)).toHaveLength(23); // one row short of the terminal (see app.tsx)
    expect(small).not.toContain('DURATION');

    rig.term.resize(110, 40);
    const big = await waitForFrame(rig, (f) => lines(f).length === 39, 'the frame to grow');
    expect(big).toContain('DURATION');
    expect(lines(big).at(-1)).toMatch(/\? help +q quit$/);

    rig.term.resize(80, 24);
    const back = await waitForFrame(rig, (f) => lines(f).length === 23, 'the frame to shrink');
    expect(back).not.toContain('DURATION');
    expect(lines(back).every((l) => l.length <= 80)).toBe(true);
  });
});

describe('restore review on a short terminal (80x20)', () => {
  async function openPartialReview(r: Rig): Promise<string> {
    await waitForFrame(r, (f) => /1\/8/.test(f), 'the list');
    await press(r, '4', (f) => f.includes('Restore from a snapshot') && f.includes('> instance-6pz4k'), 'the restore list');
    await press(r, '\r', (f) => f.includes('How to restore'), 'the modes');
    await press(r, '\u001b[B', (f) => f.includes('> Full restore — in place'), 'in place');
    await press(r, '\u001b[B', (f) => f.includes('> Partial restore'), 'partial');
    return press(r, '\r', (f) => f.includes('Remove the app') && /\(\d+ now:/.test(f), 'the review with what the cluster holds');
  }

  it('commands that do not fit wait behind c (never cut off); c shows them whole, c again the steps', async () => {
    rig = await openRig({ rows: 20 });
    await openPartialReview(rig);
    const review = await waitForFrame(rig, (f) => /c: the same thing as commands, for the record \(\d+ lines\)/.test(f), 'the commands key');
    expect(review).not.toContain('$ kubectl');
    expect(lines(review)).toHaveLength(19);
    expect(lines(review).at(-1)).toMatch(/c commands/);

    const commands = await press(rig, 'c', (f) => f.includes('Same thing by hand'), 'the commands');
    const shown = Number(/\((\d+) lines\)/.exec(review)![1]);
    const cmdLines = lines(commands).filter((l) => /^ {2}(\$| {4})/.test(l));
    expect(cmdLines).toHaveLength(shown);
    expect(commands).toContain('$ velero restore create');
    expect(commands).toMatch(/--namespace velero --wait$/m);
    expect(commands).not.toContain('Remove the app');
    // Folded at word boundaries: every continued line ends in " \" and nothing is wider than the terminal.
    for (const l of lines(commands)) expect(l.length).toBeLessThanOrEqual(80);
    expect(cmdLines.filter((l) => l.endsWith(' \\')).length).toBe(shown - cmdLines.filter((l) => l.startsWith('  $')).length);

    const steps = await press(rig, 'c', (f) => f.includes('Remove the app'), 'the steps again');
    expect(steps).toContain('c: the same thing as commands');
  });

  it('at 80x24 the demo app\'s commands fit under the steps, no line wider than the terminal', async () => {
    rig = await openRig();
    await openPartialReview(rig);
    const f = await waitForFrame(rig, (fr) => fr.includes('Same thing by hand') && fr.includes('$ velero restore create'), 'the commands');
    expect(f).toContain('Remove the app');
    expect(lines(f)).toHaveLength(23);
    for (const l of lines(f)) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('grown to 120x40 while open, the commands show under the steps and c goes away', async () => {
    rig = await openRig({ rows: 20 });
    await openPartialReview(rig);
    await waitForFrame(rig, (f) => f.includes('c: the same thing as commands'), 'the commands key');
    rig.term.resize(120, 40);
    const wide = await waitForFrame(rig, (f) => f.includes('Same thing by hand'), 'the commands');
    expect(wide).toContain('Remove the app');
    expect(wide).toContain('$ velero restore create');
    await sleep(100);
    expect(lines(lastFrame(rig)).at(-1)).not.toMatch(/c commands/);
  });
});
