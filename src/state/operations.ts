// Long-running actions started by this program, tracked in the store so the
// header and screens can show them and `q` can warn before quitting.
import { ServiceError } from '../services/interfaces.js';
import type { EffectContext } from './context.js';

export function errorText(err: unknown): string {
  if (err instanceof ServiceError) return err.hint ? `${err.message} — ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Runs `work` as a named operation; its result or failure is recorded, then rethrown/returned. */
export async function runOperation<T>(
  ctx: EffectContext,
  id: string,
  title: string,
  work: (report: (detail: string, progress?: { done: number; total: number }) => void) => Promise<T>,
): Promise<T> {
  const { store } = ctx;
  store.dispatch({ type: 'operation/start', op: { id, title }, at: ctx.now().getTime() });
  try {
    const result = await work((detail, progress) => store.dispatch({ type: 'operation/update', id, detail, progress }));
    store.dispatch({ type: 'operation/end', id, ok: true, at: ctx.now().getTime() });
    return result;
  } catch (err) {
    store.dispatch({ type: 'operation/end', id, ok: false, detail: errorText(err), at: ctx.now().getTime() });
    throw err;
  }
}

export function notify(ctx: EffectContext, level: 'info' | 'warn' | 'error', text: string): void {
  ctx.store.dispatch({ type: 'notice', notice: { level, text, at: ctx.now().getTime() } });
}
