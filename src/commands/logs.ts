// `snapshots logs NAME [--search TEXT] [--json]`: the backup log Velero wrote
// to the bucket, read with the location's credentials like the log viewer.
import type { CliArgs } from '../cli-args.js';
import { findMatches, logLines } from '../components/log-viewer-lines.js';
import { loadSnapshotLog } from '../state/snapshots-storage.js';
import { flag, onlyFlags, positionals, usage } from './args.js';
import { requireBackup } from './describe.js';
import { CommandError, commandErrorOf, EXIT, note, printJson } from './output.js';
import { withSession, type CommandDeps } from './session.js';
import { quote } from '../format/quote.js';

/** Line levels in --json, from the viewer's classification. */
const LEVEL: Record<string, string> = { error: 'error', warn: 'warning', muted: 'debug' };

export async function logsCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  const [name = ''] = positionals(args, 1, ['NAME']);
  onlyFlags(args, 'logs', ['search']);
  const search = flag(args, 'search');
  if (search !== undefined && !search.trim()) throw usage('--search needs some text to look for.');
  return withSession(args, ['Backup', 'BackupStorageLocation'], { deps }, async (ctx) => {
    requireBackup(ctx, name);
    let text: string;
    try {
      text = await loadSnapshotLog(ctx, name);
    } catch (err) {
      const e = commandErrorOf(err);
      // A missing log is not bad input: the snapshot may still be running or its upload failed.
      throw new CommandError(e.code === EXIT.usage ? EXIT.failed : e.code, `Cannot read the log of ${name} from the bucket: ${e.message}`);
    }
    const lines = logLines(text);
    const shown = search ? findMatches(lines, search).map((i) => ({ line: i + 1, ...lines[i]! })) : lines.map((l, i) => ({ line: i + 1, ...l }));
    if (args.rest.json) {
      printJson(shown.map((l) => ({ line: l.line, level: LEVEL[l.tone ?? ''] ?? 'info', text: l.text })));
    } else if (shown.length) {
      process.stdout.write(shown.map((l) => (search ? `${l.line}: ${l.text}` : l.text)).join('\n') + '\n');
    }
    if (search && !shown.length) note(`No line of the log of ${name} contains ${quote(search)} (${lines.length} lines searched).`);
    if (!search && !lines.length) note(`The log of ${name} is empty.`);
    return EXIT.ok;
  });
}
