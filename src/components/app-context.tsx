// Gives screens the store (read with selectors) and the effect context (to
// start actions). Screens never see the backend itself.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { EffectContext } from '../state/context.js';
import type { AppState } from '../state/types.js';

const Ctx = createContext<EffectContext | null>(null);

export function AppProvider({ ctx, children }: { ctx: EffectContext; children: ReactNode }) {
  return <Ctx.Provider value={ctx}>{children}</Ctx.Provider>;
}

export function useEffectContext(): EffectContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useEffectContext outside AppProvider');
  return ctx;
}

/**
 * Subscribes to the part of the state `select` returns. The selector must
 * return stored references or primitives (or be memoized), so an unrelated
 * change does not re-render the component.
 */
export function useAppState<T>(select: (state: AppState) => T): T {
  const { store } = useEffectContext();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
