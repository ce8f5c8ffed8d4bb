// Destructive commands: --yes, or a typed confirmation when a person is at a
// terminal. Scripts without --yes stop with exit 2 before anything changes.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { CommandError, EXIT } from './output.js';
import { quote } from '../format/quote.js';

export interface ConfirmIo {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * Resolves when confirmed; throws exit 2 when there is no terminal to ask on,
 * and exit 1 when the typed text is not `expected`.
 */
export async function confirmTyped(
  opts: { yes: boolean; expected: string; what: string; action: string; warning: string[] },
  io: ConfirmIo = { input: process.stdin, output: process.stderr },
): Promise<void> {
  if (opts.yes) return;
  if (!io.input.isTTY) {
    throw new CommandError(EXIT.usage, `${opts.action} needs --yes when not run at a terminal (nothing was changed).`);
  }
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    io.output.write(`${opts.warning.join('\n')}\n`);
    // End of input (ctrl-d) counts as no.
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`Type ${opts.what} (${opts.expected}) to continue: `).then(resolve, () => resolve(''));
    });
    const typed = answer.trim();
    if (typed !== opts.expected) throw new CommandError(EXIT.failed, `Cancelled: ${quote(typed)} is not ${opts.expected}. Nothing was changed.`);
  } finally {
    rl.close();
  }
}

/** Before connecting: a script without --yes stops here (exit 2). */
export function requireYesOrTerminal(yes: boolean, action: string, input: { isTTY?: boolean } = process.stdin): void {
  if (!yes && !input.isTTY) throw new CommandError(EXIT.usage, `${action} needs --yes when not run at a terminal (nothing was changed).`);
}
