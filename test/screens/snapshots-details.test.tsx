import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS as B } from '../../src/services/demo/index.js';
import { fixedClock, selectSnapshot } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

describe('snapshot details', () => {
  it('shows an incomplete snapshot’s first error, then every error and warning grouped by where it happened', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, B.partiallyFailedPartial);
    await h.press('d');
    let f = await h.waitFor(`Details of ${B.partiallyFailedPartial}`);
    f = await h.waitFor('First error — namespace harness: pod volume backup failed');
    expect(f).toContain(`Snapshot ${B.partiallyFailedPartial}  Incomplete (partially failed)`);
    expect(f).toMatch(/Type +partial \(application\), manual/);
    expect(f).toMatch(/Size +\d+ KiB/);
    // Search for the grouped errors section and land on it.
    await h.press('/');
    await h.type('Errors (');
    await h.press('enter');
    f = await h.waitFor('Match 1 of 1');
    expect(f).toMatch(/Errors \(1\)\n +Namespace harness:\n +pod volume backup failed/);
    expect(f).toMatch(/Warnings \(2\)/);
    await h.press('esc'); // clears the search
    await h.waitFor('esc back');
    await h.press('esc');
    await h.waitFor(`› ${B.partiallyFailedPartial}`);
  });

  it('lists the volumes and resources of a completed snapshot, scrolling to the end', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, B.partial);
    await h.press('enter');
    await h.waitFor(`Details of ${B.partial}`);
    await h.waitFor(/Size +\d+/);
    await h.press('G');
    const f = await h.waitFor((fr) => /(\d+)–(\d+) of \2/.test(fr));
    expect(f).toMatch(/ {4}harness\/\S+/);
    await h.press('g');
    await h.waitFor(/Details of .* 1–\d+ of \d+/);
    // Four downs in one read (tmux send-keys, key repeat) scroll four lines, not one.
    await h.press('\u001b[B\u001b[B\u001b[B\u001b[B');
    await h.waitFor(/Details of .* 5–\d+ of \d+/);
  });
});

describe('snapshot log', () => {
  it('opens a partially failed snapshot’s log at its error, searches with / and n, and jumps to errors with e', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, B.partiallyFailedPartial);
    await h.press('l');
    let f = await h.waitFor(`Log of ${B.partiallyFailedPartial}`);
    f = await h.waitFor(/ERROR pod volume backup failed/);
    expect(f).not.toContain('logSource=');
    await h.press('/');
    await h.waitFor('esc cancel');
    await h.type('backing up item');
    await h.press('enter');
    // The search runs forward from the part of the log on screen (here: near the end), wrapping around.
    f = await h.waitFor(/Match (\d+) of (\d+)/);
    const [, at, of] = /Match (\d+) of (\d+)/.exec(f)!.map(Number) as [number, number, number];
    expect(of).toBeGreaterThan(2);
    await h.press('n');
    await h.waitFor(`Match ${(at % of) + 1} of ${of}`);
    await h.press('N', 'N');
    await h.waitFor(`Match ${at === 1 ? of : at - 1} of ${of}`);
    await h.press('e');
    f = await h.waitFor('Error line 1 of 1');
    expect(f).toMatch(/ERROR pod volume backup failed/);
    // Raw lines on r: the logrus fields come back.
    await h.press('r');
    await h.waitFor('level=error');
  });

  /** The partially failed snapshot's log, opened at its error line. */
  async function openFailedLog(): Promise<AppHarness> {
    const app = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(app, B.partiallyFailedPartial);
    await app.press('l');
    await app.waitFor(/ERROR pod volume backup failed/);
    return app;
  }

  it('a search typed in one read with / (a paste) goes to the search field, not to n, e or w', async () => {
    h = await openFailedLog();
    await h.press('/new');
    await h.waitFor('esc cancel');
    await h.waitFor(/new\s*$/m);
    expect(h.frame()).not.toMatch(/Match \d+ of|Error line/);
  });

  it('a pasted search ending in a newline runs the search', async () => {
    h = await openFailedLog();
    await h.press('/volume\r');
    await h.waitFor(/Match \d+ of \d+/);
    expect(h.frame()).not.toContain('esc cancel');
  });

  it('says why there is no log for a running snapshot', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await h.waitFor(B.expiringPartial);
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    await h.press('l');
    await h.waitFor('logs: Velero uploads the log when the snapshot finishes');
  });

  it('says when the bucket cannot be read', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, B.partial);
    h.backend.demo.setStorageDown(true);
    await h.press('l');
    await h.waitFor(/Could not read the log: .+/);
  });
});

describe('progress view of a finished snapshot', () => {
  it('reads as finished: no "counting items", no "so far"', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await selectSnapshot(h, B.failedFull);
    await h.press('enter');
    await h.waitFor(`Details of ${B.failedFull}`);
    await h.press('p');
    const f = await h.waitFor('✖ Failed');
    expect(f).toMatch(/Items .*(none backed up|\d+ of \d+ items)/);
    expect(f).toMatch(/Volumes +(none \(only volumes pods opt in are copied\)|\d+ of \d+ done)/);
    expect(f).not.toMatch(/so far|counting items/);
  });
});
