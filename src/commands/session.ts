// A headless session for command mode: same store and effects as the TUI,
// connected with only the watches the command needs.
import type { CliArgs } from '../cli-args.js';
import type { Backend } from '../services/interfaces.js';
import type { VeleroKind } from '../services/model.js';
import type { ConnectOptions } from '../services/options.js';
import { createEffectContext } from '../state/bootstrap.js';
import type { EffectContext } from '../state/context.js';
import { reconnect, shutdown } from '../state/session.js';
import { CommandError, EXIT } from './output.js';

/** What tests swap: how the backend is opened (a demo backend they control) and the clock. */
export interface CommandDeps {
  open?: (opts: ConnectOptions) => Promise<Backend>;
  now?: () => Date;
}

export interface SessionOptions {
  checkServer?: boolean;
  deps?: CommandDeps;
  /** Connect with these options instead of the flags' (e.g. without --app). */
  connect?: ConnectOptions;
}

export async function openSession(args: CliArgs, kinds: VeleroKind[], opts: SessionOptions = {}): Promise<EffectContext> {
  const ctx = createEffectContext({
    demo: args.demo,
    readonly: args.readonly,
    options: opts.connect ?? args.connect,
    open: opts.deps?.open,
    now: opts.deps?.now,
  });
  await reconnect(ctx, { kinds, checkServer: opts.checkServer ?? false });
  const conn = ctx.store.getState().connection;
  if (conn.status !== 'ready') {
    shutdown(ctx);
    const p = conn.problem;
    const text = `${p?.message ?? 'Not connected'}${p?.hint ? `\n${p.hint}` : ''}`;
    throw new CommandError(p?.kind === 'invalid' ? EXIT.usage : EXIT.unreachable, text);
  }
  await waitLoaded(ctx, kinds);
  return ctx;
}

/** Opens a session, runs `work` with it, and always disconnects. */
export async function withSession<T>(args: CliArgs, kinds: VeleroKind[], opts: SessionOptions, work: (ctx: EffectContext) => Promise<T>): Promise<T> {
  const ctx = await openSession(args, kinds, opts);
  try {
    return await work(ctx);
  } finally {
    shutdown(ctx);
  }
}

/** Resolves once every watched kind has had its first list. */
export function waitLoaded(ctx: EffectContext, kinds: VeleroKind[], timeoutMs = 30_000): Promise<void> {
  const done = () => kinds.every((k) => ctx.store.getState().loaded[k]);
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new CommandError(EXIT.unreachable, `Timed out listing ${kinds.join(', ')} from the cluster.`));
    }, timeoutMs);
    const unsubscribe = ctx.store.subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Resolves when `predicate` holds for the store's state (checked on every change). */
export function waitUntil(ctx: EffectContext, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = ctx.store.subscribe(() => {
      if (!predicate()) return;
      unsubscribe();
      resolve();
    });
  });
}
