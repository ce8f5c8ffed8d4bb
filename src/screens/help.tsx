import { Box, Text, useStdout } from 'ink';
import { keyLabel, type KeyBinding } from '../components/keys.js';

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
  const perColumn = Math.ceil(entries.length / columns);
  const columnWidth = Math.floor((width - 4) / columns);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Help — {title}</Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {entries.slice(c * perColumn, (c + 1) * perColumn).map((e, i) =>
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
                  <Text dimColor={Boolean(e.reason)} wrap="truncate-end">
                    {e.label}
                    {e.reason ? ` — unavailable: ${e.reason}` : ''}
                  </Text>
                </Box>
              ),
            )}
          </Box>
        ))}
      </Box>
      <Text dimColor>esc or ? closes this help.</Text>
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
