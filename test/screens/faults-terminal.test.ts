// Fault: the TUI is killed or the SSH session drops (SIGTERM, SIGHUP, SIGINT).
// The bundled CLI runs in a real pseudo-terminal; after the signal the
// terminal must be usable again: alternate screen left, cursor shown, raw
// mode off, and the process gone with the signal's exit code.
import { afterEach, describe, expect, it } from 'vitest';
import { alive, ESC, runCliInPty, sttyOf, type PtyRun } from '../helpers/pty.js';

let run: PtyRun | undefined;
afterEach(() => {
  run?.kill();
  run = undefined;
});

const CODES = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

/** Terminal modes as `stty -a` prints them: " icanon" on, " -icanon" off. */
const mode = (stty: string, flag: string) => new RegExp(`(^|\\s)${flag}(\\s|$)`).test(stty);

/** The output ends with leaving the alternate screen, followed at most by cursor-show sequences. */
function endsRestored(screen: string): boolean {
  const at = screen.lastIndexOf(ESC.leaveAlt);
  return at > screen.lastIndexOf(ESC.enterAlt) && /^(\u001b\[\?(1049l|25h))+\s*$/.test(screen.slice(at));
}

describe('the TUI killed while it runs', () => {
  for (const signal of Object.keys(CODES) as (keyof typeof CODES)[]) {
    it(`${signal}: leaves the alternate screen, shows the cursor, turns raw mode off, and exits ${CODES[signal]}`, async () => {
      run = await runCliInPty(['--demo']);
      await run.waitFor('DEMO — simulated cluster');
      await run.waitFor('Velero v1.18.2');
      // While it runs: alternate screen, cursor hidden, the terminal in raw mode.
      expect(run.output()).toContain(ESC.enterAlt);
      expect(run.output()).toContain(ESC.hideCursor);
      const during = sttyOf(run.tty);
      expect(mode(during, '-icanon')).toBe(true);
      expect(mode(during, '-echo')).toBe(true);

      process.kill(run.pid, signal);
      expect(await run.exitCode()).toBe(CODES[signal]);
      const out = run.output();
      const screen = out.slice(0, out.indexOf('EXIT='));
      // Nothing but restoring sequences after leaving the alternate screen (nothing
      // drawn over the admin's shell), and the cursor shown after it was last hidden.
      expect(endsRestored(screen)).toBe(true);
      expect(screen.lastIndexOf(ESC.showCursor)).toBeGreaterThan(screen.lastIndexOf(ESC.hideCursor));
      expect(screen.lastIndexOf(ESC.leaveAlt)).toBeGreaterThan(screen.lastIndexOf(ESC.enterAlt));
      // Cooked mode again: line editing and echo back on.
      await run.waitFor('END-OF-RUN');
      const after = run.sttyAfter();
      expect(mode(after, 'icanon')).toBe(true);
      expect(mode(after, 'echo')).toBe(true);
      expect(alive(run.pid)).toBe(false);
    });
  }

  it('q quits the same clean way (exit 0)', async () => {
    run = await runCliInPty(['--demo']);
    await run.waitFor('Velero v1.18.2');
    run.write('q');
    expect(await run.exitCode()).toBe(0);
    const screen = run.output().slice(0, run.output().indexOf('EXIT='));
    expect(endsRestored(screen)).toBe(true);
    expect(screen.lastIndexOf(ESC.showCursor)).toBeGreaterThan(screen.lastIndexOf(ESC.hideCursor));
    await run.waitFor('END-OF-RUN');
    expect(mode(run.sttyAfter(), 'icanon')).toBe(true);
  });

  it('SIGHUP while this program prepares a restore: the terminal is restored at once, the preparation finishes, then it exits', { timeout: 60_000 }, async () => {
    // Slow simulation: removing the namespaces takes a few seconds.
    run = await runCliInPty(['--demo'], { rows: 40, cols: 120, env: { SNAPSHOTS_DEMO_TICK: '400' } });
    await startInPlaceRestore(run);

    process.kill(run.pid, 'SIGHUP');
    await run.waitFor(/SIGHUP: finishing Restore instance-6pz4k-\d{14} from instance-6pz4k before exiting, so nothing is left half-done; send SIGHUP again to stop now/);
    // The terminal is already given back while the work goes on.
    const raw = run.output();
    expect(endsRestored(raw.slice(0, raw.indexOf('snapshots: SIGHUP')))).toBe(true);
    expect(alive(run.pid)).toBe(true);
    expect(await run.exitCode(30_000)).toBe(129);
    await run.waitFor('END-OF-RUN');
    expect(mode(run.sttyAfter(), 'icanon')).toBe(true);
  });

  it('q (confirmed) while this program prepares a restore: finishes the preparation first, then exits 0', { timeout: 60_000 }, async () => {
    run = await runCliInPty(['--demo'], { rows: 40, cols: 120, env: { SNAPSHOTS_DEMO_TICK: '400' } });
    await startInPlaceRestore(run);
    run.write('q');
    await run.waitFor('Quit while work is running?');
    expect(run.text().replace(/[\s│]+/g, ' ')).toMatch(/is run by this program: it finishes first, then the program ?exits/);
    run.write('y');
    await run.waitFor(/finishing Restore instance-6pz4k-\d{14} from instance-6pz4k before exiting, so nothing is left half-done; ctrl-c to stop now/);
    const raw = run.output();
    expect(endsRestored(raw.slice(0, raw.indexOf('snapshots: finishing')))).toBe(true);
    expect(alive(run.pid)).toBe(true);
    expect(await run.exitCode(30_000)).toBe(0);
  });
});

/** Restore screen → newest full snapshot → in place → confirm → typed name: the program starts removing namespaces. */
async function startInPlaceRestore(r: PtyRun): Promise<void> {
  await r.waitFor('Velero v1.18.2');
  r.write('4');
  await r.waitFor('Restore from a snapshot');
  r.write('\r');
  await r.waitFor('How to restore');
  r.write('\u001b[B');
  await r.waitFor(/> Full restore — in place/);
  r.write('\r');
  await r.waitFor('⏎ confirm…');
  r.write('\r');
  await r.waitFor(/Type .*instance-6pz4k/);
  for (const ch of 'instance-6pz4k') r.write(ch);
  await r.waitFor(/to confirm: instance-6pz4k/);
  r.write('\r');
  await r.waitFor('Preparing:');
}
