// The access slice: which SelfSubjectAccessReviews are asked, how a denial
// reads, and that an unanswerable review never blocks anything.
import { describe, expect, it } from 'vitest';
import { accessRefusal, allAccessChecks, checkAccess, accessText } from '../../../src/state/access.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { createDemoBackend } from '../../../src/services/demo/index.js';
import { ServiceError, type AccessCheck } from '../../../src/services/interfaces.js';
import { reconnect, shutdown } from '../../../src/state/session.js';

async function connected(can?: (c: AccessCheck) => Promise<boolean>) {
  const backend = createDemoBackend({ tick: 1000 });
  const cluster = can ? { ...backend.cluster, can } : backend.cluster;
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => ({ ...backend, cluster }) });
  await reconnect(ctx, { checkServer: false, interactive: false });
  return ctx;
}

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

  it('names the first permission missing for an action; allowed and unknown ones refuse nothing', async () => {
    const asked: string[] = [];
    const ctx = await connected(async (c) => {
      asked.push(accessText(c));
      if (c.resource === 'restores') return false;
      if (c.resource === 'schedules') throw new ServiceError('unreachable', 'no answer');
      return true;
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
    const ctx = await connected(() => new Promise<boolean>(() => undefined));
    expect(ctx.store.getState().access).toBeUndefined();
    expect(accessRefusal(ctx.store.getState(), 'restore-create')).toBeUndefined();
    shutdown(ctx);
  });
});
