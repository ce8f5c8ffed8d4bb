// Reading command-mode flags and positionals, with exit-2 messages that name
// the bad value and what is allowed.
import type { CliArgs } from '../cli-args.js';
import type { SnapshotKind } from '../services/profile.js';
import { CommandError, EXIT } from './output.js';
import { quote } from '../format/quote.js';

export function usage(message: string): CommandError {
  return new CommandError(EXIT.usage, message);
}

/** A string flag's value (parseArgs gives strings for declared string flags). */
export function flag(args: CliArgs, name: string): string | undefined {
  const v = args.rest[name];
  return typeof v === 'string' ? v : undefined;
}

export function has(args: CliArgs, name: string): boolean {
  return args.rest[name] === true;
}

/** `--full` or `--partial`; `required` makes neither an error. */
export function kindOf(args: CliArgs, required: true): SnapshotKind;
export function kindOf(args: CliArgs, required: false): SnapshotKind | undefined;
export function kindOf(args: CliArgs, required: boolean): SnapshotKind | undefined {
  const full = has(args, 'full');
  const partial = has(args, 'partial');
  if (full && partial) throw usage('Pass --full or --partial, not both.');
  if (full) return 'full';
  if (partial) return 'partial';
  if (required) throw usage('Pass --full (full instance snapshot) or --partial (application only).');
  return undefined;
}

/** The positionals after the command words, exactly `count` of them, named in the message. */
export function positionals(args: CliArgs, words: number, names: string[]): string[] {
  const values = args.command.slice(words);
  const command = args.command.slice(0, words).join(' ');
  if (values.length < names.length) throw usage(`${command} needs ${names.slice(values.length).join(' ')}.`);
  if (values.length > names.length) throw usage(`Unexpected argument ${quote(values[names.length]!)} after ${command}${names.length ? ` ${names.join(' ')}` : ''}.`);
  return values;
}

/** Only these flags (besides the global ones) make sense for this command. */
export function onlyFlags(args: CliArgs, command: string, allowed: string[]): void {
  const ok = new Set(['json', 'no-color', ...allowed]);
  for (const [k, v] of Object.entries(args.rest)) {
    if (v === undefined || ok.has(k)) continue;
    throw usage(`--${k} does not apply to "${command}". It takes: ${[...ok].map((f) => `--${f}`).join(' ')}.`);
  }
}

/** Changing commands refuse under --readonly, before connecting. */
export function refuseReadonly(args: CliArgs, what: string): void {
  if (args.readonly) throw usage(`Refusing to ${what}: started with --readonly, which refuses every command that changes something.`);
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * `--timeout 30m` (s, m or h; only with --wait): how long --wait follows the
 * operation before giving up on it. Undefined means no limit.
 */
export function waitTimeout(args: CliArgs): number | undefined {
  const raw = flag(args, 'timeout');
  if (raw === undefined) return undefined;
  if (!has(args, 'wait')) throw usage('--timeout limits --wait: pass --wait too, or leave --timeout out.');
  const m = /^([0-9]{1,6})([smh])$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 0;
  if (!ms) throw usage(`--timeout ${quote(raw)} is not a duration: use a positive whole number with s, m or h, e.g. 90s, 30m, 2h.`);
  return ms;
}
