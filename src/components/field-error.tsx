// The red line under a form field saying what is wrong with its value.
import { Text } from 'ink';
import { safeLine } from '../format/safe-text.js';

export function FieldError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <Text color="red">✖ {safeLine(text)}</Text>;
}
