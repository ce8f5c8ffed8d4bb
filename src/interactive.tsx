// The terminal UI run: alternate screen, render, connect, and a clean exit on
// q, ctrl-c, SIGTERM or a dropped SSH session (SIGHUP). Whatever runs in the
// cluster keeps running; only the terminal is restored. Work this program does
// itself (a restore's preparation, a storage save) is finished first, in the
// background, so a dropped session never leaves the cluster half-changed.
import { render } from 'ink';
import { App } from './app.js';
import { AppProvider } from './components/app-context.js';
import type { CliArgs } from './cli-args.js';
import { createEffectContext } from './state/bootstrap.js';
import { pendingWrites, waitForPendingWrites } from './state/pending-work.js';
import { reconnect, shutdown } from './state/session.js';
import { clearOnFirstFrame, enterAltScreen, leaveAltScreen, releaseStartupSignals } from './startup/terminal.js';

/** Longest a restore's preparation may take (namespace deletion waits up to 10 minutes). */
const FINISH_TIMEOUT_MS = 11 * 60_000;

const EXIT_CODES: Record<'SIGINT' | 'SIGHUP' | 'SIGTERM', number> = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 };

export async function runInteractive(args: CliArgs): Promise<number> {
  const ctx = createEffectContext({ demo: args.demo, readonly: args.readonly, options: args.connect });
  // The alternate screen: already shown if cli.ts drew the startup line (Ink's
  // first frame then clears it).
  if (process.stdout.isTTY) enterAltScreen(process.stdout);
  clearOnFirstFrame(process.stdout);
  const leaveTerminal = leaveAltScreen;
  const instance = render(
    <AppProvider ctx={ctx}>
      <App />
    </AppProvider>,
    { exitOnCtrlC: false },
  );
  let stopping = false;
  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    const code = EXIT_CODES[signal];
    if (stopping) process.exit(code); // asked twice: stop now
    stopping = true;
    // The session may be gone (SIGHUP): writing to it, or leaving raw mode on it
    // (EIO), must not crash the work below.
    for (const stream of [process.stdout, process.stderr, process.stdin]) stream.on('error', () => undefined);
    // The terminal first: raw mode off (Ink's unmount), main screen, cursor shown.
    try {
      instance.unmount();
    } catch {
      // a hung-up terminal: nothing left to restore on it
    }
    leaveTerminal();
    const pending = pendingWrites(ctx);
    if (pending.length === 0) {
      shutdown(ctx);
      process.exit(code);
    }
    safeWrite(
      process.stderr,
      `snapshots: ${signal}: finishing ${pending.map((op) => op.title).join(', ')} before exiting, so nothing is left half-done; send ${signal} again to stop now.\n`,
    );
    void waitForPendingWrites(ctx, FINISH_TIMEOUT_MS).then(() => {
      shutdown(ctx);
      process.exit(code);
    });
  };
  releaseStartupSignals();
  for (const s of Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]) process.on(s, onSignal);
  void reconnect(ctx);
  try {
    await instance.waitUntilExit();
  } finally {
    // After a signal the handler owns the exit (it may still be finishing work).
    if (!stopping) leaveTerminal();
  }
  if (stopping) await new Promise<never>(() => undefined);
  // Quit (q, confirmed) while this program was writing: finish that first, like on a signal.
  const pending = pendingWrites(ctx);
  if (pending.length) {
    stopping = true; // a signal now (ctrl-c) stops at once
    safeWrite(process.stderr, `snapshots: finishing ${pending.map((op) => op.title).join(', ')} before exiting, so nothing is left half-done; ctrl-c to stop now.\n`);
    await waitForPendingWrites(ctx, FINISH_TIMEOUT_MS);
  }
  shutdown(ctx);
  return 0;
}

function safeWrite(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch {
    // The terminal is gone: nothing to restore on it.
  }
}
