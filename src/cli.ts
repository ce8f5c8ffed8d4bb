// Entry point: parse flags, then either open the terminal UI or run a command.
import { inspect } from 'node:util';
import { parseCli, UsageError, USAGE } from './cli-args.js';
import { safeText } from './format/safe-text.js';
import { hideSecrets } from './format/secrets.js';

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
  const { runInteractive } = await import('./interactive.js');
  return runInteractive(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Last resort: one line, no stack trace, unless debugging.
    process.stderr.write(`snapshots: ${safeText(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.SNAPSHOTS_DEBUG) process.stderr.write(`${hideSecrets(inspect(err))}\n`);
    process.exitCode = 1;
  },
);
