// The whole app in an in-memory terminal of a chosen size (ink-testing-library's
// has no rows and cannot be resized), against a paused demo cluster: for
// layout tests that count lines and rows.
import { render as inkRender, type Instance } from 'ink';
import { App } from '../../src/app.js';
import { AppProvider } from '../../src/components/app-context.js';
import { createEffectContext } from '../../src/state/bootstrap.js';
import { reconnect } from '../../src/state/session.js';
import { createDemoBackend, type DemoSeed } from '../../src/services/demo/index.js';
import type { EffectContext } from '../../src/state/context.js';
import { fixedClock } from './snapshots-helpers.js';
import { FakeKeyboard, FakeScreen } from '../helpers/fake-tty.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A frame without its colour and cursor sequences. */
export const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

export interface Rig {
  ctx: EffectContext;
  term: FakeScreen;
  keys: FakeKeyboard;
  instance: Instance;
  close: () => void;
}

export interface RigOptions {
  seed?: DemoSeed;
  /** Snapshots in the "many" seed. */
  count?: number;
  now?: () => Date;
  columns?: number;
  rows?: number;
}

export async function openRig({ seed, count, now = fixedClock, columns = 80, rows = 24 }: RigOptions = {}): Promise<Rig> {
  const backend = createDemoBackend({ tick: 20, now: fixedClock, ...(seed && { seed }), ...(count && { manyCount: count }) });
  backend.demo.pause(); // nothing changes on its own
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => ({ ...backend, close: () => undefined }), now });
  const term = new FakeScreen(columns, rows);
  const keys = new FakeKeyboard();
  const instance = inkRender(
    <AppProvider ctx={ctx}>
      <App />
    </AppProvider>,
    { stdout: term as unknown as NodeJS.WriteStream, stdin: keys as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  await reconnect(ctx);
  return {
    ctx,
    term,
    keys,
    instance,
    close: () => {
      instance.unmount();
      backend.close();
    },
  };
}

export const lastFrame = (r: Rig) => plain(r.term.frames.at(-1) ?? '');

export async function waitForFrame(r: Rig, test: (f: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const f = lastFrame(r);
    if (test(f)) return f;
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}; last frame:\n${lastFrame(r)}`);
}
