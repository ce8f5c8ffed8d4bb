// Typed confirmation for destructive actions: the user must type the exact
// word (a snapshot name, an app slug). Anything else is refused with the
// expected value named.
import { Box, Text } from 'ink';
import { useRef, useState, type ReactNode } from 'react';
import { useScreenKeys } from './screen-keys.js';
import { TextField } from './text-field.js';
import { quote } from '../format/quote.js';
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
  // The latest text even when keys arrive faster than React renders.
  const latest = useRef('');
  const [error, setError] = useState<string>();
  useScreenKeys(
    [
      { key: 'enter', label: 'confirm', run: () => submit(latest.current) },
      { key: 'esc', label: 'cancel', run: onCancel },
    ],
    { typing: true },
  );
  const submit = (text: string) => {
    if (text.trim() === expected) onConfirm();
    else setError(`${quote(text.trim())} is not ${what}. Type ${safeLine(expected)} exactly, or press esc to cancel.`);
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
        <TextField
          value={value}
          focused
          width={40}
          onChange={(v) => {
            latest.current = v;
            setValue(v);
            setError(undefined);
          }}
        />
      </Box>
      {error && <Text color="red">{error}</Text>}
    </Box>
  );
}
