import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { selectRestores } from '../state/selectors.js';
import { restorePhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';

export function RestoreScreen() {
  const restores = useAppState(selectRestores);
  useScreenKeys([]);
  return (
    <Box flexDirection="column">
      {restores.map((r) => (
        <Text key={r.metadata.name}>
          {safeLine(r.metadata.name)} {restorePhaseView(r).label}
        </Text>
      ))}
    </Box>
  );
}
