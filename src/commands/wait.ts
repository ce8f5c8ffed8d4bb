// --wait: follow the store (fed by the same watches as the screens) until an
// operation ends, redrawing one progress line on stderr as it changes.
import type { Backup, Restore } from '../services/model.js';
import { backupPhaseView, restorePhaseView } from '../format/phase.js';
import { formatBytes, formatDuration } from '../format/units.js';
import type { EffectContext } from '../state/context.js';
import { restoreVolumes } from '../state/restore-view.js';
import { makeSelectBackupVolumes, volumeTotals, volumeView } from '../state/snapshots-volumes.js';
import type { AppState } from '../state/types.js';
import { bar, CommandError, EXIT, type Progress } from './output.js';

/** --timeout: give up waiting after `ms` with exit 1 and `message` (what runs in the cluster goes on). */
export interface WaitLimit {
  ms: number;
  message: string;
}

/**
 * Resolves with the first value `pick` returns for the store's state; calls
 * `show` on every change and once a second (elapsed time moves on). The
 * one-second timer also keeps the process alive while waiting: the demo's
 * simulation timer is unref'd. With a `limit`, rejects once it has passed.
 */
export function follow<T>(ctx: EffectContext, pick: (s: AppState) => T | undefined, show?: (s: AppState) => void, limit?: WaitLimit): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let expiry: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = () => {};
    const stop = () => {
      unsubscribe();
      clearInterval(timer);
      clearTimeout(expiry);
    };
    const check = () => {
      const state = ctx.store.getState();
      const value = pick(state);
      if (value === undefined) return show?.(state);
      stop();
      resolve(value);
    };
    unsubscribe = ctx.store.subscribe(check);
    timer = setInterval(check, 1000);
    if (limit) expiry = setTimeout(() => (stop(), reject(new CommandError(EXIT.failed, limit.message))), limit.ms);
    check();
  });
}

function elapsed(start: string | undefined, end: string | undefined, now: Date): string {
  if (!start) return '';
  return formatDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));
}

function sizes(done: number, total: number, unknown: boolean): string {
  return unknown || total === 0 ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`;
}

/** One line about a running snapshot: phase, items, volumes, elapsed. */
export function backupProgressText(state: AppState, backup: Backup, now: Date, tty: boolean): string {
  const name = backup.metadata.name ?? '';
  const s = backup.status ?? {};
  const parts = [`Snapshot ${name}: ${backupPhaseView(backup, now).label}`];
  const p = s.progress;
  if (p?.totalItems) parts.push(`${tty ? `${bar(p.itemsBackedUp ?? 0, p.totalItems)} ` : ''}${p.itemsBackedUp ?? 0}/${p.totalItems} items`);
  const t = volumeTotals(makeSelectBackupVolumes(name)(state).map((op) => volumeView(op, now)));
  if (t.count) parts.push(`volumes ${t.done}/${t.count} (${sizes(t.bytesDone, t.totalBytes, t.sizeUnknown)})`);
  const took = elapsed(s.startTimestamp, s.completionTimestamp, now);
  if (took) parts.push(took);
  return parts.join(' · ');
}

/** One line about a restore being prepared here (operation) or running in the cluster. */
export function restoreProgressText(state: AppState, name: string, opId: string, now: Date, tty: boolean): string {
  const restore: Restore | undefined = state.objects.Restore[name];
  if (!restore) {
    const op = state.operations[opId];
    const p = op?.progress;
    const counted = p && p.total ? `${tty ? `${bar(p.done, p.total)} ` : ''}${p.done}/${p.total} · ` : '';
    return `Restore ${name}: ${counted}${op?.detail ?? 'preparing'}`;
  }
  const s = restore.status ?? {};
  const parts = [`Restore ${name}: ${restorePhaseView(restore).label}`];
  const p = s.progress;
  if (p?.totalItems) parts.push(`${tty ? `${bar(p.itemsRestored ?? 0, p.totalItems)} ` : ''}${p.itemsRestored ?? 0}/${p.totalItems} items`);
  const vols = restoreVolumes(state.objects, name, now);
  if (vols.length) {
    const done = vols.filter((v) => v.phase === 'Completed').length;
    const bytes = vols.reduce((n, v) => n + v.bytesDone, 0);
    const total = vols.reduce((n, v) => n + (v.totalBytes ?? 0), 0);
    parts.push(`volumes ${done}/${vols.length} (${sizes(bytes, total, vols.some((v) => v.totalBytes === undefined))})`);
  }
  const took = elapsed(s.startTimestamp, s.completionTimestamp, now);
  if (took) parts.push(took);
  return parts.join(' · ');
}

/** Waits for a snapshot to finish, showing progress; resolves with the final Backup, or undefined if it vanished. */
export function waitForBackup(ctx: EffectContext, name: string, progress: Progress, limit?: WaitLimit): Promise<Backup | undefined> {
  let seen = false;
  return follow(
    ctx,
    (s) => {
      const b = s.objects.Backup[name];
      if (b) seen = true;
      if (!b) return seen ? { gone: true as const } : undefined;
      return b.status?.phase && !backupPhaseView(b, ctx.now()).running ? { backup: b } : undefined;
    },
    (s) => {
      const b = s.objects.Backup[name];
      if (b) progress(backupProgressText(s, b, ctx.now(), progress.tty));
    },
    limit,
  ).then((r) => ('backup' in r ? r.backup : undefined));
}

/** Calls `show` on every store change and once a second until `done` settles. */
export async function showWhile<T>(ctx: EffectContext, done: Promise<T>, show: () => void): Promise<T> {
  const unsubscribe = ctx.store.subscribe(show);
  const timer = setInterval(show, 1000);
  show();
  try {
    return await done;
  } finally {
    unsubscribe();
    clearInterval(timer);
  }
}

