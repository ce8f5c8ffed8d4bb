// Text that comes from the cluster or the bucket is rendered safely on every
// screen: the hostile backend puts escape sequences (clear screen, cursor
// moves, window title, OSC 8 links, C1 CSI, bidi override, backspaces,
// carriage return, OSC 52, BEL) after a visible tag in every free-text field.
// Each test proves the field was shown (its tag is on screen) and that no
// frame ever held a raw control character.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { createDemoBackend, SEEDED_BACKUPS as B, SEEDED_RESTORES as R, type DemoBackend } from '../../src/services/demo/index.js';
import { composeBackupSpec, snapshotAnnotations } from '../../src/services/profile.js';
import { hostileBackend, mark, PAYLOAD, unsafeIn, type HostileOptions } from './hostile-backend.js';
import { selectRow } from './restore-helpers.js';
import { selectSnapshot, stepUntil } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

/** The payload as safeLine shows it: the tag stays readable, the rest is inert. */
const SHOWN = 'link�evil����X�';

async function hostileApp(opts: HostileOptions = {}, prepare?: (base: DemoBackend) => Promise<void>): Promise<AppHarness> {
  const base = createDemoBackend({ tick: 20 });
  await prepare?.(base);
  return renderApp({ backend: hostileBackend(base, opts) });
}

/** Waits until `tag` is on screen (the hostile field was rendered), neutralised. */
async function seen(app: AppHarness, tag: string): Promise<string> {
  return app.waitFor((f) => f.includes(`${tag}${SHOWN}`) || f.includes(`${tag}link`));
}

function expectNoControlInAnyFrame(app: AppHarness): void {
  const frames = app.frames();
  expect(frames.length).toBeGreaterThan(3);
  const bad = frames.flatMap(unsafeIn);
  expect(bad).toEqual([]);
}

/** Searches a log viewer for `tag`, checks it is shown neutralised, and clears the search. */
async function search(app: AppHarness, tag: string): Promise<void> {
  await app.press('/');
  await app.waitFor('esc cancel');
  await app.type(tag);
  await app.press('enter');
  await app.waitFor((f) => f.includes(`"${tag}": `) || /Match \d+ of \d+/.test(f));
  await seen(app, tag);
  await app.press('esc');
  await app.waitFor('/ search · e next error');
}

/** Moves the snapshot list cursor to the top, then down onto `name`. */
async function selectFromTop(app: AppHarness, name: string): Promise<void> {
  await app.press('g');
  await selectSnapshot(app, name);
}

describe('hostile text from the cluster and the bucket', () => {
  it('the payload really holds what a terminal acts on (the test would see a leak)', () => {
    expect(unsafeIn(mark('X')).length).toBeGreaterThan(10);
    expect(PAYLOAD).toContain('\u001b]0;pwned\u0007');
    expect(PAYLOAD).toContain('\u009b');
    expect(PAYLOAD).toContain('\u202e');
  });

  it('header, snapshot list, details and log', async () => {
    h = await hostileApp();
    await h.goto('snapshots');
    let f = await seen(h, 'CTX');
    f = await seen(h, 'VERSION');
    expect(f).toContain('instance-6pz4k');

    // Details of an incomplete snapshot: results from the bucket, volume messages, resource list.
    await selectFromTop(h, B.partiallyFailedPartial);
    await h.press('d');
    await h.waitFor(`Details of ${B.partiallyFailedPartial}`);
    await seen(h, 'BERRVELERO');
    for (const tag of ['BERRCLUSTER', 'BNSKEY', 'BERRNS', 'BERRHARNESS', 'BWARNVELERO', 'BWARNHARNESS', 'VOLMSG', 'RESKIND', 'RESITEM']) await search(h, tag);
    // The log: Velero's fields, a raw line, both neutralised, compact and raw.
    await h.press('l');
    await h.waitFor(`Log of ${B.partiallyFailedPartial}`);
    await h.waitFor(' INFO ');
    await h.press('G');
    for (const tag of ['BLOGMSG', 'BLOGFIELD', 'BLOGERR', 'BLOGRAW']) await seen(h, tag);
    await h.press('r');
    await h.waitFor('time="');
    await h.press('G');
    await seen(h, 'BLOGRAW');
    await seen(h, 'BLOGERR');
    await h.press('esc');
    await h.waitFor(`Details of ${B.partiallyFailedPartial}`);
    await h.press('esc');

    // A failed snapshot's failure reason.
    await h.waitFor(/› /);
    await selectFromTop(h, B.failedFull);
    await h.press('d');
    await h.waitFor(`Details of ${B.failedFull}`);
    await seen(h, 'FAILREASON');
    await h.press('esc');
    await h.press('?');
    await h.waitFor('(esc or ? closes)');
    await h.press('esc');
    expectNoControlInAnyFrame(h);
  });

  it('restore history, a result from the bucket and its log', async () => {
    h = await hostileApp();
    await h.goto('restore');
    await h.waitFor('Restore from a snapshot');
    await seen(h, 'CTX');
    await h.press('tab');
    await h.waitFor('Restore history (newest first)');
    await selectRow(h, R.partiallyFailed);
    await h.press('enter');
    await seen(h, 'RERRCLUSTER');
    for (const tag of ['RERRVELERO', 'RNSKEY', 'RERRNS', 'RWARNHARNESS']) await search(h, tag);
    await h.press('l');
    await h.waitFor(/Log of restore/);
    await h.waitFor('time="');
    await h.press('G');
    await seen(h, 'RLOGRAW');
    await seen(h, 'RLOGMSG');
    await h.press('esc');
    expectNoControlInAnyFrame(h);
  });

  it('a partial restore’s confirmation with a hostile resource in the app; a wrong slug changes nothing', async () => {
    h = await hostileApp({ hostileResources: true });
    await h.goto('restore');
    await selectRow(h, B.partial);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor(/Remove the app's current resources \(\d+ now/);
    await h.press('enter');
    await h.waitFor('Type the app slug (harness) to confirm');
    await h.type('harness-other');
    await h.press('enter');
    await h.waitFor('"harness-other" is not the app slug. Type harness exactly');
    expect(h.backend.demo.calls).toEqual([]);
    expectNoControlInAnyFrame(h);
  });

  it('an unhealthy location, a failing storage check and a schedule Velero refused', async () => {
    h = await hostileApp({ bslUnavailable: true, scheduleInvalid: true, validateFails: true });
    await h.goto('storage');
    await seen(h, 'BSLMSG');
    await h.press('v');
    await seen(h, 'VALMSG');
    await seen(h, 'VALHINT');
    await h.press('enter');
    await h.goto('schedule');
    await seen(h, 'SCHEDERR');
    await h.goto('snapshots');
    await h.waitFor('instance-6pz4k');
    await h.press('n'); // refused: the location is unavailable, and the reason says why
    await h.waitFor(/new snapshot: storage location "default" is Unavailable: BSLMSG/);
    await h.press('?');
    await h.waitFor('(esc or ? closes)');
    await h.press('esc');
    expectNoControlInAnyFrame(h);
  });

  it('a snapshot with a hostile name: list, header while it runs, progress, details, delete confirmation', async () => {
    const name = mark('BKNAME');
    h = await hostileApp({}, async (base) => {
      base.demo.pause();
      await base.velero('velero').create('Backup', {
        metadata: { name, annotations: snapshotAnnotations('full', 'manual', new Date()) },
        spec: composeBackupSpec(base.demo.profile, 'full', '720h0m0s'),
      });
    });
    await h.goto('snapshots');
    await h.waitFor(/› BKNAME/);
    await stepUntil(h, () => h!.ctx.store.getState().objects.Backup[name]?.status?.phase === 'InProgress');
    await h.waitFor(/● snapshot BKNAME.*In progress/);
    await h.press('enter'); // a running snapshot opens its progress
    await h.waitFor(/BKNAME/);
    await stepUntil(h, () => /VOLMSG/.test(h!.frame()) || h!.ctx.store.getState().objects.Backup[name]?.status?.phase === 'Completed');
    await stepUntil(h, () => h!.ctx.store.getState().objects.Backup[name]?.status?.phase === 'Completed');
    await h.press('esc');
    await h.waitFor(/› BKNAME/);
    await h.press('d');
    await h.waitFor(/Details of BKNAME/);
    await h.press('esc');
    await h.waitFor(/› BKNAME/);
    await h.press('ctrl-d');
    await h.waitFor(/Type the snapshot name/i);
    await h.type('not-it');
    await h.press('enter');
    await h.waitFor(/"not-it" is not the snapshot name/);
    await h.press('esc');
    await h.waitFor(/› BKNAME/);
    expect(h.backend.demo.calls.filter((c) => c.method !== 'create')).toEqual([]);
    expectNoControlInAnyFrame(h);
  });

  it('a snapshot that fails and a restore that fails, with hostile reasons, while watched', async () => {
    h = await hostileApp();
    h.backend.demo.pause();
    // The hostile backend reports every failed snapshot's reason as FAILREASON….
    h.backend.demo.failNext('backup', 'fails part-way');
    await h.goto('snapshots');
    await h.waitFor('instance-6pz4k');
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('enter');
    await h.waitFor('Waiting for Velero to pick it up');
    await stepUntil(h, () => /Reason: FAILREASON/.test(h!.frame()));
    await seen(h, 'VOLMSG');
    await h.press('esc');

    h.backend.demo.failNext('restore', 'fails part-way');
    await h.goto('restore');
    await selectRow(h, B.latestFull);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('down', 'enter');
    await h.waitFor('$ kubectl delete namespace');
    await h.press('enter');
    await h.type(B.latestFull);
    await h.press('enter');
    await stepUntil(h, () => /RFAILREASON/.test(h!.frame()), 800);
    await seen(h, 'RFAILREASON');
    expectNoControlInAnyFrame(h);
  });

  it('the connection screen: the apiserver’s error, hint and context names', async () => {
    h = await hostileApp({ pingFails: true });
    await seen(h, 'PINGERR');
    await seen(h, 'PINGHINT');
    await seen(h, 'CTX');
    await h.press('c');
    await h.waitFor('Pick a context:');
    await seen(h, 'CTX');
    await h.press('esc');
    expectNoControlInAnyFrame(h);
  });
});
