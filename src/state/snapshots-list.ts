// The snapshot list as the screen (and command mode) shows it: rows built once
// per Backup object, then narrowed by type tab and `/` filter and sorted.
// Pure functions plus small memo helpers; no Ink.
import type { Backup, DeleteBackupRequest } from '../services/model.js';
import { snapshotRow, type DeletionState, type SnapshotRow } from '../format/snapshot-row.js';
import type { Tone } from '../format/phase.js';

export type KindTab = 'all' | 'full' | 'partial';
export const KIND_TABS: KindTab[] = ['all', 'full', 'partial'];
export const TAB_TITLES: Record<KindTab, string> = { all: 'All', full: 'Full (instance)', partial: 'Partial (application)' };
export const TAB_SHORT: Record<KindTab, string> = { all: 'All', full: 'Full', partial: 'Partial' };

export type SortKey = 'started' | 'name' | 'status' | 'size';
export const SORT_KEYS: SortKey[] = ['started', 'name', 'status', 'size'];

export interface ListQuery {
  tab: KindTab;
  sort: SortKey;
  filter: string;
}

export const BACKUP_NAME_LABEL = 'velero.io/backup-name';

/** Per backup name: is a DeleteBackupRequest pending, and what did the last processed one say? */
export function deletionIndex(requests: Record<string, DeleteBackupRequest>): Map<string, DeletionState> {
  const latest = new Map<string, { at: number; errors: string[] }>();
  const pending = new Set<string>();
  for (const r of Object.values(requests)) {
    const name = r.spec.backupName;
    if (r.status?.phase !== 'Processed') {
      pending.add(name);
      continue;
    }
    const at = Date.parse(r.metadata.creationTimestamp ?? '') || 0;
    const prev = latest.get(name);
    if (!prev || at >= prev.at) latest.set(name, { at, errors: r.status.errors ?? [] });
  }
  const out = new Map<string, DeletionState>();
  for (const name of new Set([...pending, ...latest.keys()])) {
    out.set(name, { pending: pending.has(name), errors: pending.has(name) ? [] : (latest.get(name)?.errors ?? []) });
  }
  return out;
}

/**
 * Builds rows, reusing the previous row of a Backup whose object and deletion
 * state did not change (watch events replace only the changed object), so a
 * progress update of one snapshot costs O(1) row work. Sizes are not part of
 * the rows: they arrive one by one from the bucket and are looked up when a
 * visible row is drawn (or when sorting by size).
 */
export function createRowBuilder() {
  let cache = new WeakMap<Backup, { key: string; row: SnapshotRow }>();
  let lastNow = -1;
  let last: SnapshotRow[] = [];
  let lastBackups: readonly Backup[] | undefined;
  let lastDeletions: Map<string, DeletionState> | undefined;
  // Rows without a completion time show a live duration: rebuild them on every call.
  let lastRunning = false;
  return (backups: readonly Backup[], now: Date, deletions: Map<string, DeletionState>): SnapshotRow[] => {
    // Ages are shown to the minute: rebuild everything only when the minute changes.
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== lastNow) {
      cache = new WeakMap();
      lastNow = minute;
    } else if (backups === lastBackups && deletions === lastDeletions && !lastRunning) {
      return last;
    }
    lastBackups = backups;
    lastDeletions = deletions;
    lastRunning = false;
    const rows = backups.map((b) => {
      const name = b.metadata.name ?? '';
      const deletion = deletions.get(name);
      const running = !b.status?.completionTimestamp;
      if (running) lastRunning = true;
      const key = `${deletion ? `${deletion.pending}:${deletion.errors.length}` : ''}|${running ? now.getTime() : ''}`;
      const hit = cache.get(b);
      if (hit && hit.key === key) return hit.row;
      const row = snapshotRow(b, now, { deletion });
      cache.set(b, { key, row });
      return row;
    });
    // Same rows as last time: return the same array so memoized filtering is skipped.
    if (rows.length === last.length && rows.every((r, i) => r === last[i])) return last;
    last = rows;
    return rows;
  };
}

const TONE_RANK: Record<Tone, number> = { busy: 0, error: 1, warn: 2, ok: 3, muted: 4 };

// Kubernetes names are ASCII: plain comparison, much faster than localeCompare over thousands of rows.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compare(sort: SortKey, sizes: ReadonlyMap<string, number>): (a: SnapshotRow, b: SnapshotRow) => number {
  const newest = (a: SnapshotRow, b: SnapshotRow) => b.startedMs - a.startedMs || byText(a.name, b.name);
  switch (sort) {
    case 'started':
      return newest;
    case 'name':
      return (a, b) => byText(a.name, b.name);
    case 'status':
      return (a, b) => TONE_RANK[a.tone] - TONE_RANK[b.tone] || byText(a.status, b.status) || newest(a, b);
    case 'size': {
      // Largest first; unknown sizes last.
      const size = (r: SnapshotRow) => r.sizeBytes ?? sizes.get(r.backup.metadata.name ?? '') ?? -1;
      return (a, b) => size(b) - size(a) || newest(a, b);
    }
  }
}

/** Every word of the filter must appear in the row's name, type, trigger or status. */
export function matchesFilter(row: SnapshotRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.search.includes(w));
}

/** Rows of the tab that match the filter, sorted; `sizes` is read only when sorting by size. */
export function queryRows(rows: readonly SnapshotRow[], query: ListQuery, sizes: ReadonlyMap<string, number> = new Map()): SnapshotRow[] {
  const out = rows.filter((r) => (query.tab === 'all' || r.kind === query.tab) && matchesFilter(r, query.filter));
  return out.sort(compare(query.sort, sizes));
}

export function nextOf<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length] as T;
}

/** Count per tab, for the tab line. */
export function tabCounts(rows: readonly SnapshotRow[]): Record<KindTab, number> {
  let full = 0;
  for (const r of rows) if (r.kind === 'full') full++;
  return { all: rows.length, full, partial: rows.length - full };
}
