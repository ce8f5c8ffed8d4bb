// Connecting: kubeconfig → apiserver → Velero namespace → Velero server →
// app profile → watches. Every failure ends in a Problem the status screen
// can explain; nothing here throws to the UI.
import { ServiceError, type Backend } from '../services/interfaces.js';
import type { AppProfile } from '../services/profile.js';
import type { VeleroKind } from '../services/model.js';
import { requireSession, type EffectContext } from './context.js';
import { startWatches, stopWatches } from './watches.js';
import { checkAccess } from './access.js';
import { startStallWatch } from './stall.js';
import { startHeartbeat } from './heartbeat.js';
import type { Problem } from './types.js';

/** The oldest Velero version the e2e lab runs; older ones get a warning. */
export const OLDEST_TESTED_VELERO = '1.18.0';

export type ProfileResolver = (ctx: EffectContext) => Promise<AppProfile | { problem: string }>;

export interface ConnectPlan {
  /** Kinds to watch (default: all). Commands watch only what they show. */
  kinds?: VeleroKind[];
  /** Ask the Velero server for its version (creates a ServerStatusRequest). Default true. */
  checkServer?: boolean;
  /**
   * The terminal UI's extras: ask what the user may change (SelfSubjectAccessReviews)
   * and watch running snapshots/restores for stalls. Default: on when every kind is watched.
   */
  interactive?: boolean;
}

export async function connect(ctx: EffectContext, resolveProfile: ProfileResolver, plan: ConnectPlan = {}): Promise<void> {
  const { store } = ctx;
  const step = (text: string) => store.dispatch({ type: 'connection/update', patch: { status: 'connecting', step: text, problem: undefined } });
  const fail = (problem: Problem) => store.dispatch({ type: 'connection/update', patch: { status: 'failed', problem, step: undefined } });

  disconnect(ctx);
  if (store.getState().access) store.dispatch({ type: 'access/set', access: undefined });
  let backend: Backend | undefined;
  try {
    step('Loading kubeconfig');
    backend = await ctx.open(ctx.options);
    const cluster = backend.cluster.info();
    store.dispatch({ type: 'connection/update', patch: { cluster } });

    step(`Contacting the Kubernetes API at ${cluster.server}`);
    await backend.cluster.ping();

    step('Looking for Velero');
    const namespace = ctx.options.veleroNamespace ?? (await findVeleroNamespace(backend.cluster));
    if (!namespace) {
      backend.close();
      return fail({
        kind: 'no-velero',
        message: 'Velero is not installed in this cluster: no Deployment named "velero" was found.',
        hint: 'Install Velero, or pass --velero-namespace if it runs under another name.',
      });
    }
    ctx.session = { backend, velero: backend.velero(namespace) };
    store.dispatch({ type: 'connection/update', patch: { veleroNamespace: namespace } });

    step('Resolving the app profile');
    const profile = await resolveProfile(ctx);
    if ('problem' in profile) return fail({ kind: 'invalid', message: profile.problem });
    store.dispatch({ type: 'profile/set', profile });

    startWatches(ctx, plan.kinds);
    const interactive = plan.interactive ?? plan.kinds === undefined;
    if (interactive) ctx.stops.push(startStallWatch(ctx), startHeartbeat(ctx));
    store.dispatch({ type: 'connection/update', patch: { status: 'ready', step: undefined } });
    if (plan.checkServer !== false) void checkServer(ctx);
    if (interactive) void checkAccess(ctx);
  } catch (err) {
    if (!ctx.session) backend?.close();
    fail(problemOf(err));
  }
}

/** Asks the Velero server for its version and plugins; a silent server is a warning, not a failure. */
export async function checkServer(ctx: EffectContext): Promise<void> {
  const { velero } = requireSession(ctx);
  try {
    const server = await velero.serverStatus(8000);
    const versionWarning = olderThan(server.serverVersion, OLDEST_TESTED_VELERO)
      ? `Velero ${server.serverVersion} is older than ${OLDEST_TESTED_VELERO}, the oldest version this tool is tested against.`
      : undefined;
    ctx.store.dispatch({ type: 'connection/update', patch: { server, versionWarning } });
  } catch (err) {
    // Not allowed to ask (a restricted user) says nothing about whether Velero runs.
    if (err instanceof ServiceError && err.kind === 'forbidden') return;
    ctx.store.dispatch({
      type: 'connection/update',
      patch: { versionWarning: `Velero server is not answering (${err instanceof Error ? err.message : String(err)}); snapshots and restores will not progress.` },
    });
  }
}

async function findVeleroNamespace(cluster: { findDeployments(name: string): Promise<string[]> }): Promise<string | undefined> {
  const namespaces = await cluster.findDeployments('velero');
  return namespaces.includes('velero') ? 'velero' : namespaces[0];
}

export function disconnect(ctx: EffectContext): void {
  stopWatches(ctx);
  ctx.session?.backend.close();
  ctx.session = undefined;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ServiceError) return { kind: err.kind, message: err.message, hint: err.hint };
  return { kind: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

/** Compares "v1.17.2" style versions; unknown versions are not flagged. */
export function olderThan(version: string | undefined, oldest: string): boolean {
  const parse = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((n) => Number.parseInt(n, 10));
  if (!version) return false;
  const a = parse(version);
  const b = parse(oldest);
  if (a.some(Number.isNaN)) return false;
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
