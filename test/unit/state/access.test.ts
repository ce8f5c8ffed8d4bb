// The access slice: which permissions are asked, how they are asked (one
// SelfSubjectRulesReview per namespace, access reviews where rules cannot
// answer), how a denial reads, and that an unanswerable review never blocks anything.
import { describe, expect, it } from 'vitest';
import { accessRefusal, allAccessChecks, answerChecks, checkAccess, accessText } from '../../../src/state/access.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { createDemoBackend } from '../../../src/services/demo/index.js';
import { ServiceError, type AccessCheck, type AccessRule, type AccessRules, type ClusterService } from '../../../src/services/interfaces.js';
import { reconnect, shutdown } from '../../../src/state/session.js';

async function connected(overrides: Partial<Pick<ClusterService, 'can' | 'accessRules'>> = {}) {
  const backend = createDemoBackend({ tick: 1000 });
  const cluster: ClusterService = { ...backend.cluster, ...overrides };
  if ('accessRules' in overrides && !overrides.accessRules) delete cluster.accessRules;
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => ({ ...backend, cluster }) });
  await reconnect(ctx, { checkServer: false, interactive: false });
  return ctx;
}

/** A cluster that answers from these rules per namespace and records every request. */
function rulesCluster(byNamespace: Record<string, AccessRules | Error>, can: (c: AccessCheck) => boolean = () => true) {
  const reviews: string[] = [];
  const asked: string[] = [];
  const cluster = {
    async accessRules(ns: string) {
      reviews.push(ns);
      const r = byNamespace[ns] ?? { rules: [], incomplete: false };
      if (r instanceof Error) throw r;
      return r;
    },
    async can(c: AccessCheck) {
      asked.push(accessText(c));
      return can(c);
    },
  } as unknown as ClusterService;
  return { cluster, reviews, asked };
}

const rule = (verbs: string[], apiGroups: string[], resources: string[]): AccessRule => ({ verbs, apiGroups, resources });
const VELERO_READ = [rule(['get', 'list', 'watch'], ['velero.io'], ['*'])];
const check = (verb: string, group: string, resource: string, namespace?: string): AccessCheck => ({ verb, group, resource, namespace });
const values = (results: PromiseSettledResult<boolean>[]) => results.map((r) => (r.status === 'fulfilled' ? r.value : `error: ${(r.reason as Error).message}`));

describe('access checks', () => {
  it('asks every permission an action needs, once each, in the Velero and app namespaces', async () => {
    const ctx = await connected();
    const texts = allAccessChecks(ctx.store.getState()).map(accessText);
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of [
      'create backups.velero.io in namespace velero',
      'update backups.velero.io in namespace velero',
      'create deletebackuprequests.velero.io in namespace velero',
      'create restores.velero.io in namespace velero',
      'create schedules.velero.io in namespace velero',
      'update schedules.velero.io in namespace velero',
      'create backupstoragelocations.velero.io in namespace velero',
      'update backupstoragelocations.velero.io in namespace velero',
      'create secrets in namespace velero',
      'update secrets in namespace velero',
      'delete deployments.apps in namespace harness',
      'delete namespaces',
    ]) {
      expect(texts).toContain(t);
    }
    shutdown(ctx);
  });

  it('names the first permission missing for an action; allowed and unknown ones refuse nothing (access reviews)', async () => {
    const asked: string[] = [];
    const ctx = await connected({
      // No rules reviews (an apiserver or fake without them): every check is an access review.
      accessRules: undefined,
      can: async (c) => {
        asked.push(accessText(c));
        if (c.resource === 'restores') return false;
        if (c.resource === 'schedules') throw new ServiceError('unreachable', 'no answer');
        return true;
      },
    });
    await checkAccess(ctx);
    const state = ctx.store.getState();
    expect(asked.length).toBe(allAccessChecks(state).length);
    expect(accessRefusal(state, 'restore-partial')).toBe('your user may not create restores.velero.io in namespace velero');
    expect(accessRefusal(state, 'snapshot-create')).toBeUndefined();
    // The schedule reviews failed: unknown counts as allowed (the apiserver still decides), and the error is kept.
    expect(accessRefusal(state, 'schedule-update')).toBeUndefined();
    expect(state.access?.error).toContain('Could not check whether your user may create schedules.velero.io in namespace velero: no answer');
    shutdown(ctx);
  });

  it('refuses nothing before the reviews are answered', async () => {
    const ctx = await connected({ can: () => new Promise<boolean>(() => undefined), accessRules: () => new Promise<AccessRules>(() => undefined) });
    expect(ctx.store.getState().access).toBeUndefined();
    expect(accessRefusal(ctx.store.getState(), 'restore-create')).toBeUndefined();
    shutdown(ctx);
  });

  it('asks one rules review per namespace and an access review only for the cluster-scoped check', async () => {
    const reviews: string[] = [];
    const asked: string[] = [];
    const ctx = await connected({
      accessRules: async (ns) => {
        reviews.push(ns);
        return { rules: ns === 'velero' ? [...VELERO_READ, rule(['create'], ['velero.io'], ['backups'])] : [rule(['*'], ['*'], ['*'])], incomplete: false };
      },
      can: async (c) => {
        asked.push(accessText(c));
        return false;
      },
    });
    await checkAccess(ctx);
    const state = ctx.store.getState();
    expect(reviews.sort()).toEqual(['harness', 'velero']);
    expect(asked).toEqual(['delete namespaces']);
    // 17 access reviews before; now 2 rules reviews and 1 access review.
    expect(allAccessChecks(state).length).toBeGreaterThan(10);
    expect(accessRefusal(state, 'snapshot-create')).toBeUndefined();
    expect(accessRefusal(state, 'snapshot-delete')).toBe('your user may not create deletebackuprequests.velero.io in namespace velero');
    expect(accessRefusal(state, 'restore-partial')).toBe('your user may not create restores.velero.io in namespace velero');
    expect(accessRefusal(state, 'storage-write')).toMatch(/^your user may not (create|update) backupstoragelocations.velero.io in namespace velero$/);
    expect(state.access?.allowed['delete deployments.apps in namespace harness']).toBe(true);
    expect(accessRefusal(state, 'restore-full-in-place')).toBe('your user may not create restores.velero.io in namespace velero');
    expect(state.access?.allowed['delete namespaces']).toBe(false);
    expect(state.access?.error).toBeUndefined();
    shutdown(ctx);
  });
});

describe('answerChecks', () => {
  const checks = [
    check('create', 'velero.io', 'backups', 'velero'),
    check('list', 'velero.io', 'backups', 'velero'),
    check('delete', 'apps', 'deployments', 'app'),
    check('delete', '', 'namespaces'),
  ];

  it('answers namespaced checks from their namespace\'s rules', async () => {
    const { cluster, reviews, asked } = rulesCluster({ velero: { rules: VELERO_READ, incomplete: false }, app: { rules: [rule(['delete'], ['apps'], ['deployments'])], incomplete: false } }, () => true);
    expect(values(await answerChecks(cluster, checks))).toEqual([false, true, true, true]);
    expect(reviews.sort()).toEqual(['app', 'velero']);
    expect(asked).toEqual(['delete namespaces']);
  });

  it('never answers a cluster-scoped check from a namespace\'s rules, which may come from a RoleBinding there', async () => {
    const everything = { rules: [rule(['*'], ['*'], ['*'])], incomplete: false };
    const { cluster, asked } = rulesCluster({ velero: everything, app: everything }, (c) => c.resource !== 'namespaces');
    expect(values(await answerChecks(cluster, checks))).toEqual([true, true, true, false]);
    expect(asked).toEqual(['delete namespaces']);
  });

  it('asks each check of a namespace whose review is incomplete, and only those', async () => {
    // Incomplete (a webhook authorizer): the rules do not list everything the user may do.
    const { cluster, asked } = rulesCluster({ velero: { rules: [], incomplete: true }, app: { rules: [], incomplete: false } }, (c) => c.verb === 'create');
    expect(values(await answerChecks(cluster, checks))).toEqual([true, false, false, false]);
    expect(asked.sort()).toEqual(['create backups.velero.io in namespace velero', 'delete namespaces', 'list backups.velero.io in namespace velero']);
  });

  it('asks each check of a namespace whose review failed; a failed access review stays an error', async () => {
    const { cluster, asked } = rulesCluster({ velero: new ServiceError('forbidden', 'may not review rules'), app: { rules: VELERO_READ, incomplete: false } }, (c) => {
      if (c.verb === 'list') throw new ServiceError('unreachable', 'no answer');
      return true;
    });
    expect(values(await answerChecks(cluster, checks))).toEqual([true, 'error: no answer', false, true]);
    expect(asked.sort()).toEqual(['create backups.velero.io in namespace velero', 'delete namespaces', 'list backups.velero.io in namespace velero']);
  });

  it('sends the rules reviews and the cluster-scoped access reviews at once', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const cluster = {
      async accessRules(ns: string) {
        sent.push(`rules ${ns}`);
        await gate;
        return { rules: VELERO_READ, incomplete: false };
      },
      async can(c: AccessCheck) {
        sent.push(`can ${accessText(c)}`);
        await gate;
        return true;
      },
    } as unknown as ClusterService;
    const answered = answerChecks(cluster, checks);
    await new Promise((r) => setTimeout(r, 0));
    // Nothing has answered yet and everything is already asked.
    expect(sent.sort()).toEqual(['can delete namespaces', 'rules app', 'rules velero']);
    release();
    expect(values(await answered)).toEqual([false, true, false, true]);
  });

  it('uses access reviews alone when the cluster has no rules reviews', async () => {
    const asked: string[] = [];
    const cluster = { can: async (c: AccessCheck) => (asked.push(accessText(c)), c.verb === 'list') } as unknown as ClusterService;
    expect(values(await answerChecks(cluster, checks))).toEqual([false, true, false, false]);
    expect(asked.length).toBe(checks.length);
  });
});
