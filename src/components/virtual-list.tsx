// A windowed list: only the rows that fit are rendered, so thousands of items
// cost as much as a screenful. The parent owns the cursor; the list keeps the
// scroll offset so the cursor stays in view without jumping (as k9s does).
import { Box, Text } from 'ink';
import { useRef, type ReactNode } from 'react';
import type { KeyBinding } from './keys.js';

/** First visible index: unchanged while the cursor is in view, else just enough to show it. */
export function scrollOffset(count: number, cursor: number, height: number, previous: number): number {
  if (height <= 0 || count <= height) return 0;
  const max = count - height;
  let top = Math.min(Math.max(0, previous), max);
  if (cursor < top) top = cursor;
  else if (cursor >= top + height) top = cursor - height + 1;
  return Math.min(Math.max(0, top), max);
}

export type CursorMove = 'up' | 'down' | 'pgup' | 'pgdn' | 'home' | 'end';

export function moveCursor(cursor: number, move: CursorMove, count: number, page: number): number {
  if (count <= 0) return 0;
  const step = Math.max(1, page - 1);
  const next = { up: cursor - 1, down: cursor + 1, pgup: cursor - step, pgdn: cursor + step, home: 0, end: count - 1 }[move];
  return Math.min(Math.max(0, next), count - 1);
}

/** The usual movement keys for a list or pane: arrows, j/k, page keys, g/G. */
export function navigationBindings(move: (m: CursorMove) => void): KeyBinding[] {
  return [
    { key: 'up', aliases: ['k'], label: 'up', run: () => move('up'), helpOnly: true },
    { key: 'down', aliases: ['j'], label: 'down', run: () => move('down'), helpOnly: true },
    { key: 'pgup', aliases: ['ctrl-b'], label: 'page up', run: () => move('pgup'), helpOnly: true },
    { key: 'pgdn', aliases: ['ctrl-f', ' '], label: 'page down', run: () => move('pgdn'), helpOnly: true },
    { key: 'home', aliases: ['g'], label: 'first', run: () => move('home'), helpOnly: true },
    { key: 'end', aliases: ['G'], label: 'last', run: () => move('end'), helpOnly: true },
  ];
}

export interface VirtualListProps<T> {
  items: readonly T[];
  cursor: number;
  /** Rows available for items. */
  height: number;
  rowKey: (item: T, index: number) => string;
  renderRow: (item: T, index: number, selected: boolean) => ReactNode;
  /** Shown when there are no items. */
  empty?: ReactNode;
}

export function VirtualList<T>({ items, cursor, height, rowKey, renderRow, empty }: VirtualListProps<T>) {
  const top = useRef(0);
  top.current = scrollOffset(items.length, cursor, height, top.current);
  if (items.length === 0) return <>{empty ?? <Text dimColor>Nothing to show.</Text>}</>;
  const end = Math.min(items.length, top.current + Math.max(1, height));
  const rows: ReactNode[] = [];
  for (let i = top.current; i < end; i++) {
    const item = items[i] as T;
    rows.push(
      <Box key={rowKey(item, i)} flexShrink={0}>
        {renderRow(item, i, i === cursor)}
      </Box>,
    );
  }
  return <Box flexDirection="column">{rows}</Box>;
}
