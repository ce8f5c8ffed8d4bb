// Command-mode output: stable JSON for scripts, aligned tables for people,
// exit codes runbooks can rely on.
import { ServiceError } from '../services/interfaces.js';
import { safeLine } from '../format/safe-text.js';
import { hideSecrets } from '../format/secrets.js';

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

/** A failure from the state layer as a command ends with it: unreachable → 3, bad input → 2, else 1. */
export function commandErrorOf(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  if (err instanceof ServiceError) {
    const text = err.hint ? `${err.message}\n${err.hint}` : err.message;
    const code = err.kind === 'unreachable' ? EXIT.unreachable : err.kind === 'invalid' || err.kind === 'not-found' ? EXIT.usage : EXIT.failed;
    return new CommandError(code, text);
  }
  return new CommandError(EXIT.failed, err instanceof Error ? err.message : String(err));
}

interface ColorTarget {
  isTTY?: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR or --no-color. */
export function colorEnabled(stream: ColorTarget, flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && flags['no-color'] !== true;
}

export function useColor(flags: Record<string, unknown>): boolean {
  return colorEnabled(process.stdout, flags);
}

export type Tone = 'ok' | 'warn' | 'error';
const SGR: Record<Tone, string> = { ok: '32', warn: '33', error: '31' };

export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  return color && tone ? `\u001b[${SGR[tone]}m${text}\u001b[0m` : text;
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls (0x9b is a
 * CSI), line separators and bidi overrides raw, which a terminal showing the
 * output would act on. Escaping them keeps the JSON equal and the terminal safe.
 */
export function toJson(value: unknown): string {
  return hideSecrets(JSON.stringify(value, null, 2)).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value)}\n`);
}

/** Lines for people on stdout; untrusted text is neutralised. */
export function printLines(lines: string[]): void {
  process.stdout.write(lines.map(safeLine).join('\n') + '\n');
}

/** A message on stderr (progress, warnings, results of --wait), coloured when `color`. */
export function note(text: string, tone?: Tone, color = false): void {
  process.stderr.write(`${paint(safeLine(text), tone, color)}\n`);
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

export interface Progress {
  (text: string): void;
  /** Ends a redrawn line so that what follows starts on its own line. */
  end(): void;
  /** A redrawn line (a terminal) rather than plain lines. */
  readonly tty: boolean;
}

/**
 * Progress for --wait: a redrawn line on a TTY, plain lines otherwise (logs,
 * cron) — those at most every `plainEveryMs`, unless the part before the
 * first " · " (the phase) changed.
 */
export function progressWriter(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, plainEveryMs = 10_000, clock = Date.now): Progress {
  const tty = Boolean(stream.isTTY);
  let last = '';
  let lastAt = 0;
  const write = ((text: string) => {
    const line = safeLine(text);
    if (line === last) return;
    if (!tty && line.split(' · ')[0] === last.split(' · ')[0] && clock() - lastAt < plainEveryMs) return;
    last = line;
    lastAt = clock();
    if (tty) stream.write(`\r\u001b[2K${line}`);
    else stream.write(`${line}\n`);
  }) as Progress;
  write.end = () => {
    if (tty && last) stream.write('\n');
    last = '';
  };
  Object.defineProperty(write, 'tty', { value: tty });
  return write;
}

/** `[#####-----]` for a redrawn progress line. */
export function bar(done: number, total: number, width = 20): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const full = Math.round(ratio * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${Math.floor(ratio * 100)}%`;
}
