// Volume data of a snapshot: PodVolumeBackups (file-system backup) and
// DataUploads (CSI data mover) labelled velero.io/backup-name, with the rate
// and time left derived from their own timestamps (no client-side sampling).
import { createHash } from 'node:crypto';
import type { VolumeOperation } from '../services/model.js';
import { estimateRemainingMs } from '../format/units.js';
import type { AppState } from './types.js';

/**
 * Velero's label.GetValidName: label values are at most 63 characters, so a
 * longer name becomes its first 57 characters plus 6 hex digits of its SHA-256.
 */
export function validLabelValue(name: string): string {
  if (name.length <= 63) return name;
  return name.slice(0, 57) + createHash('sha256').update(name).digest('hex').slice(0, 6);
}

export type VolumeState = 'waiting' | 'running' | 'done' | 'failed';

export interface VolumeView {
  key: string;
  kind: 'file system' | 'data mover';
  /** "namespace/pod volume" or "namespace/pvc". */
  target: string;
  phase: string;
  state: VolumeState;
  bytesDone?: number;
  totalBytes?: number;
  /** Bytes per second since the volume started. */
  rate?: number;
  remainingMs?: number;
  elapsedMs?: number;
  message?: string;
}

function volumeState(phase: string | undefined): VolumeState {
  switch (phase) {
    case 'Completed':
      return 'done';
    case 'Failed':
    case 'Canceled':
      return 'failed';
    case 'InProgress':
    case 'Prepared':
    case 'Accepted':
      return 'running';
    default:
      return 'waiting';
  }
}

export function volumeView(op: VolumeOperation, now: Date): VolumeView {
  const st = op.status ?? {};
  const fs = op.kind !== 'DataUpload';
  const ns = op.spec.pod?.namespace ?? op.spec.sourceNamespace ?? '';
  const target = fs ? `${ns}/${op.spec.pod?.name ?? '?'} ${op.spec.volume ?? ''}`.trim() : `${ns}/${op.spec.sourcePVC ?? '?'}`;
  const state = volumeState(st.phase);
  const done = st.progress?.bytesDone;
  const total = st.progress?.totalBytes;
  const start = st.startTimestamp ? Date.parse(st.startTimestamp) : undefined;
  const end = st.completionTimestamp ? Date.parse(st.completionTimestamp) : now.getTime();
  const elapsedMs = start !== undefined && Number.isFinite(start) ? Math.max(0, end - start) : undefined;
  const view: VolumeView = {
    key: `${op.kind ?? 'PodVolumeBackup'}/${op.metadata.name ?? target}`,
    kind: fs ? 'file system' : 'data mover',
    target,
    phase: st.phase ?? 'New',
    state,
    bytesDone: done,
    totalBytes: total,
    elapsedMs,
    message: st.message || undefined,
  };
  if (done !== undefined && elapsedMs && elapsedMs >= 1000 && done > 0) view.rate = (done * 1000) / elapsedMs;
  if (state === 'running' && done !== undefined && total !== undefined && elapsedMs) {
    view.remainingMs = estimateRemainingMs(done, total, elapsedMs);
  }
  return view;
}

type VolumeIndex = Map<string, VolumeOperation[]>;

function indexByBackup(pvbs: Record<string, VolumeOperation>, uploads: Record<string, VolumeOperation>): VolumeIndex {
  const index: VolumeIndex = new Map();
  for (const [kind, objs] of [
    ['PodVolumeBackup', pvbs],
    ['DataUpload', uploads],
  ] as const) {
    for (const op of Object.values(objs)) {
      const label = op.metadata.labels?.['velero.io/backup-name'];
      if (!label) continue;
      const list = index.get(label) ?? [];
      list.push(op.kind ? op : { ...op, kind });
      index.set(label, list);
    }
  }
  // File-system backups first, then data mover uploads, each by name.
  for (const list of index.values()) list.sort((a, b) => (b.kind ?? '').localeCompare(a.kind ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return index;
}

/** Volume operations of one backup; recomputed only when those kinds change. */
export function makeSelectBackupVolumes(name: string): (s: AppState) => VolumeOperation[] {
  const label = validLabelValue(name);
  let lastP: unknown;
  let lastU: unknown;
  let last: VolumeOperation[] = [];
  return (s) => {
    if (s.objects.PodVolumeBackup !== lastP || s.objects.DataUpload !== lastU) {
      lastP = s.objects.PodVolumeBackup;
      lastU = s.objects.DataUpload;
      last = indexByBackup(s.objects.PodVolumeBackup, s.objects.DataUpload).get(label) ?? [];
    }
    return last;
  };
}

export interface VolumeTotals {
  count: number;
  done: number;
  failed: number;
  bytesDone: number;
  totalBytes: number;
  /** Some volume does not know its size yet. */
  sizeUnknown: boolean;
}

export function volumeTotals(views: readonly VolumeView[]): VolumeTotals {
  const t: VolumeTotals = { count: views.length, done: 0, failed: 0, bytesDone: 0, totalBytes: 0, sizeUnknown: false };
  for (const v of views) {
    if (v.state === 'done') t.done++;
    if (v.state === 'failed') t.failed++;
    t.bytesDone += v.bytesDone ?? 0;
    if (v.totalBytes === undefined) t.sizeUnknown = true;
    t.totalBytes += v.totalBytes ?? 0;
  }
  return t;
}
