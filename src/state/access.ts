// What the connected user may change, asked once after connecting with
// SelfSubjectAccessReviews (ClusterService.can). Actions the user may not do
// are shown disabled with the reason. Unknown (not asked yet, or the review
// itself failed) counts as allowed: the apiserver still decides, and a failed
// check must not lock an admin out in a bad moment.
import type { AccessCheck } from '../services/interfaces.js';
import type { EffectContext } from './context.js';
import type { AccessState, AppState } from './types.js';

const VELERO = 'velero.io';

/** Things the program changes in the cluster, each needing some permissions. */
export type AccessAction =
  | 'snapshot-create'
  | 'snapshot-delete'
  | 'retention-apply'
  | 'schedule-create'
  | 'schedule-update'
  | 'storage-write'
  | 'restore-create'
  | 'restore-partial'
  | 'restore-full-in-place';

/** "create restores.velero.io in namespace velero": the key of a check and its words. */
export function accessText(c: AccessCheck): string {
  const resource = c.group ? `${c.resource}.${c.group}` : c.resource;
  return `${c.verb} ${resource}${c.namespace ? ` in namespace ${c.namespace}` : ''}`;
}

/** Kinds a partial restore removes, checked as a sample of "may delete the app's objects". */
const APP_KINDS: { group: string; resource: string }[] = [
  { group: 'apps', resource: 'deployments' },
  { group: '', resource: 'services' },
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'secrets' },
];

/** The permissions an action needs, in the order they are used. */
export function accessNeeds(state: AppState, action: AccessAction): AccessCheck[] {
  const namespace = state.connection.veleroNamespace ?? 'velero';
  const velero = (verb: string, resource: string): AccessCheck => ({ verb, group: VELERO, resource, namespace });
  switch (action) {
    case 'snapshot-create':
      return [velero('create', 'backups')];
    case 'snapshot-delete':
      return [velero('create', 'deletebackuprequests')];
    case 'retention-apply':
      return [velero('update', 'backups')];
    case 'schedule-create':
      return [velero('create', 'schedules')];
    case 'schedule-update':
      return [velero('update', 'schedules')];
    case 'storage-write': {
      const secret = (verb: string): AccessCheck => ({ verb, group: '', resource: 'secrets', namespace });
      const exists = Object.keys(state.objects.BackupStorageLocation).length > 0 || !state.loaded.BackupStorageLocation;
      return [velero(exists ? 'update' : 'create', 'backupstoragelocations'), secret('create'), secret('update'), secret('get')];
    }
    case 'restore-create':
      return [velero('create', 'restores')];
    case 'restore-partial':
      return [
        velero('create', 'restores'),
        ...(state.profile?.appNamespaces ?? []).flatMap((ns) => APP_KINDS.map((k) => ({ verb: 'delete', ...k, namespace: ns }))),
      ];
    case 'restore-full-in-place':
      return [velero('create', 'restores'), { verb: 'delete', group: '', resource: 'namespaces' }];
  }
}

const ALL_ACTIONS: AccessAction[] = [
  'snapshot-create',
  'snapshot-delete',
  'retention-apply',
  'schedule-create',
  'schedule-update',
  'storage-write',
  'restore-partial',
  'restore-full-in-place',
];

/** Every check worth asking after connecting (both BSL verbs: the location may appear later). */
export function allAccessChecks(state: AppState): AccessCheck[] {
  const namespace = state.connection.veleroNamespace ?? 'velero';
  const checks = [...ALL_ACTIONS.flatMap((a) => accessNeeds(state, a)), { verb: 'create', group: VELERO, resource: 'backupstoragelocations', namespace }, { verb: 'update', group: VELERO, resource: 'backupstoragelocations', namespace }];
  const seen = new Map<string, AccessCheck>();
  for (const c of checks) seen.set(accessText(c), c);
  return [...seen.values()];
}

/** Why the user may not do `action` ("your user may not …"), or undefined when allowed or unknown. */
export function accessRefusal(state: AppState, action: AccessAction): string | undefined {
  const allowed = state.access?.allowed;
  if (!allowed) return undefined;
  const denied = accessNeeds(state, action).find((c) => allowed[accessText(c)] === false);
  if (!denied) return undefined;
  return `your user may not ${accessText(denied)}`;
}

/** Asks every check at once; results land in `state.access`. Never throws. */
export async function checkAccess(ctx: EffectContext): Promise<void> {
  const session = ctx.session;
  if (!session) return;
  const checks = allAccessChecks(ctx.store.getState());
  const results = await Promise.allSettled(checks.map((c) => session.backend.cluster.can(c)));
  if (ctx.session !== session) return; // reconnected meanwhile: that connection asks again
  const access: AccessState = { allowed: {}, checkedAt: ctx.now().getTime() };
  results.forEach((r, i) => {
    const key = accessText(checks[i]!);
    if (r.status === 'fulfilled') access.allowed[key] = r.value;
    else access.error ??= `Could not check whether your user may ${key}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`;
  });
  ctx.store.dispatch({ type: 'access/set', access });
}

/** The denied checks, for the status screen and tests. */
export function deniedAccess(state: AppState): string[] {
  return Object.entries(state.access?.allowed ?? {})
    .filter(([, ok]) => !ok)
    .map(([key]) => key);
}
