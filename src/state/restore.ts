// Restore actions: start a full or partial restore (removing what must go
// first), one at a time. UI-agnostic: the Restore screen and command mode
// (`snapshots restore NAME --full|--partial ...`) both call these.
import { ServiceError, type ClusterService, type ResourceRef, type VeleroService } from '../services/interfaces.js';
import type { Restore } from '../services/model.js';
import { restorePhaseView } from '../format/phase.js';
import { requireSession, type EffectContext } from './context.js';
import { notify, runOperation } from './operations.js';
import { claimRestoreMarker, describeMarker } from './restore-marker.js';
import { accessRefusal, type AccessAction } from './access.js';
import { planRestore, type RestoreMode, type RestorePlan } from './restore-plan.js';
import { selectRunningBackups, selectRunningRestore } from './selectors.js';
import type { AppState, Operation } from './types.js';

/** Operation ids of restores being prepared by this program: `restore:<restore name>`. */
export const RESTORE_OP_PREFIX = 'restore:';
const NAMESPACE_TIMEOUT_MS = 10 * 60_000;
const RESOURCES_TIMEOUT_MS = 5 * 60_000;

/** The restore being prepared here (removing resources before the Restore exists), if any. */
export function selectPreparingRestore(state: AppState): Operation | undefined {
  for (const op of Object.values(state.operations)) {
    if (op.status === 'running' && op.id.startsWith(RESTORE_OP_PREFIX)) return op;
  }
  return undefined;
}

/**
 * Why anything that conflicts with a restore (another restore, a snapshot)
 * cannot start now: a restore runs in the cluster or is being prepared here.
 */
export function restoreBlockReason(state: AppState): string | undefined {
  const preparing = selectPreparingRestore(state);
  if (preparing) return `restore ${preparing.id.slice(RESTORE_OP_PREFIX.length)} is being prepared (${preparing.detail ?? 'starting'})`;
  const running = selectRunningRestore(state);
  if (running) return `restore ${running.metadata.name} is running (${restorePhaseView(running).label.toLowerCase()}); one restore at a time`;
  return undefined;
}

/** Why a new restore cannot start now, or undefined. */
export function restoreStartBlockReason(state: AppState): string | undefined {
  if (state.readonly) return 'read-only mode: restores are disabled';
  if (state.connection.status !== 'ready') return 'not connected to the cluster yet';
  const denied = accessRefusal(state, 'restore-create');
  if (denied) return denied;
  const restore = restoreBlockReason(state);
  if (restore) return restore;
  const backup = selectRunningBackups(state)[0];
  if (backup) return `snapshot ${backup.metadata.name} is running; wait until it finishes, restoring now would mix old and new data`;
  return undefined;
}

const MODE_ACCESS: Record<RestoreMode, AccessAction> = { 'full-new': 'restore-create', 'full-in-place': 'restore-full-in-place', partial: 'restore-partial' };

/** Why the user may not run a restore in this mode (RBAC: create the Restore, delete what it replaces). */
export function restoreAccessRefusal(state: AppState, mode: RestoreMode): string | undefined {
  return accessRefusal(state, MODE_ACCESS[mode]);
}

/** The plan for `backup` in `mode`, from the current state; throws when the snapshot is unknown. */
export function planFor(state: AppState, backup: string, mode: RestoreMode, now: Date): RestorePlan {
  const obj = state.objects.Backup[backup];
  if (!obj) throw new ServiceError('not-found', `No snapshot named ${backup}`, 'Pick one from the list of snapshots');
  if (!state.profile) throw new ServiceError('invalid', 'The app profile is not known yet');
  return planRestore({ backup: obj, mode, profile: state.profile, veleroNamespace: state.connection.veleroNamespace ?? 'velero', now });
}

export interface RestoreRequest {
  backup: string;
  mode: RestoreMode;
  /** Partial restores: the app slug the admin typed, checked against the profile. */
  slug?: string;
  /** When the restore's name is stamped (Velero CLI style); default now. Lets a reviewed name stay the created one. */
  at?: Date;
  /** Told the Restore's name as soon as it is known (before resources are removed). */
  onName?: (name: string) => void;
}

/** Checks, removes what the mode requires, creates the Restore and returns it. */
export async function startRestore(ctx: EffectContext, req: RestoreRequest): Promise<Restore> {
  const { backend, velero } = requireSession(ctx);
  const state = ctx.store.getState();
  const blocked = restoreStartBlockReason(state);
  if (blocked) throw new ServiceError('conflict', `Cannot restore now: ${blocked}`);
  const plan = planFor(state, req.backup, req.mode, req.at ?? ctx.now());
  if (plan.refusal) throw new ServiceError('invalid', plan.refusal);
  const denied = restoreAccessRefusal(state, req.mode);
  if (denied) throw new ServiceError('forbidden', `Cannot restore: ${denied}`);
  const slug = state.profile?.slug ?? '';
  if (req.mode === 'partial' && req.slug?.trim() !== slug) {
    throw new ServiceError('invalid', `"${req.slug ?? ''}" is not the app slug; type ${slug} to restore the app`);
  }
  const name = plan.restore.metadata.name ?? '';
  // Names are stamped to the second: a second restore from this snapshot in the same
  // second would remove the app and then fail to create its Restore. Refuse before anything.
  if (state.objects.Restore[name]) {
    throw new ServiceError('invalid', `Restore ${name} already exists (one was started from ${plan.backup} within this second); nothing was removed, start it again in a moment`);
  }
  req.onName?.(name);
  return runOperation(ctx, `${RESTORE_OP_PREFIX}${name}`, `Restore ${name} from ${plan.backup}`, async (reportHere) => {
    // Other sessions cannot see this preparation in the cluster until the Restore exists: mark it.
    const { handle, interrupted } = await claimRestoreMarker(ctx, { restore: name, backup: plan.backup, mode: req.mode });
    if (interrupted) notify(ctx, 'warn', `Taking over: ${describeMarker(interrupted, ctx.now())}`);
    const report: typeof reportHere = (detail, progress) => {
      handle.step(detail);
      reportHere(detail, progress);
    };
    try {
      return await prepareAndCreate(backend.cluster, velero, plan, report);
    } finally {
      await handle.release();
    }
  });
}

/** Removes what the plan replaces, waits until it is gone, then creates the Restore. */
async function prepareAndCreate(
  cluster: ClusterService,
  velero: VeleroService,
  plan: RestorePlan,
  report: (detail: string, progress?: { done: number; total: number }) => void,
): Promise<Restore> {
  if (plan.deleteNamespaces.length) {
    const total = plan.deleteNamespaces.length;
    report(`Removing namespaces ${plan.deleteNamespaces.join(', ')}`, { done: 0, total });
    await cluster.deleteNamespaces(plan.deleteNamespaces, NAMESPACE_TIMEOUT_MS, (left) =>
      report(left.length ? `Waiting for namespaces to be gone: ${left.join(', ')}` : 'Namespaces removed', { done: total - left.length, total }),
    );
  }
  if (plan.removeSelector) {
    report(`Finding the app's resources (${plan.removeSelector})`);
    const refs = await cluster.listLabelled(plan.removeNamespaces, plan.removeSelector);
    await removeResources(cluster, refs, report);
  }
  report('Creating the Velero restore');
  return velero.create('Restore', plan.restore);
}

async function removeResources(
  cluster: ReturnType<typeof requireSession>['backend']['cluster'],
  refs: ResourceRef[],
  report: (detail: string, progress?: { done: number; total: number }) => void,
): Promise<void> {
  const total = refs.length;
  if (!total) return report('The app has no current resources to remove');
  report(`Removing ${total} resource${total === 1 ? '' : 's'} of the app`, { done: 0, total });
  await cluster.deleteResources(refs);
  await cluster.waitGone(refs, RESOURCES_TIMEOUT_MS, (left) =>
    report(`Waiting for the app's resources to be gone: ${left} of ${total} left`, { done: total - left, total }),
  );
}

/** What a restore would remove now, read-only: the app's labelled resources (partial) or which namespaces exist (full). */
export async function inspectRestoreTarget(ctx: EffectContext, plan: RestorePlan): Promise<{ resources?: ResourceRef[]; existingNamespaces?: string[] }> {
  const { cluster } = requireSession(ctx).backend;
  if (plan.removeSelector) return { resources: await cluster.listLabelled(plan.removeNamespaces, plan.removeSelector) };
  const wanted = new Set(plan.deleteNamespaces.length ? plan.deleteNamespaces : (ctx.store.getState().objects.Backup[plan.backup]?.spec.includedNamespaces ?? []));
  const existing = await cluster.listNamespaces();
  return { existingNamespaces: existing.map((n) => n.name).filter((n) => wanted.has(n)) };
}

/** Resolves with the Restore once it has finished (any final phase), as seen by the watches. */
export function waitForRestore(ctx: EffectContext, name: string, timeoutMs = 0): Promise<Restore> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const r = ctx.store.getState().objects.Restore[name];
      if (r?.status?.phase && !restorePhaseView(r).running) {
        done();
        resolve(r);
      }
    };
    const unsubscribe = ctx.store.subscribe(check);
    const timer = timeoutMs > 0 ? setTimeout(() => (done(), reject(new ServiceError('unknown', `Restore ${name} did not finish within ${Math.round(timeoutMs / 1000)}s; it keeps running in the cluster`))), timeoutMs) : undefined;
    const done = () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    check();
  });
}
