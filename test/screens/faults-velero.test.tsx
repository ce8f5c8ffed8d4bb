// Fault: the Velero server stops while a snapshot or a restore runs. The TUI
// must say that Velero is not processing (no progress for N seconds, the
// server does not answer) instead of showing a frozen bar, and recover when
// Velero runs again. Demo backend with a clock the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { AT, stepUntil } from './snapshots-helpers.js';
import { STALL_AFTER_MS } from '../../src/state/stall.js';

let h: AppHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

function steppingClock() {
  let t = AT.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const STALLED = /Velero is not processing/;

describe('Velero server stopped mid-snapshot', () => {
  it('says Velero is not processing after 30 s without progress, in the header and the progress view, and clears when it runs again', async () => {
    const clock = steppingClock();
    h = await renderApp({ now: clock.now, demo: { now: clock.now } });
    h.backend.demo.pause();
    await h.waitFor('harness-c5j2v');
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('p', 'enter');
    await h.waitFor('Waiting for Velero to pick it up');
    const name = /Snapshot (harness-\w+) · partial/.exec(h.frame())![1]!;
    await stepUntil(h, () => /\d+ of \d+ items/.test(h!.frame()) && h!.frame().includes('In progress'));
    const frozen = /(\d+) of (\d+) items/.exec(h.frame())![0];

    h.backend.demo.setVeleroStopped(true);
    h.backend.demo.step(5); // Velero's controllers do not run: nothing changes
    expect(h.frame()).toContain(frozen);
    // Just under the limit: nothing is said yet.
    clock.advance(STALL_AFTER_MS - 2000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.frame()).not.toMatch(/no progress for/);

    clock.advance(3000);
    const f = await h.waitFor(STALLED);
    const flat = f.replace(/\s+/g, ' ');
    // Header (short) and progress view (full explanation), with the counter and the server's silence.
    expect(f).toContain(`⚠ Velero is not processing: snapshot ${name}, no progress for 31s, the server does not answer`);
    expect(flat).toContain(`⚠ Velero is not processing: snapshot ${name} has had no progress for 31s and the Velero server does not answer (No Velero server answered`);
    expect(flat).toContain('Nothing is lost; it resumes when Velero runs again.');
    expect(f).toContain(frozen);
    // The counter keeps counting while it stays stalled.
    clock.advance(10_000);
    await h.waitFor(`snapshot ${name}, no progress for 41s`);

    // Velero runs again: progress resumes, the warning goes, the snapshot completes.
    h.backend.demo.setVeleroStopped(false);
    await stepUntil(h, () => !STALLED.test(h!.frame()) && !/no progress for/.test(h!.frame()));
    await stepUntil(h, () => h!.frame().includes('✔ Completed'));
    expect(h.frame()).not.toMatch(/no progress for/);
    expect(h.ctx.store.getState().stalls).toEqual({});
  });

  it('flags a snapshot Velero never picked up (created while Velero was stopped)', async () => {
    const clock = steppingClock();
    h = await renderApp({ now: clock.now, demo: { now: clock.now } });
    h.backend.demo.pause();
    h.backend.demo.setVeleroStopped(true);
    await h.waitFor('harness-c5j2v');
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('p', 'enter');
    await h.waitFor('Waiting for Velero to pick it up');
    expect(h.frame()).not.toMatch(/no progress for/);
    clock.advance(STALL_AFTER_MS + 5000);
    const f = await h.waitFor(STALLED);
    expect(f).toMatch(/Velero is not processing: snapshot harness-\w+, no progress for 35s, the server does not answer/);
    h.backend.demo.setVeleroStopped(false);
    await stepUntil(h, () => h!.frame().includes('✔ Completed'));
    expect(h.frame()).not.toMatch(/no progress for/);
  });

  it('says so for a restore too, on the Restore screen', async () => {
    const clock = steppingClock();
    h = await renderApp({ now: clock.now, demo: { now: clock.now } });
    h.backend.demo.pause();
    await h.waitFor('app harness');
    // A restore from a completed full snapshot, started outside this screen (as after reopening).
    const backup = Object.values(h.ctx.store.getState().objects.Backup).find((b) => b.status?.phase === 'Completed' && b.metadata.name?.startsWith('instance-'))!;
    await h.ctx.session!.velero.create('Restore', { metadata: { name: 'r-stall' }, spec: { backupName: backup.metadata.name! } });
    await h.goto('restore');
    await h.waitFor('r-stall');
    await stepUntil(h, () => h!.ctx.store.getState().objects.Restore['r-stall']?.status?.phase === 'InProgress');
    h.backend.demo.setVeleroStopped(true);
    await h.press('enter'); // watch the running restore
    await h.waitFor(/Restore r-stall from/);
    clock.advance(STALL_AFTER_MS + 1000);
    const f = await h.waitFor((fr) => /Velero is not processing: restore r-stall has had no progress for 31s/.test(fr.replace(/\s+/g, ' ')));
    expect(f).toContain('⚠ Velero is not processing: restore r-stall, no progress for 31s');
    h.backend.demo.setVeleroStopped(false);
    await stepUntil(h, () => h!.ctx.store.getState().objects.Restore['r-stall']?.status?.phase === 'Completed' || h!.ctx.store.getState().objects.Restore['r-stall']?.status?.phase === 'PartiallyFailed');
    await h.waitFor((fr) => !/no progress for/.test(fr));
  });

  it('does not call a slow but answering Velero stopped', async () => {
    const clock = steppingClock();
    h = await renderApp({ now: clock.now, demo: { now: clock.now } });
    h.backend.demo.pause();
    await h.waitFor('harness-c5j2v');
    await h.press('n');
    await h.waitFor('New snapshot');
    await h.press('p', 'enter');
    await stepUntil(h, () => h!.frame().includes('In progress'));
    // Paused simulation with Velero running: nothing changes, but the server answers.
    clock.advance(STALL_AFTER_MS + 1000);
    const f = await h.waitFor('(Velero answers; busy?)');
    expect(f.replace(/\s+/g, ' ')).toContain('no progress for 31s. The Velero server answers, so it may be busy');
    expect(f).not.toMatch(STALLED);
  });
});
