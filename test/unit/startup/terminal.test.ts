import { afterEach, describe, expect, it } from 'vitest';
import {
  BSU,
  CLEAR,
  ENTER_ALT,
  HIDE_CURSOR,
  LEAVE_ALT,
  SHOW_CURSOR,
  clearOnFirstFrame,
  drawStartupFrame,
  enterAltScreen,
  interactiveTerminal,
  leaveAltScreen,
  releaseStartupSignals,
  resetTerminalStateForTests,
} from '../../../src/startup/terminal.js';

/** A stand-in for process.stdout that records what is written. */
function fakeTty(isTTY = true) {
  const written: string[] = [];
  const out = {
    isTTY,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  };
  return { out: out as unknown as NodeJS.WriteStream & { isTTY: boolean }, written };
}

const NO_CI = { TERM: 'xterm-256color' };
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

afterEach(() => resetTerminalStateForTests());

describe('startup frame', () => {
  it('enters the alternate screen, hides the cursor and draws one line', () => {
    const { out, written } = fakeTty();
    expect(drawStartupFrame(out, NO_CI)).toBe(true);
    expect(written.join('')).toMatch(new RegExp(`^${escape(ENTER_ALT + HIDE_CURSOR)}.*snapshots.*starting…`));
    expect(written.join('')).not.toContain('\n');
  });

  it('draws nothing off a terminal, or where Ink draws only the last frame (CI)', () => {
    const pipe = fakeTty(false);
    expect(drawStartupFrame(pipe.out, NO_CI)).toBe(false);
    expect(pipe.written).toEqual([]);
    const ci = fakeTty();
    expect(drawStartupFrame(ci.out, { CI: 'true' })).toBe(false);
    expect(ci.written).toEqual([]);
    expect(interactiveTerminal(ci.out, { CI: 'false' })).toBe(true);
    expect(interactiveTerminal(ci.out, { CI_JOB_ID: '1' })).toBe(false);
  });

  it('Ink\'s first frame clears it inside the frame\'s synchronized update; later writes pass unchanged', () => {
    const { out, written } = fakeTty();
    const ownBefore = Object.prototype.hasOwnProperty.call(out, 'write');
    drawStartupFrame(out, NO_CI);
    enterAltScreen(out); // already entered: nothing written
    const before = written.length;
    clearOnFirstFrame(out);
    out.write('\u001b[?u'); // a query before the frame: unchanged, no clear yet
    out.write(BSU);
    out.write('frame 1');
    out.write(BSU);
    expect(written.slice(before)).toEqual(['\u001b[?u', BSU + CLEAR, 'frame 1', BSU]);
    expect(Object.prototype.hasOwnProperty.call(out, 'write')).toBe(ownBefore);
  });

  it('without a startup line nothing is cleared', () => {
    const { out, written } = fakeTty();
    enterAltScreen(out);
    clearOnFirstFrame(out);
    out.write(BSU);
    expect(written).toEqual([ENTER_ALT, BSU]);
  });

  it('the screen is left once, cursor shown, whoever asks', () => {
    const { out, written } = fakeTty();
    drawStartupFrame(out, NO_CI);
    clearOnFirstFrame(out);
    leaveAltScreen();
    leaveAltScreen();
    expect(written.slice(1)).toEqual([SHOW_CURSOR + LEAVE_ALT]);
    // The write hook is gone with it.
    out.write(BSU);
    expect(written.at(-1)).toBe(BSU);
  });

  it('handles the signals until the UI takes them over', () => {
    const { out } = fakeTty();
    const counts = () => SIGNALS.map((s) => process.listenerCount(s));
    const base = counts();
    drawStartupFrame(out, NO_CI);
    expect(counts()).toEqual(base.map((n) => n + 1));
    releaseStartupSignals();
    expect(counts()).toEqual(base);
  });

  it('a terminal that is gone does not throw', () => {
    const out = {
      isTTY: true,
      write() {
        throw new Error('EIO');
      },
    } as unknown as NodeJS.WriteStream;
    expect(drawStartupFrame(out, NO_CI)).toBe(true);
    expect(() => leaveAltScreen()).not.toThrow();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
