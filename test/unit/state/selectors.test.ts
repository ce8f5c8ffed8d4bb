import { describe, expect, it } from 'vitest';
import { initialState } from '../../../src/state/reducer.js';
import { selectBackups, selectRestores } from '../../../src/state/selectors.js';
import type { AppState } from '../../../src/state/types.js';
import type { Backup } from '../../../src/services/model.js';

const backup = (name: string, start: string, items = 0): Backup =>
  ({ metadata: { name }, spec: {}, status: { startTimestamp: start, progress: { itemsBackedUp: items } } }) as Backup;

function withBackups(list: Backup[]): AppState {
  const s = initialState({ mode: 'demo' });
  return { ...s, objects: { ...s.objects, Backup: Object.fromEntries(list.map((b) => [b.metadata.name, b])) } };
}

describe('selectBackups', () => {
  it('sorts newest first, ties by name', () => {
    const s = withBackups([backup('b', '2024-01-01T00:00:00Z'), backup('c', '2024-01-02T00:00:00Z'), backup('a', '2024-01-01T00:00:00Z')]);
    expect(selectBackups(s).map((b) => b.metadata.name)).toEqual(['c', 'a', 'b']);
  });

  it('swaps a changed object in place and keeps the order', () => {
    const a = backup('a', '2024-01-01T00:00:00Z');
    const b = backup('b', '2024-01-02T00:00:00Z');
    const first = selectBackups(withBackups([a, b]));
    const b2 = backup('b', '2024-01-02T00:00:00Z', 5);
    const second = selectBackups(withBackups([a, b2]));
    expect(second).not.toBe(first);
    expect(second).toEqual([b2, a]);
    expect(first).toEqual([b, a]);
  });

  it('re-sorts when a start time moves, a name appears or one goes', () => {
    const a = backup('a', '2024-01-01T00:00:00Z');
    const b = backup('b', '2024-01-02T00:00:00Z');
    selectBackups(withBackups([a, b]));
    const a2 = backup('a', '2024-01-03T00:00:00Z');
    expect(selectBackups(withBackups([a2, b])).map((x) => x.metadata.name)).toEqual(['a', 'b']);
    const c = backup('c', '2023-12-31T00:00:00Z');
    expect(selectBackups(withBackups([a2, c])).map((x) => x.metadata.name)).toEqual(['a', 'c']);
    expect(selectBackups(withBackups([a2]))).toEqual([a2]);
  });

  it('returns the same array when only the record was copied', () => {
    const a = backup('a', '2024-01-01T00:00:00Z');
    const first = selectBackups(withBackups([a]));
    expect(selectBackups(withBackups([a]))).toBe(first);
  });
});

describe('selectRestores', () => {
  it('sorts newest first', () => {
    const s = initialState({ mode: 'demo' });
    const r = (name: string, start: string) => ({ metadata: { name }, spec: { backupName: 'x' }, status: { startTimestamp: start } });
    const state = { ...s, objects: { ...s.objects, Restore: { x: r('x', '2024-01-01T00:00:00Z'), y: r('y', '2024-02-01T00:00:00Z') } } } as AppState;
    expect(selectRestores(state).map((x) => x.metadata.name)).toEqual(['y', 'x']);
  });
});
