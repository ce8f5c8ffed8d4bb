import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { selectBackups } from '../state/selectors.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';

export function SnapshotsScreen() {
  const backups = useAppState(selectBackups);
  useScreenKeys([]);
  const now = new Date();
  return (
    <Box flexDirection="column">
      {backups.length === 0 && <Text>No snapshots yet.</Text>}
      {backups.map((b) => (
        <Text key={b.metadata.name}>
          {safeLine(b.metadata.name)} {backupPhaseView(b, now).label}
        </Text>
      ))}
    </Box>
  );
}
