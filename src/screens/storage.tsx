import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { selectDefaultLocation } from '../state/selectors.js';
import { safeLine } from '../format/safe-text.js';

export function StorageScreen() {
  const location = useAppState(selectDefaultLocation);
  useScreenKeys([]);
  if (!location) return <Text>No storage location is set up yet.</Text>;
  return (
    <Box flexDirection="column">
      <Text>
        Bucket <Text bold>{safeLine(location.spec.objectStorage.bucket)}</Text> prefix {safeLine(location.spec.objectStorage.prefix ?? '—')}
      </Text>
      <Text>Phase {location.status?.phase ?? 'unknown'}</Text>
    </Box>
  );
}
