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
import { pendingVelero } from './velero-pending.js';
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

/** The connect() in progress for each context: a newer one owns the context, an older one stops touching it. */
const attempts = new WeakMap<EffectContext, object>();

export async function connect(ctx: EffectContext, resolveProfile: ProfileResolver, plan: ConnectPlan = {}): Promise<void> {
  const { store } = ctx;
  const step = (text: string) => store.dispatch({ type: 'connection/update', patch: { status: 'connecting', step: text, problem: undefined } });
  const fail = (problem: Problem) => store.dispatch({ type: 'connection/update', patch: { status: 'failed', problem, step: undefined } });

  disconnect(ctx);
  if (store.getState().access) store.dispatch({ type: 'access/set', access: undefined });
  const attempt = {};
  attempts.set(ctx, attempt);
  const superseded = () => attempts.get(ctx) !== attempt;
  let backend: Backend | undefined;
  let watching = false;
  // Where the steps, one after another, used to have the session: from here a failure keeps it.
  let sessionDue = false;
  const before = store.getState().connection;
  // On failure, nothing started early may show: the watches stop and their state is put back.
  const undoStart = () => {
    if (!watching) return;
    stopWatches(ctx);
    store.dispatch({ type: 'connection/update', patch: { watch: before.watch, watchError: before.watchError } });
    if (!sessionDue) ctx.session = undefined;
  };
  try {
    step('Loading kubeconfig');
    backend = await ctx.open(ctx.options);
    if (superseded()) return;
    const cluster = backend.cluster.info();
    store.dispatch({ type: 'connection/update', patch: { cluster } });

    // Independent requests go out together, and their results are looked at in
    // the order the steps used to run one after another, so the status screen
    // names the same problem: a failed ping wins over a failed Velero lookup,
    // and no Velero wins over a profile that cannot be resolved.
    step(`Contacting the Kubernetes API at ${cluster.server}`);
    const given = ctx.options.veleroNamespace;
    const ping = backend.cluster.ping();
    const lookup = given !== undefined ? Promise.resolve(given) : findVeleroNamespace(backend.cluster);
    const lookupDone = settled(lookup);
    // The profile needs Velero only when the cluster does not name the app: it is
    // detected alongside, with a Velero whose calls wait for the lookup.
    // Named by --velero-namespace, the session and its lists need not wait either.
    if (given) watching = startSession(ctx, backend, given, plan);
    const profile = startProfile(given ? ctx : { ...ctx, session: { backend, velero: pendingVelero(backend, lookup) } }, resolveProfile);
    const profileDone = settled(profile);
    await ping;
    if (superseded()) return;

    // A step is shown only while it is still being waited for (each one is a frame to draw).
    if (!lookupDone()) step('Looking for Velero');
    const namespace = await lookup;
    if (superseded()) return;
    if (!namespace) {
      backend.close();
      return fail({
        kind: 'no-velero',
        message: 'Velero is not installed in this cluster: no Deployment named "velero" was found.',
        hint: 'Install Velero, or pass --velero-namespace if it runs under another name.',
      });
    }
    sessionDue = true;
    store.dispatch({ type: 'connection/update', patch: { veleroNamespace: namespace } });

    // The watches' first lists go out while the profile is resolved; the list shows once both are in.
    if (!given) watching = startSession(ctx, backend, namespace, plan);
    if (!profileDone()) step('Resolving the app profile');
    const resolved = await profile;
    if (superseded()) return;
    if ('problem' in resolved) {
      undoStart();
      return fail({ kind: 'invalid', message: resolved.problem });
    }
    store.dispatch({ type: 'profile/set', profile: resolved });

    const interactive = plan.interactive ?? plan.kinds === undefined;
    if (interactive) ctx.stops.push(startStallWatch(ctx), startHeartbeat(ctx));
    store.dispatch({ type: 'connection/update', patch: { status: 'ready', step: undefined } });
    if (plan.checkServer !== false) void checkServer(ctx);
    if (interactive) void checkAccess(ctx);
  } catch (err) {
    if (superseded()) return;
    undoStart();
    if (!ctx.session) backend?.close();
    fail(problemOf(err));
  }
}

/** Makes the session for Velero's namespace and opens its watches. */
function startSession(ctx: EffectContext, backend: Backend, namespace: string, plan: ConnectPlan): true {
  ctx.session = { backend, velero: backend.velero(namespace) };
  startWatches(ctx, plan.kinds);
  return true;
}

/** Starts resolving the profile; its failure is looked at (or not) later, never unhandled. */
function startProfile(ctx: EffectContext, resolveProfile: ProfileResolver): Promise<AppProfile | { problem: string }> {
  let profile: Promise<AppProfile | { problem: string }>;
  try {
    profile = resolveProfile(ctx);
  } catch (err) {
    profile = Promise.reject(err);
  }
  return profile;
}

/**
 * Marks a promise as handled (whoever awaits it later still sees its rejection)
 * and tells whether it has settled.
 */
function settled(p: Promise<unknown>): () => boolean {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
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
