// Session-level actions: (re)connect, switch context, switch to demo.
import { openDemo } from './bootstrap.js';
import type { EffectContext } from './context.js';
import { connect, disconnect, type ConnectPlan } from './connection.js';
import { resolveSessionProfile } from './profile.js';

export async function reconnect(ctx: EffectContext, plan?: ConnectPlan): Promise<void> {
  await connect(ctx, resolveSessionProfile, plan);
}

export async function switchContext(ctx: EffectContext, context: string): Promise<void> {
  ctx.options = { ...ctx.options, context };
  await reconnect(ctx);
}

/** Leaves the real cluster alone and runs against the simulated one. */
export async function switchToDemo(ctx: EffectContext): Promise<void> {
  disconnect(ctx);
  ctx.open = openDemo;
  ctx.store.dispatch({ type: 'mode/set', mode: 'demo' });
  await reconnect(ctx);
}

export function shutdown(ctx: EffectContext): void {
  disconnect(ctx);
}
