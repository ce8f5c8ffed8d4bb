// The terminal UI run: alternate screen, render, connect, and a clean exit on
// q, ctrl-c, SIGTERM or a dropped SSH session (SIGHUP). Whatever runs in the
// cluster keeps running; only the terminal is restored.
import { render } from 'ink';
import { App } from './app.js';
import { AppProvider } from './components/app-context.js';
import type { CliArgs } from './cli-args.js';
import { createEffectContext } from './state/bootstrap.js';
import { reconnect, shutdown } from './state/session.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?1049l';

export async function runInteractive(args: CliArgs): Promise<number> {
  const ctx = createEffectContext({ demo: args.demo, readonly: args.readonly, options: args.connect });
  const tty = Boolean(process.stdout.isTTY);
  if (tty) process.stdout.write(ENTER_ALT);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    shutdown(ctx);
    if (tty) process.stdout.write(LEAVE_ALT);
  };
  const instance = render(
    <AppProvider ctx={ctx}>
      <App />
    </AppProvider>,
    { exitOnCtrlC: false },
  );
  const onSignal = (signal: NodeJS.Signals) => {
    instance.unmount();
    restore();
    process.exit(signal === 'SIGINT' ? 130 : 128 + (signal === 'SIGHUP' ? 1 : 15));
  };
  for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.once(s, onSignal);
  void reconnect(ctx);
  try {
    await instance.waitUntilExit();
  } finally {
    restore();
  }
  return 0;
}
