import { Box, Text } from 'ink';
import { keyLabel, type KeyBinding } from '../components/keys.js';

/** The `?` overlay: every key of the current screen and the global ones, with why any is disabled. */
export function HelpOverlay({ title, bindings, global }: { title: string; bindings: KeyBinding[]; global: KeyBinding[] }) {
  const row = (b: KeyBinding) => {
    const reason = b.disabledReason?.();
    return (
      <Box key={`${b.key}-${b.label}`}>
        <Box width={12}>
          <Text bold color={b.dangerous ? 'red' : 'cyan'}>
            {[b.key, ...(b.aliases ?? [])].map(keyLabel).join(' ')}
          </Text>
        </Box>
        <Text dimColor={Boolean(reason)}>
          {b.label}
          {b.dangerous ? ' (asks to confirm)' : ''}
          {reason ? ` — unavailable: ${reason}` : ''}
        </Text>
      </Box>
    );
  };
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Help — {title}</Text>
      <Box flexDirection="column" marginTop={1}>
        {bindings.map(row)}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Everywhere</Text>
        {global.map(row)}
      </Box>
      <Box marginTop={1}>
        <Text dimColor>esc or ? closes this help.</Text>
      </Box>
    </Box>
  );
}
