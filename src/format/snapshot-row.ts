// One snapshot as a list row: plain cells computed once per Backup object, and
// the columns that fit a given terminal width. Pure: no Ink, no store.
import type { Backup } from '../services/model.js';
import { snapshotKindOf, triggerOf, type SnapshotKind, type Trigger } from '../services/profile.js';
import { backupPhaseView, type Tone } from './phase.js';
import { safeLine } from './safe-text.js';
import { formatAge, formatBytes, formatDuration } from './units.js';

/** What the DeleteBackupRequests say about a snapshot. */
export interface DeletionState {
  /** A request is New or InProgress: Velero is removing the snapshot. */
  pending: boolean;
  /** Errors of the latest processed request (the snapshot is still there). */
  errors: string[];
}

export interface SnapshotRow {
  backup: Backup;
  name: string;
  kind: SnapshotKind;
  trigger: Trigger;
  status: string;
  tone: Tone;
  running: boolean;
  startedMs: number;
  started: string;
  duration: string;
  sizeBytes?: number;
  size: string;
  expires: string;
  errors: number;
  warnings: number;
  /** Lower-case text the `/` filter matches against. */
  search: string;
}

export interface RowExtras {
  sizeBytes?: number;
  deletion?: DeletionState;
}

export function startedMsOf(b: Backup): number {
  return Date.parse(b.status?.startTimestamp ?? b.metadata.creationTimestamp ?? '') || 0;
}

export function snapshotRow(backup: Backup, now: Date, extras: RowExtras = {}): SnapshotRow {
  const s = backup.status ?? {};
  const view = backupPhaseView(backup, now);
  let status = view.label;
  let tone = view.tone;
  const total = s.progress?.totalItems;
  if (view.running && total) status = `${status} ${Math.floor((Math.min(total, s.progress?.itemsBackedUp ?? 0) / total) * 100)}%`;
  if (extras.deletion?.pending && s.phase !== 'Deleting') {
    status = 'Deleting';
    tone = 'muted';
  } else if (extras.deletion?.errors.length) {
    status = 'Delete failed';
    tone = 'error';
  }
  const startedMs = startedMsOf(backup);
  const start = s.startTimestamp ?? backup.metadata.creationTimestamp;
  const end = s.completionTimestamp ? Date.parse(s.completionTimestamp) : view.running ? now.getTime() : undefined;
  const kind = snapshotKindOf(backup);
  const trigger = triggerOf(backup);
  const name = safeLine(backup.metadata.name);
  return {
    backup,
    name,
    kind,
    trigger,
    status,
    tone,
    running: view.running,
    startedMs,
    started: s.startTimestamp || backup.metadata.creationTimestamp ? formatAge(start, now) : '—',
    duration: start && end !== undefined ? formatDuration(end - Date.parse(start)) : '—',
    sizeBytes: extras.sizeBytes,
    size: sizeText(extras.sizeBytes),
    expires: s.expiration ? formatAge(s.expiration, now) : '—',
    errors: s.errors ?? 0,
    warnings: s.warnings ?? 0,
    search: `${name} ${kind} ${trigger} ${status}`.toLowerCase(),
  };
}

/** Blank while unknown: sizes are read from the bucket on demand. */
export function sizeText(bytes: number | undefined): string {
  return bytes === undefined ? '' : formatBytes(bytes);
}

export type ColumnId = 'name' | 'type' | 'trigger' | 'status' | 'started' | 'duration' | 'size' | 'expires' | 'errors' | 'warnings';

export interface Column {
  id: ColumnId;
  header: string;
  width: number;
  align: 'left' | 'right';
}

const NAME_MIN = 20;
const STATUS_WIDE = 29; // "Incomplete (partially failed)"
const STATUS_NARROW = 17; // "Failed validation"

// Fixed columns, listed from the last to drop to the first to drop.
const OPTIONAL: Column[] = [
  { id: 'started', header: 'STARTED', width: 8, align: 'left' },
  { id: 'type', header: 'TYPE', width: 7, align: 'left' },
  { id: 'errors', header: 'ERR', width: 3, align: 'right' },
  { id: 'warnings', header: 'WARN', width: 4, align: 'right' },
  { id: 'size', header: 'SIZE', width: 9, align: 'right' },
  { id: 'duration', header: 'DURATION', width: 8, align: 'left' },
  { id: 'expires', header: 'EXPIRES', width: 8, align: 'left' },
  { id: 'trigger', header: 'TRIGGER', width: 8, align: 'left' },
];
const ORDER: ColumnId[] = ['name', 'type', 'trigger', 'status', 'started', 'duration', 'size', 'expires', 'errors', 'warnings'];

/**
 * Columns for a row of `width` cells (cursor mark excluded), separated by one
 * space. The name keeps at least NAME_MIN cells and takes what is left over;
 * the status is shortened before optional columns are dropped.
 */
export function snapshotColumns(width: number): Column[] {
  const statusWidth = width >= 118 ? STATUS_WIDE : STATUS_NARROW;
  let optional = [...OPTIONAL];
  const used = (cols: Column[]) => cols.reduce((n, c) => n + c.width + 1, 0) + statusWidth + 1;
  while (optional.length && used(optional) + NAME_MIN > width) optional = optional.slice(0, -1);
  const nameWidth = Math.max(NAME_MIN, Math.min(60, width - used(optional)));
  const all: Column[] = [
    { id: 'name', header: 'NAME', width: nameWidth, align: 'left' },
    { id: 'status', header: 'STATUS', width: statusWidth, align: 'left' },
    ...optional,
  ];
  return ORDER.flatMap((id) => all.filter((c) => c.id === id));
}

const SHORT_STATUS: Record<string, string> = {
  'Incomplete (partially failed)': 'Incomplete',
  'Uploading volumes (errors)': 'Uploading (errors)',
  'Finalizing (errors)': 'Finalizing (errs)',
};

export function statusText(row: SnapshotRow, width: number): string {
  return row.status.length <= width ? row.status : (SHORT_STATUS[row.status] ?? row.status);
}

export function cellText(row: SnapshotRow, col: Column): string {
  switch (col.id) {
    case 'name':
      return row.name;
    case 'type':
      return row.kind;
    case 'trigger':
      return row.trigger;
    case 'status':
      return statusText(row, col.width);
    case 'started':
      return row.started;
    case 'duration':
      return row.duration;
    case 'size':
      return row.size;
    case 'expires':
      return row.expires;
    case 'errors':
      return row.errors ? String(row.errors) : '';
    case 'warnings':
      return row.warnings ? String(row.warnings) : '';
  }
}

/** Pads or cuts (with …) to exactly `width` cells. */
export function fitCell(text: string, width: number, align: Column['align'] = 'left'): string {
  const chars = [...text];
  if (chars.length > width) return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'right' ? pad + text : text + pad;
}

export function headerLine(columns: Column[]): string {
  return columns.map((c) => fitCell(c.header, c.width, c.align)).join(' ');
}

/** Cuts the middle (keeps the distinguishing timestamp at the end of generated names). */
export function fitMiddle(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return fitCell(text, width);
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${chars.slice(0, head).join('')}…${tail ? chars.slice(-tail).join('') : ''}`;
}

export function rowLine(row: SnapshotRow, columns: Column[]): string {
  return columns.map((c) => (c.id === 'name' ? fitMiddle(row.name, c.width) : fitCell(cellText(row, c), c.width, c.align))).join(' ');
}
