// The red line(s) under a form field saying what is wrong with its value,
// wrapped by words with a hanging indent under the ✖.
import { Box, Text } from 'ink';
import { safeLine } from '../format/safe-text.js';

/** Greedy word wrap to `width` cells; words longer than a line are cut. */
export function wrapWords(text: string, width: number): string[] {
  const room = Math.max(10, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w; ) {
      const piece = w.length > room ? w.slice(0, room) : w;
      w = w.slice(piece.length);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= room) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function FieldError({ text, width = 60 }: { text: string | undefined; width?: number }) {
  if (!text) return null;
  return (
    <Box flexDirection="column">
      {wrapWords(safeLine(text), width - 2).map((line, i) => (
        <Text key={i} color="red" wrap="truncate-end">
          {i === 0 ? '✖ ' : '  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
