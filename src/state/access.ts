// What the connected user may change, asked once after connecting. One
// SelfSubjectRulesReview per namespace involved (ClusterService.accessRules)
// answers the namespaced checks; cluster-scoped ones, and every check of a
// namespace whose review failed or came back incomplete, are asked one by one
// with SelfSubjectAccessReviews (ClusterService.can). Actions the user may not
// do are shown disabled with the reason. Unknown (not asked yet, or the review
// itself failed) counts as allowed: the apiserver still decides, and a failed
// check must not lock an admin out in a bad moment.
import { rulesAllow } from '../services/access-rules.js';
import type { AccessCheck, AccessRules, ClusterService } from '../services/interfaces.js';
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
  const plural = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  const resource = c.group ? `${plural}.${c.group}` : plural;
  return `${c.verb} ${resource}${c.name ? ` "${c.name}"` : ''}${c.namespace ? ` in namespace ${c.namespace}` : ''}`;
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
  const results = await answerChecks(session.backend.cluster, checks);
  if (ctx.session !== session) return; // reconnected meanwhile: that connection asks again
  const access: AccessState = { allowed: {}, checkedAt: ctx.now().getTime() };
  results.forEach((r, i) => {
    const key = accessText(checks[i]!);
    if (r.status === 'fulfilled') access.allowed[key] = r.value;
    else access.error ??= `Could not check whether your user may ${key}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`;
  });
  ctx.store.dispatch({ type: 'access/set', access });
}

/**
 * Answers each check, in order, as Promise.allSettled would: one rules review per
 * namespace of a namespaced check, all sent at once with an access review for each
 * cluster-scoped check (a namespace's rules mix its RoleBindings with the
 * ClusterRoleBindings, so they cannot say whether a grant holds cluster-wide);
 * then an access review for each check whose namespace's review failed or was
 * incomplete.
 */
export async function answerChecks(cluster: ClusterService, checks: AccessCheck[]): Promise<PromiseSettledResult<boolean>[]> {
  const ask = (c: AccessCheck) => settle(cluster.can(c));
  const accessRules = cluster.accessRules?.bind(cluster);
  if (!accessRules) return Promise.all(checks.map(ask));
  const namespaces = [...new Set(checks.flatMap((c) => (c.namespace ? [c.namespace] : [])))];
  const reviews = new Map<string, Promise<AccessRules | undefined>>(
    namespaces.map((ns) => [ns, accessRules(ns).then((r) => (r.incomplete ? undefined : r), () => undefined)]),
  );
  return Promise.all(
    checks.map(async (c) => {
      const rules = c.namespace ? await reviews.get(c.namespace) : undefined;
      return rules ? { status: 'fulfilled' as const, value: rulesAllow(rules.rules, c) } : ask(c);
    }),
  );
}

function settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  return p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

/** The denied checks, for the status screen and tests. */
export function deniedAccess(state: AppState): string[] {
  return Object.entries(state.access?.allowed ?? {})
    .filter(([, ok]) => !ok)
    .map(([key]) => key);
}
