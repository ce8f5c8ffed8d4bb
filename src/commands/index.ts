// Command mode: every action without the TUI, for runbooks, cron and scripts.
import { inspect } from 'node:util';
import { USAGE, type CliArgs } from '../cli-args.js';
import { safeText } from '../format/safe-text.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { describeCommand } from './describe.js';
import { listCommand, restoresCommand } from './list.js';
import { logsCommand } from './logs.js';
import { CommandError, commandErrorOf, EXIT } from './output.js';
import { restoreCommand } from './restore.js';
import { scheduleShowCommand } from './schedule.js';
import { scheduleSetCommand } from './schedule-set.js';
import type { CommandDeps } from './session.js';
import { statusCommand } from './status.js';
import { storageSetCommand, storageValidateCommand } from './storage-set.js';
import { storageShowCommand } from './storage.js';
import { quote } from '../format/quote.js';
import { hideSecrets } from '../format/secrets.js';

type Command = (args: CliArgs, deps?: CommandDeps) => Promise<number>;
interface Entry {
  run: Command;
  help: string[];
}

const STORAGE_FLAGS = `--provider aws|s3-compatible|internal --bucket B [--prefix P] [--region R]
                   [--endpoint URL] [--public-url URL] [--ca-cert FILE|none] [--instance-role]
                   [--read-only] [--credentials-file FILE]`;

/** Top-level commands, and `schedule` / `storage` with their subcommands. */
const COMMANDS: Record<string, Entry | Record<string, Entry>> = {
  status: { run: statusCommand, help: ['status [--json]', 'connection, Velero version/plugins, storage health, app'] },
  list: { run: listCommand, help: ['list [--full|--partial] [--json]', 'snapshots, newest first'] },
  describe: { run: describeCommand, help: ['describe NAME [--json]', 'everything about one snapshot, with errors from the bucket'] },
  logs: { run: logsCommand, help: ['logs NAME [--search TEXT] [--json]', 'the backup log from the bucket (only matching lines with --search)'] },
  create: { run: createCommand, help: ['create --full|--partial [--wait [--timeout 30m]] [--json]', 'start a snapshot; --wait follows it to the end'] },
  delete: { run: deleteCommand, help: ['delete NAME --yes [--wait [--timeout 10m]]', 'delete a snapshot and its data in the bucket'] },
  schedule: {
    show: { run: scheduleShowCommand, help: ['schedule show [--full|--partial] [--json]', 'the schedules: cron, next runs, retention'] },
    set: {
      run: scheduleSetCommand,
      help: [
        'schedule set --full|--partial [--cron EXPR] [--retention 30d|4w|1m|1y]\n                   [--enable|--disable] [--apply-to-existing] [--json]',
        'create or change a schedule',
      ],
    },
  },
  storage: {
    show: { run: storageShowCommand, help: ['storage show [--json]', 'the storage location, its health and credentials (masked)'] },
    validate: { run: storageValidateCommand, help: [`storage validate [${STORAGE_FLAGS}] [--json]`, 'check a destination (the current one without flags); saves nothing'] },
    set: { run: storageSetCommand, help: [`storage set ${STORAGE_FLAGS}\n                   [--wait] [--json]`, 'check, then save the destination and report what Velero says'] },
  },
  restore: {
    run: restoreCommand,
    help: ['restore NAME --full|--partial [--app SLUG] [--in-place]\n                   [--wait [--timeout 2h]] --yes [--json]', 'restore from a snapshot'],
  },
  restores: { run: restoresCommand, help: ['restores [--json]', 'restore history'] },
};

const isEntry = (x: Entry | Record<string, Entry>): x is Entry => typeof (x as Entry).run === 'function';

function helpLines(): string[] {
  const out: string[] = [];
  for (const entry of Object.values(COMMANDS)) {
    for (const e of isEntry(entry) ? [entry] : Object.values(entry)) out.push(`  ${e.help[0]}\n                   ${e.help[1]}`);
  }
  return out;
}

export const COMMAND_USAGE = `${USAGE}
Commands:
${helpLines().join('\n')}

Command flags: --json (stable JSON on stdout), --no-color (also NO_COLOR). Progress goes to stderr.
Storage keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or --credentials-file, never from flags.

Exit codes: 0 success, 1 operation failed, 2 bad usage or input, 3 cannot reach cluster/Velero/storage.
`;

function resolve(words: string[]): { entry?: Entry; name: string; problem?: string } {
  const [first, second] = words;
  const top = first ? COMMANDS[first] : undefined;
  if (!top) return { name: first ?? '', problem: `unknown command ${quote(first ?? '')}. Commands: ${Object.keys(COMMANDS).join(', ')}.` };
  if (isEntry(top)) return { entry: top, name: first! };
  const sub = second ? top[second] : undefined;
  const subs = Object.keys(top).join(', ');
  if (!sub) return { name: first!, problem: second ? `unknown ${first} command ${quote(second)}: use ${subs}.` : `${first} needs a subcommand: ${subs}.` };
  return { entry: sub, name: `${first} ${second}` };
}

export async function runCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  if (args.command[0] === 'help' || args.help) {
    process.stdout.write(COMMAND_USAGE);
    return EXIT.ok;
  }
  const { entry, name, problem } = resolve(args.command);
  if (!entry) {
    process.stderr.write(`snapshots: ${safeText(problem)}\nRun "snapshots help" for the list.\n`);
    return EXIT.usage;
  }
  try {
    return await entry.run(args, deps);
  } catch (err) {
    const failure = err instanceof CommandError ? err : commandErrorOf(err);
    process.stderr.write(`snapshots ${name}: ${safeText(failure.message)}\n`);
    if (!(err instanceof CommandError) && process.env.SNAPSHOTS_DEBUG) process.stderr.write(`${hideSecrets(inspect(err))}\n`);
    return failure.code;
  }
}
