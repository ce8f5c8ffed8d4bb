// Renders the whole App (the real screens and state) connected through the
// REAL backend to the lab, like render-app.tsx does with the demo backend.
// Frames are polled, never slept on. The terminal is an in-memory one of a
// chosen size (ink-testing-library's is fixed at 100 columns, no rows).
import { render as inkRender, type Instance } from 'ink';
import { App } from '../../../src/app.js';
import { AppProvider } from '../../../src/components/app-context.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { reconnect, shutdown } from '../../../src/state/session.js';
import type { EffectContext } from '../../../src/state/context.js';
import type { ScreenName } from '../../../src/state/types.js';
import { KEYS } from '../../helpers/render-app.js';
import { FakeKeyboard, FakeScreen } from '../../helpers/fake-tty.js';

export { KEYS };

export interface RealAppHarness {
  ctx: EffectContext;
  frame(): string;
  frames(): string[];
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  goto(screen: ScreenName): Promise<void>;
  unmount(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function renderRealApp(opts: { kubeconfig: string; columns?: number; rows?: number; readonly?: boolean }): Promise<RealAppHarness> {
  const ctx = createEffectContext({ demo: false, readonly: opts.readonly ?? false, options: { kubeconfig: opts.kubeconfig } });
  const stdout = new FakeScreen(opts.columns ?? 120, opts.rows ?? 40);
  const stdin = new FakeKeyboard();
  const instance: Instance = inkRender(
    <AppProvider ctx={ctx}>
      <App />
    </AppProvider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeScreen(120, 40) as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const frame = () => stdout.last;
  const match = (predicate: string | RegExp | ((f: string) => boolean)) =>
    typeof predicate === 'function' ? predicate : typeof predicate === 'string' ? (f: string) => f.includes(predicate) : (f: string) => predicate.test(f);
  const h: RealAppHarness = {
    ctx,
    frame,
    frames: () => [...stdout.frames],
    async press(...keys) {
      for (const k of keys) {
        stdin.write(KEYS[k] ?? k);
        await sleep(20);
      }
    },
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await sleep(5);
      }
      await sleep(20);
    },
    async waitFor(predicate, timeoutMs = 15_000) {
      const test = match(predicate);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (test(f)) return f;
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(predicate)}; last frame:\n${f}`);
        await sleep(25);
      }
    },
    async goto(screen) {
      const index = ['storage', 'snapshots', 'schedule', 'restore'].indexOf(screen) + 1;
      await h.press(String(index));
    },
    unmount() {
      instance.unmount();
      shutdown(ctx);
    },
  };
  await reconnect(ctx);
  const state = ctx.store.getState().connection;
  if (state.status !== 'ready') throw new Error(`The TUI did not connect to the lab: ${JSON.stringify(state)}`);
  return h;
}
