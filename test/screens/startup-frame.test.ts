// The startup line: cli.js draws "snapshots  starting…" on the alternate
// screen before it loads the terminal UI; Ink's first frame replaces it
// (cleared inside that frame's synchronized update), and a signal while the
// UI still loads gives the terminal back like a signal later does.
import { afterEach, describe, expect, it } from 'vitest';
import { ESC, runCliInPty, type PtyRun } from '../helpers/pty.js';

let run: PtyRun | undefined;
afterEach(() => {
  run?.kill();
  run = undefined;
});

const BSU = '\u001b[?2026h';
const CLEAR = '\u001b[H\u001b[2J';
const count = (s: string, part: string) => s.split(part).length - 1;
const mode = (stty: string, flag: string) => new RegExp(`(^|\\s)${flag}(\\s|$)`).test(stty);

describe('the startup line', () => {
  it('is drawn before Ink loads and cleared by its first frame; the screen is entered and left once', async () => {
    run = await runCliInPty(['--demo']);
    await run.waitFor('Velero v1.18.2');
    const out = run.output();
    const line = out.indexOf('starting…');
    const firstFrame = out.indexOf(BSU);
    expect(line).toBeGreaterThan(out.indexOf(ESC.enterAlt));
    expect(line).toBeLessThan(firstFrame);
    expect(out.slice(firstFrame, firstFrame + BSU.length + CLEAR.length)).toBe(BSU + CLEAR);
    // Cleared once, by the first frame only.
    expect(count(out, CLEAR)).toBe(1);
    expect(count(out, ESC.enterAlt)).toBe(1);
    run.write('q');
    expect(await run.exitCode()).toBe(0);
    const screen = run.output().slice(0, run.output().indexOf('EXIT='));
    expect(count(screen, ESC.leaveAlt)).toBe(1);
    expect(screen.lastIndexOf(ESC.showCursor)).toBeGreaterThan(screen.lastIndexOf(ESC.hideCursor));
  });

  for (const args of [['--help'], ['--version'], ['list', '--help']]) {
    it(`is not drawn for ${args.join(' ')}`, async () => {
      run = await runCliInPty(args);
      expect(await run.exitCode()).toBe(0);
      const screen = run.output().slice(0, run.output().indexOf('EXIT='));
      expect(screen).not.toContain('starting…');
      expect(screen).not.toContain(ESC.enterAlt);
    });
  }

  it('SIGTERM while the UI still loads: terminal restored, exit 143', async () => {
    // The window is the UI module's load (~150 ms of CPU and more); retried if
    // the signal landed after Ink's first frame (then it is the ordinary path).
    let hitStartup = false;
    for (let attempt = 0; attempt < 4 && !hitStartup; attempt++) {
      run?.kill();
      run = await runCliInPty(['--demo']);
      await run.waitFor('starting…', 20_000);
      process.kill(run.pid, 'SIGTERM');
      expect(await run.exitCode()).toBe(143);
      const screen = run.output().slice(0, run.output().indexOf('EXIT='));
      hitStartup = !screen.includes(BSU);
      const left = screen.lastIndexOf(ESC.leaveAlt);
      expect(left).toBeGreaterThan(screen.lastIndexOf(ESC.enterAlt));
      expect(/^(\u001b\[\?(1049l|25h))+\s*$/.test(screen.slice(left))).toBe(true);
      expect(screen.lastIndexOf(ESC.showCursor)).toBeGreaterThan(screen.lastIndexOf(ESC.hideCursor));
      await run.waitFor('END-OF-RUN');
      expect(mode(run.sttyAfter(), 'icanon')).toBe(true);
      expect(mode(run.sttyAfter(), 'echo')).toBe(true);
    }
    expect(hitStartup).toBe(true);
  });
});
