import { Box, Text, useStdout } from 'ink';
import { keyLabel, type KeyBinding } from '../components/keys.js';
import { clipText } from '../format/safe-text.js';

type Entry = { keys: string; label: string; dangerous?: boolean; reason?: string } | { heading: string };

/**
 * The `?` overlay: every key of the current screen and the global ones, with
 * why any is disabled. Flows into two columns so it fits 80x24.
 */
export function HelpOverlay({ title, bindings, global }: { title: string; bindings: KeyBinding[]; global: KeyBinding[] }) {
  const { stdout } = useStdout();
  const width = stdout.columns || 80;
  const entries: Entry[] = [
    ...bindings.map((b) => ({
      keys: [b.key, ...(b.aliases ?? [])].map(keyLabel).join(' '),
      label: b.label + (b.dangerous ? ' (asks to confirm)' : ''),
      dangerous: b.dangerous,
      reason: b.disabledReason?.(),
    })),
    { heading: 'Everywhere' },
    ...condenseScreenKeys(global),
  ];
  const columns = width >= 70 ? 2 : 1;
  const columnWidth = Math.floor((width - 4) / columns);
  // An unavailable action's reason gets a second line at most (with slack for
  // word wrapping), so the help fits 80x24; pressing the key shows it in full.
  const textWidth = columnWidth - 12;
  const textOf = (e: Entry) => ('heading' in e ? e.heading : clipText(`${e.label}${e.reason ? ` — unavailable: ${e.reason}` : ''}`, textWidth * 2 - 12));
  const lines = entries.map((e) => Math.min(2, Math.ceil(textOf(e).length / textWidth)));
  const split = splitAt(lines, columns);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text>
        <Text bold>Help — {title}</Text>
        <Text dimColor>  (esc or ? closes)</Text>
      </Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} paddingRight={1}>
            {entries.slice(split[c], split[c + 1]).map((e, i) =>
              'heading' in e ? (
                <Text key={`h${i}`} bold>
                  {e.heading}
                </Text>
              ) : (
                <Box key={`${e.keys}-${i}`}>
                  <Box width={11} flexShrink={0}>
                    <Text bold color={e.dangerous ? 'red' : 'cyan'}>
                      {e.keys}
                    </Text>
                  </Box>
                  <Text dimColor={Boolean(e.reason)} wrap="wrap">
                    {textOf(e)}
                  </Text>
                </Box>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** "1".."4" become one line: "1-4  Storage / Snapshots / Schedule / Restore". */
function condenseScreenKeys(global: KeyBinding[]): Entry[] {
  const numbered = global.filter((b) => /^[0-9]$/.test(b.key));
  const rest = global.filter((b) => !/^[0-9]$/.test(b.key));
  const entries: Entry[] = [];
  if (numbered.length > 0) {
    entries.push({ keys: `${numbered[0]!.key}-${numbered.at(-1)!.key}`, label: numbered.map((b) => b.label).join(' / ') });
  }
  for (const b of rest) entries.push({ keys: keyLabel(b.key), label: b.label });
  entries.push({ keys: '^C', label: 'quit at once' });
  return entries;
}

/** Start indexes of each column (plus the end), balancing the lines the entries take. */
function splitAt(lines: number[], columns: number): number[] {
  const total = lines.reduce((a, b) => a + b, 0);
  const starts = [0];
  let sum = 0;
  for (let i = 0; i < lines.length && starts.length < columns; i++) {
    sum += lines[i]!;
    if (sum >= (total * starts.length) / columns) starts.push(i + 1);
  }
  while (starts.length < columns) starts.push(lines.length);
  return [...starts, lines.length];
}
