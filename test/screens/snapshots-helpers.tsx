// Helpers shared by the Snapshots screen tests.
import type { AppHarness } from '../helpers/render-app.js';
import type { Backup, DeleteBackupRequest } from '../../src/services/model.js';

/** A fixed clock, so names and ages are known. */
export const AT = new Date('2025-06-12T09:30:00Z');
export const fixedClock = () => new Date(AT);

/** Moves the list cursor onto `name` (the selected row starts with "› "). */
export async function selectSnapshot(h: AppHarness, name: string): Promise<void> {
  await h.waitFor(name);
  await h.pressUntil('down', (f) => f.includes(`› ${name}`), `Row ${name} selected`, 60);
}

export function created<T = unknown>(h: AppHarness, kind: string): T[] {
  return h.backend.demo.calls.filter((c) => c.method === 'create' && c.args[0] === kind).map((c) => c.args[1] as T);
}
export const createdBackups = (h: AppHarness) => created<Backup>(h, 'Backup');
export const createdDeleteRequests = (h: AppHarness) => created<DeleteBackupRequest>(h, 'DeleteBackupRequest');

/** Steps the paused simulation one tick at a time (letting React render) until `done()` holds. */
export async function stepUntil(h: AppHarness, done: () => boolean, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (done()) return;
    h.backend.demo.step();
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Condition not reached after ${max} steps; last frame:\n${h.frame()}`);
}

/** Names of the list rows in the frame, in order; the (middle-cut) scheduled name reads "scheduled". */
export function listedNames(frame: string): string[] {
  return frame
    .split('\n')
    .map((line) => /^[› ] ((?:instance|harness|snapshots)-[\w-]+)/.exec(line)?.[1])
    .filter((n): n is string => Boolean(n))
    .map((n) => (n.startsWith('snapshots-') ? 'scheduled' : n));
}
