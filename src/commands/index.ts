// Command mode: every action without the TUI, for runbooks, cron and scripts.
import { USAGE, type CliArgs } from '../cli-args.js';
import { listCommand, restoresCommand } from './list.js';
import { CommandError, EXIT } from './output.js';
import { statusCommand } from './status.js';

type Command = (args: CliArgs) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  status: { run: statusCommand, help: 'status [--json]                  connection, Velero version/plugins, storage health, app' },
  list: { run: listCommand, help: 'list [--full|--partial] [--json]  snapshots, newest first' },
  restores: { run: restoresCommand, help: 'restores [--json]                restore history' },
};

export const COMMAND_USAGE = `${USAGE}
Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.help}`)
  .join('\n')}

Exit codes: 0 success, 1 operation failed, 2 bad usage or input, 3 cannot reach cluster/Velero/storage.
`;

export async function runCommand(args: CliArgs): Promise<number> {
  const [name] = args.command;
  if (name === 'help' || args.help) {
    process.stdout.write(COMMAND_USAGE);
    return EXIT.ok;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`snapshots: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof CommandError) {
      process.stderr.write(`snapshots ${name}: ${err.message}\n`);
      return err.code;
    }
    throw err;
  }
}
