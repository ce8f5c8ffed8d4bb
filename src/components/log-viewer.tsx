// A scrollable, searchable pane for logs and long descriptions: `/` search,
// n/N next/previous match, e/E next/previous error line, w wrap, g/G ends.
// Renders only the lines that fit. Error and warning lines are coloured.
import { Box, Text, useStdout } from 'ink';
import { useMemo, useState, type ReactNode } from 'react';
import type { KeyBinding } from './keys.js';
import { LineInput } from './line-input.js';
import { useScreenKeys } from './screen-keys.js';
import { useRowsHeight } from './rows-height.js';
import { navigationBindings, type CursorMove } from './virtual-list.js';
import { chunks, findMatches, linesWithTone, maxTop, nextIndex, rowsOf, splitMatches, topFor, type ViewerLine } from './log-viewer-lines.js';

export type { ViewerLine } from './log-viewer-lines.js';
export { logLines, classifyLogLine, compactLogrus } from './log-viewer-lines.js';

export interface LogViewerProps {
  title: ReactNode;
  lines: readonly ViewerLine[];
  onBack: () => void;
  /** More keys of the screen showing the pane (shown first in the key bar). */
  bindings?: KeyBinding[];
  /** A line under the title: loading, errors, hints. */
  status?: ReactNode;
  /** Line to open at (e.g. the first error of a failed run). */
  initialLine?: number;
}

const COLORS: Record<string, string | undefined> = { error: 'red', warn: 'yellow', ok: 'green', busy: 'cyan' };

export function LogViewer({ title, lines, onBack, bindings = [], status, initialLine }: LogViewerProps) {
  const { stdout } = useStdout();
  const width = Math.max(20, (stdout.columns || 80) - 1);
  const [ref, height] = useRowsHeight(Math.max(3, (stdout.rows || 24) - 12));
  const [wrap, setWrap] = useState(true);
  const [shift, setShift] = useState(0);
  const [focus, setFocus] = useState<number | undefined>(initialLine);
  const [top, setTop] = useState(() => Math.max(0, (initialLine ?? 0) - 2));
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<string | undefined>();
  const [note, setNote] = useState<string>();

  const limit = useMemo(() => maxTop(lines, height, width, wrap), [lines, height, width, wrap]);
  const first = Math.min(top, limit);
  const matches = useMemo(() => findMatches(lines, query), [lines, query]);
  const errors = useMemo(() => linesWithTone(lines, 'error'), [lines]);

  const visible: ReactNode[] = [];
  let used = 0;
  for (let i = first; i < lines.length && used < height; i++) {
    const line = lines[i] as ViewerLine;
    used += rowsOf(line, width, wrap);
    visible.push(<Row key={i} line={line} query={query} focused={i === focus} wrap={wrap} shift={shift} width={width} />);
  }
  const shown = Math.min(lines.length, first + visible.length);

  const show = (line: number) => {
    setFocus(line);
    setTop(topFor(lines, line, height, width, wrap));
  };
  /** Moves to the next/previous line of `indices`; `label` names them ("Match"), `none` says there are none. */
  const jump = (indices: number[], dir: 1 | -1, label: string, none: string) => {
    // Search from the focused line while it is on screen, else from the top of the pane.
    const onScreen = focus !== undefined && focus >= first && focus < shown;
    const at = nextIndex(indices, onScreen ? focus : dir === 1 ? first - 1 : first, dir);
    if (at === undefined) return setNote(none);
    setNote(`${label} ${indices.indexOf(at) + 1} of ${indices.length}`);
    show(at);
  };
  const move = (m: CursorMove) => {
    const page = Math.max(1, height - 1);
    // From the latest top, not this render's: keys read together each scroll.
    setTop((t) => {
      const from = Math.min(t, limit);
      const next = { up: from - 1, down: from + 1, pgup: from - page, pgdn: from + page, home: 0, end: limit }[m];
      return Math.min(Math.max(0, next), limit);
    });
  };

  const typing = draft !== undefined;
  const noMatch = query ? `No match for "${query}".` : 'Nothing searched yet: press / to search.';
  const keys: KeyBinding[] = typing
    ? [
        { key: 'enter', label: 'search', run: () => commit(draft) },
        { key: 'esc', label: 'cancel', run: () => setDraft(undefined) },
      ]
    : [
        ...bindings,
        { key: '/', label: 'search', takesText: true, run: (typed = '') => setDraft(query + typed) },
        { key: 'n', label: 'next match', run: () => jump(matches, 1, 'Match', noMatch) },
        { key: 'N', label: 'previous match', run: () => jump(matches, -1, 'Match', noMatch), helpOnly: true },
        { key: 'e', label: 'next error', run: () => jump(errors, 1, 'Error line', 'No error lines.') },
        { key: 'E', label: 'previous error', run: () => jump(errors, -1, 'Error line', 'No error lines.'), helpOnly: true },
        { key: 'w', label: wrap ? 'no wrap' : 'wrap', run: () => setWrap(!wrap), helpOnly: true },
        { key: 'left', label: 'scroll left', run: () => setShift(Math.max(0, shift - 20)), helpOnly: true },
        { key: 'right', label: 'scroll right', run: () => setShift(shift + 20), helpOnly: true },
        ...navigationBindings(move),
        { key: 'esc', label: query ? 'clear search' : 'back', run: () => (query ? clear() : onBack()) },
      ];
  useScreenKeys(keys, { typing });

  function commit(text: string) {
    setDraft(undefined);
    setQuery(text);
    const found = findMatches(lines, text);
    const at = nextIndex(found, first - 1, 1);
    if (!text) return setNote(undefined);
    if (at === undefined) return setNote(`No match for "${text}".`);
    setNote(`Match ${found.indexOf(at) + 1} of ${found.length}`);
    show(at);
  }
  function clear() {
    setQuery('');
    setNote(undefined);
  }


  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box justifyContent="space-between">
        <Text bold>{title}</Text>
        <Text dimColor>{lines.length ? `${first + 1}–${shown} of ${lines.length}` : ''}</Text>
      </Box>
      {status}
      <Box ref={ref} flexDirection="column" flexGrow={1} overflow="hidden">
        {visible}
      </Box>
      {typing ? (
        <Box>
          <Text color="cyan">/</Text>
          <LineInput value={draft} onChange={(update) => setDraft((d) => update(d ?? ''))} />
        </Box>
      ) : (
        <Text dimColor wrap="truncate-end">
          {note ?? (query ? `"${query}": ${matches.length} match${matches.length === 1 ? '' : 'es'} — n next, N previous, esc clear` : `/ search · e next error (${errors.length})`)}
        </Text>
      )}
    </Box>
  );
}

function Row({ line, query, focused, wrap, shift, width }: { line: ViewerLine; query: string; focused: boolean; wrap: boolean; shift: number; width: number }) {
  const color = line.tone ? COLORS[line.tone] : undefined;
  // Wrapping is done here, by characters, so the pane knows exactly how many rows a line takes.
  const pieces = wrap ? chunks(line.text, width) : [[...line.text].slice(shift, shift + width).join('')];
  return (
    // flexShrink 0: the last line may not fit; it is clipped, not squeezed onto its neighbours.
    <Box flexDirection="column" flexShrink={0}>
      {pieces.map((piece, i) => (
        <Text key={i} wrap="truncate-end" color={color} bold={line.tone === 'heading'} dimColor={line.tone === 'muted'} inverse={focused && !query}>
          {splitMatches(piece || ' ', query).map((p, k) =>
            p.match ? (
              <Text key={k} inverse={!focused} backgroundColor={focused ? 'yellow' : undefined} color={focused ? 'black' : undefined}>
                {p.text}
              </Text>
            ) : (
              p.text
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}
