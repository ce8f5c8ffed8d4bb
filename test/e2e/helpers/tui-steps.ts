// Key sequences of the TUI flows the lab e2e tests drive, written once: fill a
// form field, take a snapshot and read its progress frames, pick rows, follow
// a restore. Each waits on frames; none sleeps for a result.
import { expect } from 'vitest';
import type { RealAppHarness } from './render-real-app.js';

export const CTRL_S = '\u0013';
export const CTRL_U = '\u0015';

/** Moves the form focus (tab) onto the field labelled `label`. */
export async function focusField(h: RealAppHarness, label: string): Promise<void> {
  const focused = new RegExp(`› ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( {2,}|$)`, 'm');
  for (let i = 0; i < 20; i++) {
    if (focused.test(h.frame())) return;
    await h.press('tab');
  }
  throw new Error(`Field ${label} never got focus; last frame:\n${h.frame()}`);
}

export async function fill(h: RealAppHarness, label: string, text: string): Promise<void> {
  await focusField(h, label);
  await h.press(CTRL_U);
  await h.type(text);
  // Keys are masked as they are typed: the ID keeps its last 4 characters, the secret none.
  const shown =
    label === 'Secret key' ? '•'.repeat(text.length) : label === 'Access key ID' ? '•'.repeat(Math.max(0, text.length - 4)) + text.slice(-4) : text;
  const value = new RegExp(`^› ${label} +(\\S+)`, 'm');
  await h.waitFor((f) => value.exec(f)?.[1] === shown);
}

/** The Snapshots screen's list: esc pops whatever view is open there. */
export async function snapshotList(h: RealAppHarness): Promise<string> {
  await h.goto('snapshots');
  for (let i = 0; i < 5 && !/NAME +TYPE/.test(h.frame()); i++) {
    await h.press('esc');
    await new Promise((r) => setTimeout(r, 100));
  }
  return h.waitFor(/NAME +TYPE/);
}

/** It ran, visibly: a frame while running with its item count, then Completed. */
export function expectLiveProgress(t: Taken): void {
  expect(t.statuses.at(-1)).toBe('Completed');
  expect(t.statuses.slice(0, -1).some((s) => ['In progress', 'Finalizing'].includes(s))).toBe(true);
  expect(t.runningItems.length).toBeGreaterThan(0);
  expect(t.completed).toContain('✔ Completed — this snapshot can be restored.');
  expect(t.completed).toMatch(/Items .* 100% +(\d+) of \1 items/);
}

export interface Taken {
  name: string;
  /** The Status labels the progress view showed, in order, without repeats. */
  statuses: string[];
  /** Item counts ("n of m items") shown while it ran. */
  runningItems: string[];
  completed: string;
}

/** n → choose the kind → enter on the Snapshots screen, then follow the progress view to the end. */
export async function takeSnapshot(h: RealAppHarness, kind: 'full' | 'partial'): Promise<Taken> {
  await snapshotList(h);
  await h.press('n');
  await h.waitFor('New snapshot');
  await h.press(kind === 'full' ? 'f' : 'p');
  await h.waitFor(kind === 'full' ? '› Full (instance)' : '› Partial (application)');
  const from = h.frames().length;
  await h.press('enter');
  const started = await h.waitFor(new RegExp(`Snapshot (\\S+) · ${kind} \\((instance|application)\\) · manual`), 30_000);
  const name = new RegExp(`Snapshot (\\S+) · ${kind}`).exec(started)![1]!;
  const completed = await h.waitFor((f) => f.includes(`Snapshot ${name}`) && /Status +(Completed|Incomplete|Failed)/.test(f), 180_000);
  const statuses: string[] = [];
  const runningItems: string[] = [];
  for (const f of h.frames().slice(from)) {
    if (!f.includes(`Snapshot ${name}`)) continue;
    const status = /Status +(\S+(?: \S+)?)/.exec(f)?.[1];
    if (status && statuses.at(-1) !== status) statuses.push(status);
    const items = /(\d+ of \d+) items/.exec(f)?.[1];
    if (items && /Status +(In progress|Finalizing)/.test(f) && runningItems.at(-1) !== items) runningItems.push(items);
  }
  return { name, statuses, runningItems, completed };
}

/** The Restore screen's home with `name` selected (rows start "> " when selected). */
export async function restoreScreenRow(h: RealAppHarness, name: string): Promise<void> {
  await h.goto('restore');
  for (let i = 0; i < 5 && !h.frame().includes(name); i++) {
    await h.press('esc');
    await new Promise((r) => setTimeout(r, 100));
  }
  await h.waitFor(name, 30_000);
  for (const key of ['up', 'down']) {
    for (let i = 0; i < 30; i++) {
      if (h.frame().includes(`> ${name}`)) return;
      await h.press(key);
    }
  }
  throw new Error(`Row ${name} never got selected; last frame:\n${h.frame()}`);
}

/**
 * After the typed confirmation: follows the restore on screen to its result
 * (read from the bucket). Returns its name and the progress lines shown on the way.
 */
export async function followRestore(h: RealAppHarness, backup: string, from: number): Promise<{ name: string; seen: string[]; result: string }> {
  const title = new RegExp(`Restore (${backup}-\\d{14})`);
  const named = await h.waitFor(title, 60_000);
  const name = title.exec(named)![1]!;
  const result = await h.waitFor((f) => /Restore (completed|failed)/i.test(f) && !f.includes('Reading warnings and errors'), 240_000);
  const seen: string[] = [];
  for (const f of h.frames().slice(from)) {
    for (const line of f.split('\n')) {
      const m = /^\s*(Preparing: .*|Phase \S+(?: \S+)?|Items .*\d+ of \d+.*)$/.exec(line)?.[1]?.trim();
      if (m && !seen.includes(m)) seen.push(m);
    }
  }
  return { name, seen, result };
}

/** Moves the Snapshots list cursor onto `name` (the selected row starts with "› "). */
export async function selectSnapshot(h: RealAppHarness, name: string): Promise<void> {
  await snapshotList(h);
  await h.waitFor(name, 30_000);
  for (const key of ['up', 'down']) {
    for (let i = 0; i < 30; i++) {
      if (h.frame().includes(`› ${name}`)) return;
      await h.press(key);
    }
  }
  throw new Error(`Row ${name} never got selected; last frame:\n${h.frame()}`);
}
