// The red line under a form field saying what is wrong with its value.
import { Box, Text } from 'ink';
import { safeLine } from '../format/safe-text.js';

export function FieldError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <Box>
      <Text color="red">✖ </Text>
      <Box flexGrow={1} flexShrink={1}>
        <Text color="red">{safeLine(text)}</Text>
      </Box>
    </Box>
  );
}
