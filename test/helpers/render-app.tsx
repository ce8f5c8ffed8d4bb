// Renders the whole app against a demo backend the test controls, and polls
// frames instead of sleeping.
import { render } from 'ink-testing-library';
import { App } from '../../src/app.js';
import { AppProvider } from '../../src/components/app-context.js';
import { createEffectContext } from '../../src/state/bootstrap.js';
import { reconnect } from '../../src/state/session.js';
import { createDemoBackend } from '../../src/services/demo/index.js';
import type { EffectContext } from '../../src/state/context.js';
import type { ScreenName } from '../../src/state/types.js';

export type DemoOptions = NonNullable<Parameters<typeof createDemoBackend>[0]>;

export interface AppHarness {
  ctx: EffectContext;
  backend: ReturnType<typeof createDemoBackend>;
  frame(): string;
  /** Every frame rendered so far, oldest first (to assert something never showed). */
  frames(): string[];
  /** The app asked to exit (q, ctrl-c, or y in the quit dialog). */
  readonly quit: boolean;
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /**
   * Presses `key` until `done(frame)`, one press at a time: each waits for its
   * frame first, so a slow render (a loaded machine) never makes it press past
   * the goal. Throws, naming `what`, after `max` presses.
   */
  pressUntil(key: string, done: (frame: string) => boolean, what: string, max?: number): Promise<void>;
  goto(screen: ScreenName): Promise<void>;
  unmount(): void;
}

export const KEYS: Record<string, string> = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  'shift-tab': '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  right: '\u001b[C',
  backspace: '\u007f',
  'ctrl-d': '\u0004',
  'ctrl-r': '\u0012',
  'ctrl-c': '\u0003',
  pgdn: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  pgup: '\u001b[5~',
};

export async function renderApp(
  opts: { demo?: DemoOptions; readonly?: boolean; now?: () => Date; backend?: ReturnType<typeof createDemoBackend> } = {},
): Promise<AppHarness> {
  const backend = opts.backend ?? createDemoBackend({ tick: 20, ...opts.demo });
  // The app closes its backend when a connection attempt fails; the test keeps
  // driving the same simulated world across retries, so only unmount closes it.
  const shared = { ...backend, close: () => undefined };
  const ctx = createEffectContext({ demo: true, readonly: opts.readonly ?? false, options: {}, open: async () => shared, now: opts.now });
  let quit = false;
  const instance = render(
    <AppProvider ctx={ctx}>
      <App onQuit={() => (quit = true)} />
    </AppProvider>,
  );
  const frame = () => instance.lastFrame() ?? '';
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const harness: AppHarness = {
    ctx,
    backend,
    frame,
    frames: () => [...instance.frames],
    get quit() {
      return quit;
    },
    async press(...keys) {
      for (const k of keys) {
        instance.stdin.write(KEYS[k] ?? k);
        await tick();
      }
    },
    async type(text) {
      for (const ch of text) {
        instance.stdin.write(ch);
        await tick();
      }
    },
    async waitFor(predicate, timeoutMs = 4000) {
      const test =
        typeof predicate === 'function' ? predicate : typeof predicate === 'string' ? (f: string) => f.includes(predicate) : (f: string) => predicate.test(f);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (test(f)) return f;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(predicate)}; last frame:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async pressUntil(key, done, what, max = 40) {
      for (let i = 0; i <= max; i++) {
        const before = frame();
        if (done(before)) return;
        if (i === max) break;
        await harness.press(key);
        await harness.waitFor((f) => f !== before, 2000).catch(() => undefined);
      }
      throw new Error(`${what} not reached after ${max} presses of ${key}; last frame:\n${frame()}`);
    },
    async goto(screen) {
      const index = ['storage', 'snapshots', 'schedule', 'restore'].indexOf(screen) + 1;
      await harness.press(String(index));
    },
    unmount() {
      instance.unmount();
      backend.close();
    },
  };
  await reconnect(ctx);
  return harness;
}
