// One row of a keyboard form: a focus marker, a fixed-width label, the input,
// then (indented under the input) its error and, while focused, a hint.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { FieldError, wrapWords } from './field-error.js';

export const LABEL_WIDTH = 20;

export interface FormFieldProps {
  label: string;
  focused: boolean;
  error?: string;
  /** Shown dimmed under the field while it has focus. */
  hint?: string;
  /** Shown dimmed under the field at all times. */
  note?: string;
  /** Terminal columns, to wrap the error under the input. */
  width?: number;
  children: ReactNode;
}

export function FormField({ label, focused, error, hint, note, width = 80, children }: FormFieldProps) {
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text color={focused ? 'cyan' : undefined} bold={focused}>
            {focused ? '› ' : '  '}
            {label.padEnd(LABEL_WIDTH - 2)}
          </Text>
        </Box>
        <Box flexGrow={1}>{children}</Box>
      </Box>
      {error && (
        <Box paddingLeft={LABEL_WIDTH}>
          <FieldError text={error} width={width - LABEL_WIDTH} />
        </Box>
      )}
      {note && (
        <Box paddingLeft={LABEL_WIDTH}>
          <Text dimColor>{note}</Text>
        </Box>
      )}
      {focused && hint && (
        <Box paddingLeft={LABEL_WIDTH}>
          <Text dimColor>{hint}</Text>
        </Box>
      )}
    </Box>
  );
}

/** A focusable action at the end of a form, run with enter. */
export function FormButton({ label, focused, dangerous }: { label: string; focused: boolean; dangerous?: boolean }) {
  return (
    <Box>
      <Text color={focused ? 'cyan' : undefined}>{focused ? '› ' : '  '}</Text>
      <Text inverse={focused} bold color={dangerous && !focused ? 'red' : undefined}>
        {` ${label} `}
      </Text>
    </Box>
  );
}

/** Lines a field takes: its row, an error (wrapped to `width`) and the focused hint. */
export function fieldHeight(opts: { error?: string; hint?: string; note?: string; focused: boolean; width: number }): number {
  const room = Math.max(20, opts.width - LABEL_WIDTH);
  let lines = 1;
  if (opts.error) lines += wrapWords(opts.error, room - 2).length;
  if (opts.note) lines += Math.ceil(opts.note.length / room);
  if (opts.focused && opts.hint) lines += Math.ceil(opts.hint.length / room);
  return lines;
}

/**
 * The slice of rows [start, end) to show so that `focus` is visible within
 * `budget` lines, given each row's height. Keeps a little context above it.
 */
export function visibleWindow(heights: number[], focus: number, budget: number): { start: number; end: number } {
  const total = heights.reduce((a, b) => a + b, 0);
  if (total <= budget) return { start: 0, end: heights.length };
  const room = budget - 2; // "↑ more" / "↓ more" lines
  let start = Math.max(0, focus - 1);
  let used = 0;
  let end = start;
  while (end < heights.length && used + (heights[end] ?? 1) <= room) used += heights[end++] ?? 1;
  if (end <= focus) {
    // The focused row did not fit after its predecessor: start at it.
    start = focus;
    used = 0;
    end = start;
    while (end < heights.length && used + (heights[end] ?? 1) <= room) used += heights[end++] ?? 1;
    if (end === start) end = start + 1;
  }
  // Fill remaining room upwards.
  while (start > 0 && used + (heights[start - 1] ?? 1) <= room) used += heights[--start] ?? 1;
  return { start, end };
}
