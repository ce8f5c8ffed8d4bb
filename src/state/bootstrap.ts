// Builds the effect context for a run: the store plus how to open the backend.
import type { Backend } from '../services/interfaces.js';
import type { ConnectOptions } from '../services/options.js';
import type { EffectContext } from './context.js';
import { reducer, initialState } from './reducer.js';
import { createStore } from './store.js';

export interface RunSettings {
  demo: boolean;
  readonly: boolean;
  options: ConnectOptions;
  /** Override how the backend is opened (tests pass a demo backend they control). */
  open?: (opts: ConnectOptions) => Promise<Backend>;
  now?: () => Date;
}

export function createEffectContext(settings: RunSettings): EffectContext {
  const store = createStore(reducer, initialState({ mode: settings.demo ? 'demo' : 'real', readonly: settings.readonly }));
  return {
    store,
    options: settings.options,
    now: settings.now ?? (() => new Date()),
    open: settings.open ?? (settings.demo ? openDemo : openReal),
    stops: [],
  };
}

// Both are imported lazily: the demo never loads the SDKs, and the real
// backend's SDKs load while the first frame is already on screen.
export async function openDemo(): Promise<Backend> {
  const { createDemoBackend } = await import('../services/demo/index.js');
  // Hidden: tests speed the simulation up (milliseconds per step, default 500).
  const tick = Number(process.env.SNAPSHOTS_DEMO_TICK);
  return createDemoBackend(tick > 0 ? { tick } : {});
}

async function openReal(opts: ConnectOptions): Promise<Backend> {
  const { openRealBackend } = await import('../services/backend.js');
  return openRealBackend(opts);
}
