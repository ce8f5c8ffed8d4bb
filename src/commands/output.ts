// Command-mode output: stable JSON for scripts, aligned tables for people,
// exit codes runbooks can rely on.
import { safeLine } from '../format/safe-text.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands to end with a message and a specific exit code. */
export class CommandError extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export function useColor(flags: Record<string, unknown>): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && flags['no-color'] !== true;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to the widest cell; untrusted text is neutralised. */
export function formatTable(headers: string[], rows: string[][]): string {
  const clean = rows.map((r) => r.map((c) => safeLine(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...clean.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...clean.map(line)].join('\n') + '\n';
}

export function printTable(headers: string[], rows: string[][]): void {
  process.stdout.write(formatTable(headers, rows));
}

/** Progress for --wait: a redrawn line on a TTY, plain lines otherwise (logs, cron). */
export function progressWriter(): (text: string) => void {
  const tty = Boolean(process.stderr.isTTY);
  let last = '';
  return (text) => {
    if (text === last) return;
    last = text;
    if (tty) process.stderr.write(`\r\u001b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  };
}
