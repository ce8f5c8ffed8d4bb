// `snapshots list [--full|--partial] [--json]` and `snapshots restores [--json]`.
import type { CliArgs } from '../cli-args.js';
import { formatAge, formatDuration } from '../format/units.js';
import { selectBackups, selectRestores } from '../state/selectors.js';
import { shutdown } from '../state/session.js';
import { CommandError, EXIT, printJson, printTable } from './output.js';
import { onlyFlags, positionals } from './args.js';
import { openSession, type CommandDeps } from './session.js';
import { restoreJson, snapshotJson } from './snapshot-json.js';

export async function listCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  const { rest } = args;
  positionals(args, 1, []);
  onlyFlags(args, 'list', ['full', 'partial']);
  if (rest.full && rest.partial) throw new CommandError(EXIT.usage, 'Pass --full or --partial, not both.');
  const ctx = await openSession(args, ['Backup'], { deps });
  try {
    const now = ctx.now();
    const kind = rest.full ? 'full' : rest.partial ? 'partial' : undefined;
    const items = selectBackups(ctx.store.getState())
      .map((b) => snapshotJson(b, now))
      .filter((s) => !kind || s.type === kind);
    if (rest.json) {
      printJson(items);
      return EXIT.ok;
    }
    if (items.length === 0) {
      process.stdout.write('No snapshots.\n');
      return EXIT.ok;
    }
    printTable(
      ['NAME', 'TYPE', 'TRIGGER', 'STATUS', 'STARTED', 'DURATION', 'ERRORS', 'WARNINGS', 'EXPIRES'],
      items.map((s) => [
        s.name,
        s.type,
        s.trigger,
        s.status,
        formatAge(s.startedAt ?? undefined, now),
        s.durationSeconds === null ? '—' : formatDuration(s.durationSeconds * 1000),
        String(s.errors),
        String(s.warnings),
        formatAge(s.expiresAt ?? undefined, now),
      ]),
    );
    return EXIT.ok;
  } finally {
    shutdown(ctx);
  }
}

export async function restoresCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 1, []);
  onlyFlags(args, 'restores', []);
  const ctx = await openSession(args, ['Restore'], { deps });
  try {
    const now = ctx.now();
    const items = selectRestores(ctx.store.getState()).map(restoreJson);
    if (args.rest.json) {
      printJson(items);
      return EXIT.ok;
    }
    if (items.length === 0) {
      process.stdout.write('No restores.\n');
      return EXIT.ok;
    }
    printTable(
      ['NAME', 'SNAPSHOT', 'STATUS', 'STARTED', 'DURATION', 'ERRORS', 'WARNINGS'],
      items.map((r) => [
        r.name,
        r.snapshot ?? '—',
        r.status,
        formatAge(r.startedAt ?? undefined, now),
        r.durationSeconds === null ? '—' : formatDuration(r.durationSeconds * 1000),
        String(r.errors),
        String(r.warnings),
      ]),
    );
    return EXIT.ok;
  } finally {
    shutdown(ctx);
  }
}
