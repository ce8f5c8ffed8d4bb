// A one-line input for filters and searches. Unlike ink-text-input it
// updates from the latest value (functional updates), so keys typed or pasted
// faster than a render are never lost. Append and backspace only: no cursor.
import { Text, useInput } from 'ink';

export interface LineInputProps {
  value: string;
  /** Receives an update of the latest value, not a value computed from a stale render. */
  onChange: (update: (previous: string) => string) => void;
  focus?: boolean;
}

export function LineInput({ value, onChange, focus = true }: LineInputProps) {
  useInput(
    (input, key) => {
      if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.return || key.escape || key.ctrl || key.meta) return;
      if (key.backspace || key.delete) return onChange((v) => [...v].slice(0, -1).join(''));
      // eslint-disable-next-line no-control-regex
      const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
      if (text) onChange((v) => v + text);
    },
    { isActive: focus },
  );
  return (
    <Text>
      {value}
      {focus ? <Text inverse> </Text> : null}
    </Text>
  );
}
