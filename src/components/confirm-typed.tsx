// Typed confirmation for destructive actions: the user must type the exact
// word (a snapshot name, an app slug). Anything else is refused with the
// expected value named.
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useState, type ReactNode } from 'react';
import { useScreenKeys } from './screen-keys.js';
import { safeLine } from '../format/safe-text.js';

export interface ConfirmTypedProps {
  title: string;
  /** What happens, in plain words, shown above the input. */
  children?: ReactNode;
  /** The exact text to type. */
  expected: string;
  /** What the text is, e.g. "the snapshot name" or "the app slug". */
  what: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmTyped({ title, children, expected, what, onConfirm, onCancel }: ConfirmTypedProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  useScreenKeys([{ key: 'esc', label: 'cancel', run: onCancel }], { typing: true });
  const submit = (text: string) => {
    if (text.trim() === expected) onConfirm();
    else setError(`"${safeLine(text.trim()).slice(0, 60)}" is not ${what}. Type ${safeLine(expected)} exactly, or press esc to cancel.`);
  };
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1}>
      <Text bold color="red">
        {title}
      </Text>
      {children}
      <Box marginTop={1}>
        <Text>
          Type {what} (<Text bold>{safeLine(expected)}</Text>) to confirm:{' '}
        </Text>
        <TextInput
          value={value}
          onChange={(v) => {
            setValue(v);
            setError(undefined);
          }}
          onSubmit={submit}
        />
      </Box>
      {error && <Text color="red">{error}</Text>}
    </Box>
  );
}
