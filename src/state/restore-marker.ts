// One restore at a time across sessions. Before the Velero Restore exists, a
// restore is only this process removing what it replaces: nothing in the
// cluster shows it, so an admin whose SSH session dropped (the preparation
// goes on) and who logs in again would see nothing running. While preparing,
// this program holds Lease `snapshots-restore` in Velero's namespace, renewed
// every 10 s and deleted once the Restore is created. Another session refuses
// to start a restore or a snapshot while it is fresh, and warns when one went
// stale (the preparing process died: the app may be partly removed).
import { hostname } from 'node:os';
import { ServiceError } from '../services/interfaces.js';
import { leaseExpired, type Lease, type LeaseService } from '../services/lease.js';
import { formatAge } from '../format/units.js';
import { requireSession, type EffectContext } from './context.js';

export const MARKER_LEASE = 'snapshots-restore';
const DURATION_SECONDS = 30;
const RENEW_MS = 10_000;
const STEP_WRITE_MS = 1000;
const KEY = {
  restore: 'snapshots.kots.io/restore',
  backup: 'snapshots.kots.io/backup',
  mode: 'snapshots.kots.io/mode',
  step: 'snapshots.kots.io/step',
} as const;

export interface RestoreMarker {
  restore: string;
  backup: string;
  mode: string;
  step: string;
  holder: string;
  since: string;
  renewedAt: string;
  /** The holder stopped renewing it: it died or lost the cluster mid-preparation. */
  stale: boolean;
}

export interface MarkerHandle {
  /** The step now under way, written with the next renewal. */
  step(detail: string): void;
  /** Deletes the marker (only the version this session wrote). */
  release(): Promise<void>;
}

const thisHolder = () => `${hostname()} pid ${process.pid}`;

function leasesOf(ctx: EffectContext): { leases: LeaseService; namespace: string } | undefined {
  const session = requireSession(ctx);
  const leases = session.backend.leases;
  return leases ? { leases, namespace: session.velero.namespace } : undefined;
}

function markerOf(lease: Lease, now: Date): RestoreMarker {
  const a = lease.annotations;
  return {
    restore: a[KEY.restore] ?? '?',
    backup: a[KEY.backup] ?? '?',
    mode: a[KEY.mode] ?? '?',
    step: a[KEY.step] ?? 'starting',
    holder: lease.holder,
    since: lease.acquiredAt,
    renewedAt: lease.renewedAt,
    stale: leaseExpired(lease, now),
  };
}

/** One line about another session's restore, for refusals and warnings. */
export function describeMarker(m: RestoreMarker, now: Date): string {
  if (m.stale) {
    return `restore ${m.restore} from ${m.backup} (${m.mode}) was interrupted at "${m.step}" (${m.holder}, last seen ${formatAge(m.renewedAt, now)}): the app may be partly removed; restoring again finishes the job`;
  }
  return `restore ${m.restore} from ${m.backup} is being prepared by another session (${m.holder}, since ${formatAge(m.since, now)}): ${m.step}`;
}

/**
 * The marker as it is now, or undefined when there is none or it cannot be
 * read (no Lease API, no permission): the marker is a safeguard, never a
 * reason to refuse on its own.
 */
export async function readRestoreMarker(ctx: EffectContext): Promise<RestoreMarker | undefined> {
  const where = leasesOf(ctx);
  if (!where) return undefined;
  const lease = await where.leases.read(where.namespace, MARKER_LEASE).catch(() => undefined);
  if (!lease) return undefined;
  const m = markerOf(lease, ctx.now());
  return m.stale && madeItsRestore(ctx, m) ? undefined : m;
}

/** A stale marker whose Restore exists was only not deleted (the API failed at that moment): nothing was interrupted. */
function madeItsRestore(ctx: EffectContext, m: RestoreMarker): boolean {
  return Boolean(ctx.store.getState().objects.Restore[m.restore]);
}

/** Refuses (conflict) while a restore is being prepared (by another session: this one's own shows as an operation). */
export async function refuseWhileRestorePrepared(ctx: EffectContext, what: string): Promise<void> {
  const m = await readRestoreMarker(ctx);
  if (m && !m.stale) throw new ServiceError('conflict', `Cannot ${what} now: ${describeMarker(m, ctx.now())}`);
}

const NO_MARKER: MarkerHandle = { step: () => undefined, release: async () => undefined };

/**
 * Takes the marker for this restore. Throws 'conflict' naming the other
 * session while its marker is fresh; takes a stale one over and returns it as
 * `interrupted`. Without the Lease API or permission, returns a handle that
 * does nothing.
 */
export async function claimRestoreMarker(
  ctx: EffectContext,
  info: { restore: string; backup: string; mode: string },
): Promise<{ handle: MarkerHandle; interrupted?: RestoreMarker }> {
  const where = leasesOf(ctx);
  if (!where) return { handle: NO_MARKER };
  const { leases, namespace } = where;
  const now = ctx.now().toISOString();
  const fresh: Lease = {
    name: MARKER_LEASE,
    holder: thisHolder(),
    acquiredAt: now,
    renewedAt: now,
    durationSeconds: DURATION_SECONDS,
    annotations: { [KEY.restore]: info.restore, [KEY.backup]: info.backup, [KEY.mode]: info.mode, [KEY.step]: 'starting' },
  };
  let existing: Lease | undefined;
  let held: Lease;
  try {
    existing = await leases.read(namespace, MARKER_LEASE);
    if (existing && !leaseExpired(existing, ctx.now())) {
      throw new ServiceError('conflict', `Cannot restore now: ${describeMarker(markerOf(existing, ctx.now()), ctx.now())}`);
    }
    held = existing ? await leases.replace(namespace, { ...fresh, resourceVersion: existing.resourceVersion }) : await leases.create(namespace, fresh);
  } catch (err) {
    if (err instanceof ServiceError && err.kind === 'conflict') {
      if (!err.message.startsWith('Cannot restore now')) {
        throw new ServiceError('conflict', 'Cannot restore now: another session started a restore at the same moment; look at the Restore screen');
      }
      throw err;
    }
    // Forbidden, or no Lease API: go on without the safeguard.
    return { handle: NO_MARKER };
  }
  let step = 'starting';
  let writing: Promise<void> = Promise.resolve();
  const renew = () => {
    writing = writing.then(async () => {
      try {
        const at = ctx.now().toISOString();
        held = await leases.replace(namespace, { ...held, renewedAt: at, annotations: { ...held.annotations, [KEY.step]: step } });
      } catch {
        // The next renewal tries again; others see the marker a little older.
      }
    });
  };
  const timer = setInterval(renew, RENEW_MS);
  timer.unref?.();
  // Steps come in bursts (progress counts): the latest one is written within a second.
  let soon: ReturnType<typeof setTimeout> | undefined;
  const handle: MarkerHandle = {
    step(detail) {
      step = detail;
      soon ??= setTimeout(() => {
        soon = undefined;
        renew();
      }, STEP_WRITE_MS);
      soon.unref?.();
    },
    async release() {
      clearInterval(timer);
      clearTimeout(soon);
      await writing;
      await leases.delete(namespace, MARKER_LEASE, held.resourceVersion).catch(() => undefined);
    },
  };
  const previous = existing && markerOf(existing, ctx.now());
  return { handle, interrupted: previous && !madeItsRestore(ctx, previous) ? previous : undefined };
}
