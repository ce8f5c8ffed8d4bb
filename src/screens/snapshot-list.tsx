// The snapshot list: every Backup newest first, live from the watches, with a
// type tab (All / Full / Partial), `/` filter and `s` sort. Only the rows that
// fit are rendered; rows are rebuilt only for Backups that changed.
import { Box, Text, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { LineInput } from '../components/line-input.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { moveCursor, navigationBindings, VirtualList } from '../components/virtual-list.js';
import { useRowsHeight } from '../components/rows-height.js';
import { headerLine, snapshotColumns, fitCell, fitMiddle, cellText, sizeText, type Column, type SnapshotRow } from '../format/snapshot-row.js';
import { selectBackups, selectRunningBackups } from '../state/selectors.js';
import { createRowBuilder, deletionIndex, KIND_TABS, nextOf, onGrid, queryRows, rowsChangeIn, rowTimes, SORT_KEYS, tabCounts, TAB_SHORT, TAB_TITLES, type ListQuery } from '../state/snapshots-list.js';
import { sizeCache } from '../state/snapshots-sizes.js';
import { TONE_COLOR, useNow } from './snapshot-ui.js';

export interface ListState extends ListQuery {
  /** The selected snapshot, kept by name so live updates do not move the selection. */
  selected?: string;
  index: number;
  /** The filter field has focus. */
  typing: boolean;
}

export const INITIAL_LIST: ListState = { tab: 'all', sort: 'started', filter: '', index: 0, typing: false };

export interface SnapshotListProps {
  state: ListState;
  setState: (update: (s: ListState) => ListState) => void;
  /** Actions on the selected row, provided by the screen (open, details, logs, new, delete...). */
  actions: (row: SnapshotRow | undefined) => KeyBinding[];
}

/** Re-read the clock at least this often while idle (the wall clock can jump, e.g. after a suspend). */
const CLOCK_RECHECK_MS = 10 * 60_000;
/**
 * Idle redraws fall on this grid of the clock: ages of rows taken seconds apart turn at different
 * moments, and one redraw (30-100 ms) per turning row would cost more than the 30 s tick did.
 * So an age is at most 15 s late, and a list of many recent snapshots redraws at most 4 times a minute.
 */
const CLOCK_GRID_MS = 15_000;

const SORT_TITLES = { started: 'newest first', name: 'name', status: 'status', size: 'largest first' } as const;

export function SnapshotList({ state, setState, actions }: SnapshotListProps) {
  const ctx = useEffectContext();
  const { stdout } = useStdout();
  const backups = useAppState(selectBackups);
  const requests = useAppState((s) => s.objects.DeleteBackupRequest);
  const loaded = useAppState((s) => s.loaded.Backup ?? false);
  const sizes = sizeCache(ctx);
  const known = useSyncExternalStore(sizes.subscribe, sizes.sizes);
  const anyRunning = useAppState(selectRunningBackups).length > 0;
  // The clock: every second while a snapshot runs (its live duration); otherwise only when a
  // drawn age or a status changes (see the effect below), so an idle list does not re-render.
  const tick = useNow(1000, anyRunning);
  const [changed, setChanged] = useState(0);
  // Re-read the clock when the list changes too, so a new snapshot never looks like it is in the future.
  const now = useMemo(() => ctx.now(), [ctx, tick, changed, backups]);
  const [ref, height] = useRowsHeight(Math.max(3, (stdout.rows || 24) - 12));

  const build = useRef(createRowBuilder()).current;
  const deletions = useMemo(() => deletionIndex(requests), [requests]);
  const rows = build(backups, now, deletions);
  const { tab, sort, filter } = state;
  // Memoized on the row array identity, which only changes when a row did; sizes matter only to the size sort.
  const sortSizes = sort === 'size' ? known : undefined;
  const shown = useMemo(() => queryRows(rows, { tab, sort, filter }, sortSizes), [rows, tab, sort, filter, sortSizes]);
  const positions = useMemo(() => new Map(shown.map((r, i) => [r.backup.metadata.name, i])), [shown]);
  const counts = useMemo(() => tabCounts(rows), [rows]);

  const found = state.selected === undefined ? -1 : (positions.get(state.selected) ?? -1);
  const cursor = found >= 0 ? found : Math.min(state.index, Math.max(0, shown.length - 1));
  const current = shown[cursor];

  // The cursor as the keys left it, also between renders: keys read together
  // (tmux send-keys, key repeat on a busy node) each move one row.
  const cursorNow = useRef(cursor);
  cursorNow.current = cursor;
  const select = (index: number) => {
    cursorNow.current = index;
    setState((s) => ({ ...s, index, selected: shown[index]?.backup.metadata.name }));
  };
  const move = (m: Parameters<typeof moveCursor>[1]) => select(moveCursor(cursorNow.current, m, shown.length, height));
  const setQuery = (q: Partial<ListQuery>) => setState((s) => ({ ...s, ...q }));

  const bindings: KeyBinding[] = state.typing
    ? [
        { key: 'enter', label: 'keep filter', run: () => setState((s) => ({ ...s, typing: false })) },
        { key: 'esc', label: 'clear filter', run: () => setState((s) => ({ ...s, typing: false, filter: '' })) },
        { key: 'up', label: 'up', run: () => move('up'), helpOnly: true },
        { key: 'down', label: 'down', run: () => move('down'), helpOnly: true },
      ]
    : [
        ...actions(current),
        { key: '/', label: 'filter', takesText: true, run: (typed = '') => setState((s) => ({ ...s, typing: true, filter: s.filter + typed })) },
        { key: 's', label: 'sort', run: () => setQuery({ sort: nextOf(SORT_KEYS, sort) }) },
        { key: 'tab', label: 'type', run: () => setQuery({ tab: nextOf(KIND_TABS, tab) }) },
        { key: 'f', label: 'full only', run: () => setQuery({ tab: tab === 'full' ? 'all' : 'full' }), helpOnly: true },
        { key: 'p', label: 'partial only', run: () => setQuery({ tab: tab === 'partial' ? 'all' : 'partial' }), helpOnly: true },
        ...navigationBindings(move),
        ...(filter ? [{ key: 'esc', label: 'clear filter', run: () => setQuery({ filter: '' }) }] : []),
      ];
  useScreenKeys(bindings, { typing: state.typing });

  const width = Math.max(40, (stdout.columns || 80) - 2);
  const columns = useMemo(() => snapshotColumns(width - 2), [width]);

  // Sizes come from the bucket: ask only for finished rows near the cursor.
  const nearby = shown.slice(Math.max(0, cursor - height), cursor + height);
  const wanted = nearby.filter((r) => r.backup.status?.completionTimestamp).map((r) => r.backup.metadata.name ?? '');
  const wantedKey = wanted.join('\n');
  useEffect(() => {
    if (wantedKey) sizes.request(wantedKey.split('\n'));
  }, [wantedKey, sizes]);

  // Idle, re-render only when something drawn reads differently: an age of the rows near the
  // cursor (a superset of those drawn) or a row turning Expired, on the next CLOCK_GRID_MS mark.
  // A 30 s tick re-rendered the whole screen for nothing most of the time (30-100 ms for Ink to
  // find the frame unchanged).
  const changeIn = anyRunning ? Infinity : Math.min(CLOCK_RECHECK_MS, rowsChangeIn(nearby, now), build.nextExpiry() - now.getTime());
  useEffect(() => {
    if (!Number.isFinite(changeIn)) return;
    const timer = setTimeout(() => setChanged((n) => n + 1), onGrid(now.getTime(), changeIn, CLOCK_GRID_MS) + 5);
    return () => clearTimeout(timer);
  }, [changeIn, now]);

  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box columnGap={2} flexShrink={0}>
        {KIND_TABS.map((t) => (
          <Text key={t} inverse={t === tab} bold={t === tab}>
            {` ${TAB_SHORT[t]} (${counts[t]}) `}
          </Text>
        ))}
        <Text dimColor>sort: {SORT_TITLES[sort]}</Text>
      </Box>
      <Box flexShrink={0}>
        <Text dimColor>{`  ${headerLine(columns)}`}</Text>
      </Box>
      {/* Basis 0: the rows get what the lines around them leave, and rows beyond it are cut off at
          the bottom. So when the header above grows, the very next frame is right (one row fewer)
          instead of squeezing the tab line away; the height is then re-measured (useRowsHeight).
          Rows are already cut to the width; clipping sideways too cost ~30 ms a key (slice-ansi per line). */}
      <Box ref={ref} flexDirection="column" flexGrow={1} flexBasis={0} overflowY="hidden">
        <VirtualList
          items={shown}
          cursor={cursor}
          height={height}
          rowKey={(r) => r.backup.metadata.name ?? ''}
          renderRow={(r, _i, selected) => <Row row={r} now={now} columns={columns} selected={selected} size={known.get(r.backup.metadata.name ?? '')} />}
          empty={<Empty loaded={loaded} total={rows.length} filtered={filter !== '' || tab !== 'all'} />}
        />
      </Box>
      {state.typing ? (
        <Box flexShrink={0}>
          <Text color="cyan">filter: </Text>
          <LineInput value={filter} onChange={(update) => setState((s) => ({ ...s, filter: update(s.filter) }))} />
          <Text dimColor>{`  ${shown.length} match${shown.length === 1 ? '' : 'es'} · enter keep · esc clear`}</Text>
        </Box>
      ) : (
        <Box flexShrink={0}>
          <Text dimColor wrap="truncate-end">
            {shown.length ? `${cursor + 1}/${shown.length}` : '0'}
            {filter ? ` · filter "${filter}" (esc clears)` : ''}
            {tab !== 'all' ? ` · ${TAB_TITLES[tab]} only (tab: all)` : ''}
          </Text>
        </Box>
      )}
    </Box>
  );
}

const TIMED = new Set<Column['id']>(['started', 'duration', 'expires']);

function Row({ row, now, columns, selected, size }: { row: SnapshotRow; now: Date; columns: Column[]; selected: boolean; size?: number }) {
  // Rows are built once per object; the cells that move with the clock are computed here, for drawn rows only.
  const timed = columns.some((c) => TIMED.has(c.id)) ? { ...row, ...rowTimes(row, now) } : row;
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? '› ' : '  '}
      {columns.map((c, i) => {
        const sep = i ? ' ' : '';
        if (c.id === 'name') return sep + fitMiddle(row.name, c.width);
        const text = fitCell(c.id === 'size' ? sizeText(size) : cellText(timed, c), c.width, c.align);
        const color = c.id === 'status' ? TONE_COLOR[row.tone] : c.id === 'errors' && row.errors ? 'red' : c.id === 'warnings' && row.warnings ? 'yellow' : undefined;
        return color ? (
          <Text key={c.id} color={color}>
            {sep + text}
          </Text>
        ) : (
          sep + text
        );
      })}
    </Text>
  );
}

function Empty({ loaded, total, filtered }: { loaded: boolean; total: number; filtered: boolean }) {
  if (!loaded) return <Text color="yellow">Loading snapshots…</Text>;
  if (total === 0) return <Text>No snapshots yet. Press n to take one now, or set up a schedule on the Schedule screen (3).</Text>;
  return <Text>{filtered ? 'No snapshot matches. esc clears the filter, tab shows all types.' : 'Nothing to show.'}</Text>;
}
