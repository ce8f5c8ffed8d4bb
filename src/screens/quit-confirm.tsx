import { Box, Text, useInput } from 'ink';
import { useAppState } from '../components/app-context.js';
import { selectRunningBackups, selectRunningOperations, selectRunningRestore } from '../state/selectors.js';
import { safeLine } from '../format/safe-text.js';

/** Asked before quitting while something runs: say what keeps running in the cluster. */
export function QuitConfirm({ onQuit, onCancel }: { onQuit: () => void; onCancel: () => void }) {
  const ops = useAppState(selectRunningOperations);
  const backups = useAppState(selectRunningBackups);
  const restore = useAppState(selectRunningRestore);
  useInput((input, key) => {
    if (input === 'y' || input === 'Y') onQuit();
    else if (input === 'n' || input === 'N' || key.escape) onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold>Quit while work is running?</Text>
      {backups.map((b) => (
        <Text key={b.metadata.name}>• snapshot {safeLine(b.metadata.name)} keeps running in the cluster</Text>
      ))}
      {restore && <Text>• restore {safeLine(restore.metadata.name)} keeps running in the cluster</Text>}
      {ops.map((o) => (
        <Text key={o.id} color="yellow">
          • {safeLine(o.title)} is run by this program: it finishes first, then the program exits
        </Text>
      ))}
      <Text>Reopen the program to see progress again.</Text>
      <Text>
        <Text bold>y</Text> quit · <Text bold>n</Text>/esc stay
      </Text>
    </Box>
  );
}
