import { Box, Text } from 'ink';
import { keyLabel, type KeyBinding } from './keys.js';

/** One line of "key label" pairs; disabled actions are dimmed. Wraps on narrow terminals. */
export function KeyBar({ bindings }: { bindings: KeyBinding[] }) {
  return (
    <Box flexWrap="wrap" columnGap={2}>
      {bindings
        .filter((b) => !b.helpOnly)
        .map((b) => {
          const disabled = Boolean(b.disabledReason?.());
          return (
            <Text key={`${b.key}-${b.label}`} dimColor={disabled}>
              <Text bold color={disabled ? undefined : b.dangerous ? 'red' : 'cyan'}>
                {keyLabel(b.key)}
              </Text>{' '}
              {b.label}
            </Text>
          );
        })}
    </Box>
  );
}
