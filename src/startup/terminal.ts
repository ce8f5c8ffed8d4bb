// The terminal UI's screen, from the first byte to the last: the alternate
// screen is entered once and left once, whatever path the program takes
// (a quit, a signal, a failure while the UI loads).
//
// The startup frame: loading the UI (Ink, React, yoga's WebAssembly, the
// screens) and its first render take ~250 ms of CPU after Node's own start,
// so cli.ts draws one line at once, before importing it: the alternate
// screen, the product name and "starting…". Ink's first frame replaces it:
// the screen is cleared inside that frame's synchronized-output marks, so
// the line and the shell are never both visible, and nothing is blank
// in between. Until the UI takes over the signals, a signal (ctrl-c, a
// dropped session) gives the terminal back here.

export const ENTER_ALT = '\u001b[?1049h\u001b[H';
export const LEAVE_ALT = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
export const HIDE_CURSOR = '\u001b[?25l';
/** Cursor home, then erase the whole screen. */
export const CLEAR = '\u001b[H\u001b[2J';
/** Begin synchronized update: Ink starts every frame with it, as a write of its own. */
export const BSU = '\u001b[?2026h';
/** The startup line's text (without escapes), for tests and the bench. */
export const STARTING_TEXT = 'starting…';

const EXIT_CODES = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;
type Signal = keyof typeof EXIT_CODES;

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

interface ScreenState {
  out: Out | undefined;
  /** The alternate screen is shown (entered and not yet left). */
  alt: boolean;
  /** The startup line is on screen and the next frame must clear it. */
  startupShown: boolean;
  /** Signal handlers of the startup phase (removed when the UI installs its own). */
  handlers: Map<Signal, () => void>;
  /** Undoes the one-shot write hook of clearOnFirstFrame. */
  unhook?: () => void;
}

const state: ScreenState = { out: undefined, alt: false, startupShown: false, handlers: new Map() };

function safeWrite(out: Out | undefined, text: string): void {
  try {
    out?.write(text);
  } catch {
    // The terminal is gone (a dropped session): nothing to draw or restore on it.
  }
}

/**
 * Whether Ink would draw frames on this terminal. Ink draws only the last
 * frame when it believes it runs in CI (the same test as its `is-in-ci`):
 * a startup line would then stay up for the whole run.
 */
export function interactiveTerminal(out: Out, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!out.isTTY) return false;
  const ci = env.CI !== '0' && env.CI !== 'false' && ('CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((k) => k.startsWith('CI_')));
  return !ci;
}

/**
 * The startup frame: alternate screen, cursor hidden, "snapshots  starting…"
 * on the first line (where the shell's header starts with the same name).
 * Returns false (and draws nothing) when the terminal UI will not draw frames.
 */
export function drawStartupFrame(out: Out = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (state.alt || !interactiveTerminal(out, env)) return false;
  state.out = out;
  state.alt = true;
  state.startupShown = true;
  safeWrite(out, `${ENTER_ALT}${HIDE_CURSOR}\u001b[1msnapshots\u001b[22m  \u001b[2m${STARTING_TEXT}\u001b[22m`);
  for (const signal of Object.keys(EXIT_CODES) as Signal[]) {
    const handler = () => {
      leaveAltScreen();
      process.exit(EXIT_CODES[signal]);
    };
    state.handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return true;
}

/** The terminal UI handles signals from here on: the startup phase's handlers go. */
export function releaseStartupSignals(): void {
  for (const [signal, handler] of state.handlers) process.off(signal, handler);
  state.handlers.clear();
}

/** Enters the alternate screen unless the startup frame already did. */
export function enterAltScreen(out: Out = process.stdout): void {
  if (state.alt) return;
  state.out = out;
  state.alt = true;
  safeWrite(out, ENTER_ALT);
}

/** Shows the cursor and leaves the alternate screen, once (a second LEAVE_ALT would restore the cursor again). */
export function leaveAltScreen(): void {
  state.unhook?.();
  if (!state.alt) return;
  state.alt = false;
  state.startupShown = false;
  safeWrite(state.out, SHOW_CURSOR + LEAVE_ALT);
}

/**
 * Has the next frame drawn on `out` clear the startup line: the clear goes
 * right after the frame's begin-synchronized-update mark, so the terminal
 * shows the line until the frame is complete, then the frame alone. Writes
 * before that mark pass unchanged. A no-op when no startup line is shown.
 */
export function clearOnFirstFrame(out: NodeJS.WriteStream = process.stdout): void {
  if (!state.startupShown || state.unhook) return;
  const own = Object.prototype.hasOwnProperty.call(out, 'write');
  const previous = out.write;
  const unhook = () => {
    if (state.unhook !== unhook) return;
    state.unhook = undefined;
    if (own) out.write = previous;
    else delete (out as { write?: unknown }).write;
  };
  state.unhook = unhook;
  out.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && chunk.startsWith(BSU)) {
      unhook();
      state.startupShown = false;
      chunk = BSU + CLEAR + chunk.slice(BSU.length);
    }
    return (previous as (chunk: unknown, ...rest: unknown[]) => boolean).call(this, chunk, ...rest);
  } as NodeJS.WriteStream['write'];
}

/** For tests: forget the screen state of this process. */
export function resetTerminalStateForTests(): void {
  releaseStartupSignals();
  state.unhook?.();
  state.out = undefined;
  state.alt = false;
  state.startupShown = false;
}
