import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine } from '../format/safe-text.js';

export function ScheduleScreen() {
  const schedules = useAppState((s) => s.objects.Schedule);
  useScreenKeys([]);
  return (
    <Box flexDirection="column">
      {Object.values(schedules).map((s) => (
        <Text key={s.metadata.name}>
          {safeLine(s.metadata.name)} {safeLine(s.spec.schedule)} {s.spec.paused ? 'paused' : 'enabled'}
        </Text>
      ))}
    </Box>
  );
}
