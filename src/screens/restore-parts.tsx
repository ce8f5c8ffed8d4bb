// Small pieces shared by the restore views: a ticking clock, list windows,
// tone colours and the "for the record" command block.
import { Box, Text, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useEffectContext } from '../components/app-context.js';
import type { Tone } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { shellLines } from '../format/shell-lines.js';

export const TONE_COLOR: Record<Tone, string | undefined> = { ok: 'green', warn: 'yellow', error: 'red', busy: 'cyan', muted: 'gray' };

/** The effect context's clock: re-read every second while `fast` (elapsed times), else every 15 s (ages). */
export function useClock(fast = true): Date {
  const { now } = useEffectContext();
  const [time, setTime] = useState(now);
  useEffect(() => {
    setTime(now());
    const timer = setInterval(() => setTime(now()), fast ? 1000 : 15_000);
    return () => clearInterval(timer);
  }, [fast, now]);
  return time;
}

/**
 * State whose latest value key handlers can read before React re-renders:
 * keys can arrive faster than renders (↓ then enter in one burst), and enter
 * must act on the row the ↓ moved to.
 */
export function useLatest<T>(initial: T): [T, (next: (prev: T) => T) => void, () => T] {
  const ref = useRef(initial);
  const [value, setValue] = useState(initial);
  const set = useCallback((next: (prev: T) => T) => {
    ref.current = next(ref.current);
    setValue(ref.current);
  }, []);
  const get = useCallback(() => ref.current, []);
  return [value, set, get];
}

/** Terminal size, for laying out 80x24 and wider. */
export function useSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** Cut or pad to exactly `width` cells (names from the cluster are ASCII). */
export function cell(text: string, width: number): string {
  const t = safeLine(text);
  return t.length > width ? `${t.slice(0, Math.max(0, width - 1))}…` : t.padEnd(width);
}

/**
 * The commands folded for a terminal `columns` wide: one entry per screen
 * line. A single word wider than the screen (a very long name) is cut into
 * screen-wide pieces, as the terminal would wrap it: shown whole, never hidden.
 */
export function foldCommands(commands: string[], columns: number): string[] {
  const width = Math.max(10, columns - 1);
  return commands.flatMap((c) =>
    shellLines(safeLine(c), columns - 2).flatMap((part) => {
      const line = [...`  ${part}`];
      const pieces: string[] = [];
      for (let i = 0; i < line.length; i += width) pieces.push(line.slice(i, i + width).join(''));
      return pieces;
    }),
  );
}

/** Folded commands (foldCommands) under their title: 1 + lines.length rows. */
export function Commands({ lines }: { lines: string[] }) {
  return (
    <Box flexDirection="column">
      <Text dimColor>Same thing by hand, for the record:</Text>
      {lines.map((line, i) => (
        <Text key={i} color="gray" wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
