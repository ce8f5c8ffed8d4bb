// Entry point: parse flags, then either open the terminal UI or run a command.
import { inspect } from 'node:util';
import { parseCli, UsageError, USAGE } from './cli-args.js';
import { safeText } from './format/safe-text.js';
import { hideSecrets } from './format/secrets.js';
import { drawStartupFrame, leaveAltScreen } from './startup/terminal.js';

const VERSION = '0.1.0';

async function main(): Promise<number> {
  let args;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`snapshots: ${safeText(err.message)}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.version) {
    process.stdout.write(`snapshots ${VERSION}\n`);
    return 0;
  }
  if (args.command.length > 0) {
    const { runCommand } = await import('./commands/index.js');
    return runCommand(args);
  }
  if (args.help) {
    const { COMMAND_USAGE } = await import('./commands/index.js');
    process.stdout.write(COMMAND_USAGE);
    return 0;
  }
  // Something on screen at once: the UI module and its first render take a
  // few hundred milliseconds more (see startup/terminal.ts).
  drawStartupFrame();
  const { runInteractive } = await withoutGlobalFetch(() => import('./interactive.js'));
  return runInteractive(args);
}

/**
 * Ink's layout engine (yoga, WebAssembly) loads its inlined binary with
 * fetch() when fetch exists, and the first touch of Node's fetch loads undici:
 * about 50 ms of CPU before the first frame. With fetch hidden while the UI
 * module loads, yoga decodes the binary itself. Nothing here uses the global
 * fetch (the Kubernetes and S3 clients bring their own HTTP).
 */
async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!fetch?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetch);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // The terminal first (the UI may have failed while loading), then
    // one line, no stack trace, unless debugging.
    leaveAltScreen();
    process.stderr.write(`snapshots: ${safeText(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.SNAPSHOTS_DEBUG) process.stderr.write(`${hideSecrets(inspect(err))}\n`);
    process.exitCode = 1;
  },
);
