// Stall detector: a running snapshot or restore whose status (and its
// volumes' status) has not changed for N seconds is flagged, and the Velero
// server is asked whether it answers at all — so a stopped Velero shows as
// "not processing" instead of a frozen progress bar. Runs a 1 s check only
// while something runs; results go to `state.stalls`.
import { isBackupRunning, isRestoreRunning } from '../format/phase.js';
import { formatDuration } from '../format/units.js';
import { safeLine } from '../format/safe-text.js';
import type { VeleroKind } from '../services/model.js';
import { ServiceError } from '../services/interfaces.js';
import { errorText } from './operations.js';
import type { EffectContext } from './context.js';
import { validLabelValue } from './snapshots-volumes.js';
import type { AppState, Stall } from './types.js';

/** Default: no status change for this long while running means "stalled". */
export const STALL_AFTER_MS = 30_000;
const CHECK_EVERY_MS = 1000;
const SERVER_TIMEOUT_MS = 8000;

export function stallAfterMs(ctx: EffectContext): number {
  if (ctx.stallAfterMs && ctx.stallAfterMs > 0) return ctx.stallAfterMs;
  const env = Number(process.env.SNAPSHOTS_STALL_SECONDS);
  return env > 0 ? env * 1000 : STALL_AFTER_MS;
}

interface Tracked {
  kind: 'Backup' | 'Restore';
  name: string;
  fingerprint: string;
  since: number;
}

function labelled(objects: Record<string, { metadata: { labels?: Record<string, string> }; status?: unknown }>, label: string, value: string): unknown[] {
  const out: unknown[] = [];
  for (const o of Object.values(objects)) if (o.metadata.labels?.[label] === value) out.push(o.status);
  return out;
}

/** What "progress" means for each running operation: its status and its volumes' status. */
export function runningFingerprints(state: AppState): Map<string, { kind: 'Backup' | 'Restore'; name: string; fingerprint: string; createdAt?: string; started: boolean }> {
  const out = new Map<string, { kind: 'Backup' | 'Restore'; name: string; fingerprint: string; createdAt?: string; started: boolean }>();
  const backups = Object.values(state.objects.Backup).filter(isBackupRunning);
  // A queued backup waits behind a running one: that is not a stall of its own.
  const active = backups.some((b) => b.status?.phase && b.status.phase !== 'Queued' && b.status.phase !== 'New');
  for (const b of backups) {
    if (b.status?.phase === 'Queued' && active) continue;
    const name = b.metadata.name ?? '';
    const label = validLabelValue(name);
    const volumes = [...labelled(state.objects.PodVolumeBackup, 'velero.io/backup-name', label), ...labelled(state.objects.DataUpload, 'velero.io/backup-name', label)];
    out.set(`Backup/${name}`, { kind: 'Backup', name, fingerprint: JSON.stringify([b.status ?? null, volumes]), createdAt: b.metadata.creationTimestamp, started: Boolean(b.status?.phase) });
  }
  for (const r of Object.values(state.objects.Restore).filter(isRestoreRunning)) {
    const name = r.metadata.name ?? '';
    const label = validLabelValue(name);
    const volumes = [...labelled(state.objects.PodVolumeRestore, 'velero.io/restore-name', label), ...labelled(state.objects.DataDownload, 'velero.io/restore-name', label)];
    out.set(`Restore/${name}`, { kind: 'Restore', name, fingerprint: JSON.stringify([r.status ?? null, volumes]), createdAt: r.metadata.creationTimestamp, started: Boolean(r.status?.phase) });
  }
  return out;
}

/** Starts watching for stalls; returns the stop function (also pushed to ctx.stops by the caller). */
export function startStallWatch(ctx: EffectContext): () => void {
  const tracked = new Map<string, Tracked>();
  let timer: NodeJS.Timeout | undefined;
  let asking = false;
  let lastAsked = 0;
  let stopped = false;

  const publish = (stalls: Record<string, Stall>) => {
    const current = ctx.store.getState().stalls ?? {};
    const same = Object.keys(stalls).length === Object.keys(current).length && Object.entries(stalls).every(([k, v]) => sameStall(current[k], v));
    if (!same) ctx.store.dispatch({ type: 'stalls/set', stalls });
  };

  const askServer = async () => {
    const session = ctx.session;
    if (!session || asking) return;
    asking = true;
    lastAsked = ctx.now().getTime();
    let server: Stall['server'];
    try {
      await session.velero.serverStatus(SERVER_TIMEOUT_MS);
      server = { answering: true, at: ctx.now().getTime() };
    } catch (err) {
      // A user who may not create ServerStatusRequests learns nothing about the server.
      const forbidden = err instanceof ServiceError && err.kind === 'forbidden';
      server = { answering: forbidden ? undefined : false, detail: errorText(err), at: ctx.now().getTime() };
    } finally {
      asking = false;
    }
    if (stopped || ctx.session !== session) return;
    const stalls = ctx.store.getState().stalls ?? {};
    const next: Record<string, Stall> = {};
    for (const [k, s] of Object.entries(stalls)) next[k] = { ...s, server };
    publish(next);
  };

  const check = () => {
    if (stopped) return;
    const state = ctx.store.getState();
    const now = ctx.now().getTime();
    const running = runningFingerprints(state);
    for (const key of [...tracked.keys()]) if (!running.has(key)) tracked.delete(key);
    for (const [key, r] of running) {
      const t = tracked.get(key);
      if (t && t.fingerprint === r.fingerprint) continue;
      // Never picked up (no phase yet): it has been waiting since it was created.
      const created = Date.parse(r.createdAt ?? '');
      const since = !t && !r.started && created > 0 && created < now ? created : now;
      tracked.set(key, { kind: r.kind, name: r.name, fingerprint: r.fingerprint, since });
    }
    const limit = stallAfterMs(ctx);
    const previous = state.stalls ?? {};
    const stalls: Record<string, Stall> = {};
    // While the watches are down nothing can be seen to change: the header says reconnecting instead.
    if (state.connection.watch === 'live') {
      for (const [key, t] of tracked) {
        if (now - t.since < limit) continue;
        const prev = previous[key];
        stalls[key] = { kind: t.kind, name: t.name, since: t.since, server: prev?.since === t.since ? prev.server : undefined };
      }
    }
    publish(stalls);
    const newStall = Object.entries(stalls).some(([k, s]) => !previous[k] || previous[k]!.since !== s.since);
    if (Object.keys(stalls).length && (newStall || now - lastAsked >= limit)) void askServer();
    arm(tracked.size > 0);
  };

  const arm = (busy: boolean) => {
    if (busy && !timer && !stopped) timer = setInterval(check, CHECK_EVERY_MS);
    if (!busy && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  let lastObjects: AppState['objects'] | undefined;
  const unsubscribe = ctx.store.subscribe(() => {
    const objects = ctx.store.getState().objects;
    if (objects === lastObjects) return;
    lastObjects = objects;
    check();
  });
  check();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearInterval(timer);
    timer = undefined;
    if (ctx.store.getState().stalls && Object.keys(ctx.store.getState().stalls!).length) ctx.store.dispatch({ type: 'stalls/set', stalls: {} });
  };
}

function sameStall(a: Stall | undefined, b: Stall): boolean {
  return Boolean(a) && a!.since === b.since && a!.server?.answering === b.server?.answering && a!.server?.detail === b.server?.detail && a!.server?.at === b.server?.at;
}

const NOUN: Record<'Backup' | 'Restore', string> = { Backup: 'snapshot', Restore: 'restore' };

/** The stall of this object, if any. */
export function stallOf(state: AppState, kind: Extract<VeleroKind, 'Backup' | 'Restore'>, name: string | undefined): Stall | undefined {
  return name ? state.stalls?.[`${kind}/${name}`] : undefined;
}

/** One short line for the header. */
export function stallSummary(stall: Stall, now: Date): string {
  const quiet = `no progress for ${formatDuration(Math.max(0, now.getTime() - stall.since))}`;
  const what = `${NOUN[stall.kind]} ${safeLine(stall.name)}`;
  if (!stall.server) return `${what}: ${quiet}, checking Velero…`;
  if (stall.server.answering === undefined) return `${what}: ${quiet} (Velero not checked: no right to ask)`;
  if (!stall.server.answering) return `Velero is not processing: ${what}, ${quiet}, the server does not answer`;
  return `${what}: ${quiet} (Velero answers; busy?)`;
}

/** The full explanation, for the progress views. */
export function stallText(stall: Stall, now: Date): string {
  const quiet = `no progress for ${formatDuration(Math.max(0, now.getTime() - stall.since))}`;
  const what = `${NOUN[stall.kind]} ${safeLine(stall.name)}`;
  if (!stall.server) return `${what}: ${quiet}; asking the Velero server whether it runs…`;
  if (stall.server.answering === undefined) return `${what}: ${quiet}. Your user may not ask the Velero server whether it runs; check that it does if this lasts.`;
  if (!stall.server.answering) {
    return `Velero is not processing: ${what} has had ${quiet} and the Velero server does not answer (${safeLine(stall.server.detail ?? 'no answer')}). Nothing is lost; it resumes when Velero runs again.`;
  }
  return `${what}: ${quiet}. The Velero server answers, so it may be busy (a large volume, a hook); check its log if this lasts.`;
}
