// connect() sends independent requests together (ping with the Velero lookup,
// the watches' lists with the profile's requests) and still reports problems
// in the order its steps used to run one after another. The fake records the
// order of calls and answers only when the test says so.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend } from '../../../src/services/demo/index.js';
import { ServiceError, type Backend, type VeleroService } from '../../../src/services/interfaces.js';
import type { AppProfile } from '../../../src/services/profile.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { connect, disconnect, type ProfileResolver } from '../../../src/state/connection.js';
import type { EffectContext } from '../../../src/state/context.js';
import type { ConnectOptions } from '../../../src/services/options.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const PROFILE: AppProfile = { slug: 'harness', appNamespaces: ['harness'], adminNamespace: 'kotsadm', extraNamespaces: [], storageLocation: 'default', defaultVolumesToFsBackup: false, source: 'flags' };
const flush = () => new Promise((r) => setTimeout(r, 5));

/** A demo backend whose ping, Velero lookup and profile answer on demand, with every call logged. */
function rig(options: ConnectOptions = {}) {
  const demo = createDemoBackend({ tick: 1000 });
  const log: string[] = [];
  const ping = deferred<void>();
  const lookup = deferred<string[]>();
  const profile = deferred<AppProfile | { problem: string }>();
  let closed = 0;
  const backend: Backend = {
    ...demo,
    cluster: {
      ...demo.cluster,
      ping: () => (log.push('ping'), ping.promise),
      findDeployments: (name) => (log.push(`findDeployments ${name}`), lookup.promise),
    },
    velero(namespace): VeleroService {
      const v = demo.velero(namespace);
      return {
        ...v,
        watch(kind, handlers, selector) {
          log.push(`watch ${kind}`);
          const stop = v.watch(kind, handlers, selector);
          return () => {
            log.push(`stop ${kind}`);
            stop();
          };
        },
      };
    },
    close() {
      closed++;
      demo.close();
    },
  };
  const ctx = createEffectContext({ demo: true, readonly: false, options, open: async () => backend });
  const resolver: ProfileResolver = () => (log.push('profile'), profile.promise);
  const run = (plan = { kinds: ['Backup' as const], checkServer: false, interactive: false }) => connect(ctx, resolver, plan);
  return { ctx, log, ping, lookup, profile, run, closed: () => closed, demo };
}

const conn = (ctx: EffectContext) => ctx.store.getState().connection;
let open: EffectContext | undefined;
afterEach(() => {
  if (open) disconnect(open);
  open = undefined;
});

describe('connect: requests in parallel', () => {
  it('asks for the ping, the Velero lookup and the profile together, before any answers', async () => {
    const r = rig();
    open = r.ctx;
    const done = r.run();
    await flush();
    expect(r.log).toEqual(['ping', 'findDeployments velero', 'profile']);
    expect(conn(r.ctx).step).toMatch(/^Contacting the Kubernetes API/);
    // The lookup answering first changes nothing until the ping has.
    r.lookup.resolve(['velero']);
    await flush();
    expect(r.log).toEqual(['ping', 'findDeployments velero', 'profile']);
    expect(r.ctx.session).toBeUndefined();
    r.ping.resolve();
    await flush();
    // Then the watches' lists go out, while the profile is still being resolved.
    expect(r.log).toEqual(['ping', 'findDeployments velero', 'profile', 'watch Backup']);
    expect(conn(r.ctx)).toMatchObject({ status: 'connecting', step: 'Resolving the app profile', veleroNamespace: 'velero' });
    // The list arrived while the profile is still being resolved; ready only once it is.
    expect(r.ctx.store.getState().loaded.Backup).toBe(true);
    r.profile.resolve(PROFILE);
    await done;
    expect(conn(r.ctx).status).toBe('ready');
    expect(r.ctx.store.getState().profile).toEqual(PROFILE);
    expect(r.log.filter((l) => l.startsWith('stop'))).toEqual([]);
  });

  it('with --velero-namespace, starts the lists and the profile with the ping', async () => {
    const r = rig({ veleroNamespace: 'velero' });
    open = r.ctx;
    const done = r.run();
    await flush();
    expect(r.log).toEqual(['ping', 'watch Backup', 'profile']);
    expect(r.ctx.session?.velero.namespace).toBe('velero');
    r.profile.resolve(PROFILE);
    await flush();
    // Not ready before the ping says the credentials work.
    expect(conn(r.ctx).status).toBe('connecting');
    r.ping.resolve();
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'ready', veleroNamespace: 'velero' });
  });
});

describe('connect: steps shown', () => {
  function steps(ctx: EffectContext): string[] {
    const seen: string[] = [];
    ctx.store.subscribe(() => {
      const step = conn(ctx).step;
      if (step && seen.at(-1) !== step) seen.push(step);
    });
    return seen;
  }

  it('shows a step only while it is waited for', async () => {
    const r = rig();
    open = r.ctx;
    const seen = steps(r.ctx);
    const done = r.run();
    await flush();
    r.lookup.resolve(['velero']);
    r.profile.resolve(PROFILE);
    await flush();
    r.ping.resolve();
    await done;
    expect(seen.map((s) => s.replace(/ at .*/, ''))).toEqual(['Loading kubeconfig', 'Contacting the Kubernetes API']);
  });

  it('shows each step when each is slow', async () => {
    const r = rig();
    open = r.ctx;
    const seen = steps(r.ctx);
    const done = r.run();
    await flush();
    r.ping.resolve();
    await flush();
    r.lookup.resolve(['velero']);
    await flush();
    r.profile.resolve(PROFILE);
    await done;
    expect(seen.map((s) => s.replace(/ at .*/, ''))).toEqual(['Loading kubeconfig', 'Contacting the Kubernetes API', 'Looking for Velero', 'Resolving the app profile']);
  });
});

describe('connect: the same problem as one step after another', () => {
  const unreachable = new ServiceError('unreachable', 'Cannot reach the Kubernetes API at https://x: connection refused', 'Is the cluster up?');
  const forbidden = new ServiceError('forbidden', 'deployments.apps is forbidden', 'ask for RBAC');

  it('a failed ping wins over a failed lookup that failed first', async () => {
    const r = rig();
    const done = r.run();
    await flush();
    r.lookup.reject(forbidden);
    await flush();
    expect(conn(r.ctx).status).toBe('connecting');
    r.ping.reject(unreachable);
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'unreachable', message: unreachable.message, hint: 'Is the cluster up?' } });
    expect(r.ctx.session).toBeUndefined();
    expect(r.closed()).toBe(1);
  });

  it('a failed ping wins over a lookup still under way (whose failure then goes nowhere)', async () => {
    const r = rig();
    const done = r.run();
    await flush();
    r.ping.reject(unreachable);
    await done;
    expect(conn(r.ctx).problem?.kind).toBe('unreachable');
    // Rejecting the abandoned lookup must not be an unhandled rejection (vitest fails the run on one).
    r.lookup.reject(forbidden);
    await flush();
    expect(conn(r.ctx).problem?.kind).toBe('unreachable');
  });

  it('a failed lookup after a good ping is the problem', async () => {
    const r = rig();
    const done = r.run();
    await flush();
    r.ping.resolve();
    r.lookup.reject(forbidden);
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'forbidden', message: forbidden.message } });
    expect(r.closed()).toBe(1);
    expect(r.log).toEqual(['ping', 'findDeployments velero', 'profile']);
  });

  it('no Velero: says so whatever the profile says, and opens no watches', async () => {
    const r = rig();
    const done = r.run();
    r.ping.resolve();
    r.profile.resolve({ problem: 'No app found' });
    r.lookup.resolve([]);
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'no-velero' } });
    expect(conn(r.ctx).problem?.message).toContain('Velero is not installed in this cluster');
    expect(r.log).toEqual(['ping', 'findDeployments velero', 'profile']);
    expect(r.ctx.session).toBeUndefined();
    expect(r.closed()).toBe(1);
  });

  it('no Velero also wins over a profile that failed with an error', async () => {
    const r = rig();
    const done = r.run();
    await flush();
    r.profile.reject(forbidden);
    await flush();
    r.ping.resolve();
    r.lookup.resolve([]);
    await done;
    expect(conn(r.ctx).problem?.kind).toBe('no-velero');
  });

  it('prefers the namespace called velero among several', async () => {
    const r = rig();
    open = r.ctx;
    const done = r.run();
    r.ping.resolve();
    r.lookup.resolve(['backup', 'velero']);
    r.profile.resolve(PROFILE);
    await done;
    expect(conn(r.ctx).veleroNamespace).toBe('velero');
  });

  it('a profile problem: stops the watches started with it, and their state is as before', async () => {
    const r = rig();
    open = r.ctx;
    const before = conn(r.ctx).watch;
    const done = r.run();
    r.ping.resolve();
    r.lookup.resolve(['velero']);
    await flush();
    expect(conn(r.ctx).watch).toBe('live');
    r.profile.resolve({ problem: 'Found several apps: a (a); b (b). Pass --app SLUG to choose one.' });
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'invalid', message: 'Found several apps: a (a); b (b). Pass --app SLUG to choose one.' }, watch: before });
    expect(r.log).toContain('stop Backup');
    // As before: the session stays (the retry closes it), only the watches are gone.
    expect(r.ctx.session).toBeDefined();
    expect(r.closed()).toBe(0);
  });

  it('a profile that fails with an error: that error, watches stopped', async () => {
    const r = rig();
    open = r.ctx;
    const done = r.run();
    r.ping.resolve();
    r.lookup.resolve(['velero']);
    await flush();
    r.profile.reject(unreachable);
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'unreachable' } });
    expect(r.log).toContain('stop Backup');
  });

  it('with --velero-namespace, a failed ping wins over the profile and undoes the early start', async () => {
    const r = rig({ veleroNamespace: 'velero' });
    const before = conn(r.ctx).watch;
    const done = r.run();
    await flush();
    r.profile.reject(forbidden);
    await flush();
    r.ping.reject(unreachable);
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'unreachable' }, watch: before });
    expect(r.log).toEqual(['ping', 'watch Backup', 'profile', 'stop Backup']);
    expect(r.ctx.session).toBeUndefined();
    expect(r.closed()).toBe(1);
  });

  it('with --velero-namespace, a profile problem is reported once the ping is good', async () => {
    const r = rig({ veleroNamespace: 'velero' });
    open = r.ctx;
    const done = r.run();
    r.profile.resolve({ problem: 'No app found' });
    await flush();
    expect(conn(r.ctx).status).toBe('connecting');
    r.ping.resolve();
    await done;
    expect(conn(r.ctx)).toMatchObject({ status: 'failed', problem: { kind: 'invalid', message: 'No app found' } });
  });
});

describe('connect: a newer attempt', () => {
  it('makes an older one stop touching the context', async () => {
    const r = rig();
    open = r.ctx;
    const first = r.run();
    await flush();
    // Retry pressed while the first attempt still waits for its ping.
    const second = connect(r.ctx, async () => PROFILE, { kinds: ['Backup'], checkServer: false, interactive: false });
    await flush();
    r.ping.resolve();
    r.lookup.resolve(['velero']);
    // The first attempt's profile answers with a problem: it must not land.
    r.profile.resolve({ problem: 'from the abandoned attempt' });
    await Promise.all([first, second]);
    expect(conn(r.ctx).status).toBe('ready');
    expect(conn(r.ctx).problem).toBeUndefined();
    // One set of watches: the second attempt's.
    expect(r.log.filter((l) => l === 'watch Backup')).toHaveLength(1);
  });
});

describe('connect: the profile before the Velero namespace is known', () => {
  it('reads the snapshots through a Velero that waits for the lookup, in the namespace found', async () => {
    const r = rig();
    open = r.ctx;
    const listed: string[] = [];
    const done = connect(r.ctx, async (ctx) => {
      const velero = ctx.session!.velero;
      expect(() => velero.namespace).toThrow(/still being looked up/);
      const backups = await velero.list('Backup');
      listed.push(`${velero.namespace}: ${backups.length}`);
      return PROFILE;
    }, { kinds: ['Backup'], checkServer: false, interactive: false });
    await flush();
    expect(listed).toEqual([]);
    r.ping.resolve();
    r.lookup.resolve(['velero']);
    await done;
    expect(listed).toEqual([`velero: ${Object.keys(r.ctx.store.getState().objects.Backup).length}`]);
    expect(listed[0]).not.toBe('velero: 0');
    expect(conn(r.ctx).status).toBe('ready');
  });

  it('without Velero, the profile\'s reads fail as not found (and no Velero is the problem)', async () => {
    const r = rig();
    let failure: unknown;
    const done = connect(r.ctx, async (ctx) => {
      failure = await ctx.session!.velero.list('Backup').catch((e: unknown) => e);
      return { problem: 'No app found' };
    }, { kinds: ['Backup'], checkServer: false, interactive: false });
    r.ping.resolve();
    r.lookup.resolve([]);
    await done;
    await flush();
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as ServiceError).kind).toBe('not-found');
    expect(conn(r.ctx).problem?.kind).toBe('no-velero');
  });
});
