// Helpers shared by the Storage screen tests: open the form, move to a field,
// replace its text, and read what the demo backend was asked to write.
import type { AppHarness } from '../helpers/render-app.js';
import type { BackupStorageLocation } from '../../src/services/model.js';

export const CTRL_S = '\u0013';
export const CTRL_U = '\u0015';

export async function openStorage(h: AppHarness): Promise<void> {
  await h.goto('storage');
  await h.waitFor(/Space used .*(in the bucket|unreadable)/);
}

/** Opens the form with `e` (or `a` for read-only attach) and waits for it. */
export async function openForm(h: AppHarness, key: 'e' | 'a' = 'e'): Promise<void> {
  await h.press(key);
  await h.waitFor('Check and save');
}

/** The focused row of `label`: labels are padded to at least 2 spaces (trailing ones are trimmed). */
export function focusedLine(label: string): RegExp {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`› ${escaped}( {2,}|$)`, 'm');
}

/** Moves the focus (tab) onto the field whose label is `label`. */
export async function focus(h: AppHarness, label: string): Promise<void> {
  await h.pressUntil('tab', (f) => focusedLine(label).test(f), `Focus on field ${label}`, 20);
}

/** Moves the focus onto a button at the end of the form. */
export async function focusButton(h: AppHarness, label: 'Check only' | 'Check and save'): Promise<void> {
  await h.pressUntil('tab', (f) => new RegExp(`› +${label}`).test(f), `Focus on button ${label}`, 20);
}

/** Focuses a text field, clears it and types `text`. */
export async function fill(h: AppHarness, label: string, text: string): Promise<void> {
  await focus(h, label);
  await h.press(CTRL_U);
  if (text) await h.type(text);
}

/** Chooses an option of a select field by pressing → until it is selected. */
export async function choose(h: AppHarness, label: string, option: string): Promise<void> {
  await focus(h, label);
  await h.pressUntil('right', (f) => f.includes(`(•) ${option}`), `Option ${option} selected`, 5);
}

export function callsOf(h: AppHarness, method: string) {
  return h.backend.demo.calls.filter((c) => c.method === method);
}

export function writtenLocations(h: AppHarness): BackupStorageLocation[] {
  return h.backend.demo.calls
    .filter((c) => (c.method === 'update' || c.method === 'create') && c.args[0] === 'BackupStorageLocation')
    .map((c) => c.args[1] as BackupStorageLocation);
}

export const iniOf = (id: string, secret: string) => `[default]\naws_access_key_id=${id}\naws_secret_access_key=${secret}\n`;
