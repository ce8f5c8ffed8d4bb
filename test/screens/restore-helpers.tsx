// Helpers shared by the Restore screen tests: pick a row, read demo calls,
// run the paused simulation until something holds.
import type { AppHarness } from '../helpers/render-app.js';
import type { Restore } from '../../src/services/model.js';

/** A fixed clock, so restore names (stamped with the time) are known. */
export const AT = new Date('2025-06-12T09:30:00Z');
export const fixedClock = () => new Date(AT);

/** On the restore home, move the selection onto `name` (rows are prefixed "> " when selected). */
export async function selectRow(h: AppHarness, name: string): Promise<void> {
  await h.waitFor(name);
  await h.pressUntil('down', (f) => f.includes(`> ${name}`), `Row ${name} selected`);
}

export function callsOf(h: AppHarness, method: string) {
  return h.backend.demo.calls.filter((c) => c.method === method);
}

export function createdRestores(h: AppHarness): Restore[] {
  return callsOf(h, 'create')
    .filter((c) => c.args[0] === 'Restore')
    .map((c) => c.args[1] as Restore);
}

/** Steps the paused simulation one tick at a time (letting React render) until `done()` holds. */
export async function stepUntil(h: AppHarness, done: () => boolean, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (done()) return;
    h.backend.demo.step();
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Condition not reached after ${max} steps; last frame:\n${h.frame()}`);
}

export const restoreIn = (h: AppHarness, name: string) => h.ctx.store.getState().objects.Restore[name];
