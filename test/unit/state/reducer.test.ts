import { describe, expect, it } from 'vitest';
import { initialState, reducer } from '../../../src/state/reducer.js';
import type { Backup } from '../../../src/services/model.js';

const backup = (name: string, rv: string, phase: Backup['status'] extends infer S ? S extends { phase?: infer P } ? P : never : never = 'InProgress'): Backup => ({
  metadata: { name, resourceVersion: rv },
  spec: {},
  status: { phase },
});

describe('reducer', () => {
  const start = initialState({ mode: 'demo' });

  it('returns the same state for a no-op so nothing re-renders', () => {
    const s1 = reducer(start, { type: 'route/screen', screen: 'snapshots' });
    expect(s1).toBe(start);
    const s2 = reducer(start, { type: 'connection/update', patch: { status: 'connecting' } });
    expect(s2).toBe(start);
  });

  it('resets a kind from a list and marks it loaded', () => {
    const s = reducer(start, { type: 'objects/reset', kind: 'Backup', items: [backup('a', '1'), backup('b', '2')] });
    expect(Object.keys(s.objects.Backup)).toEqual(['a', 'b']);
    expect(s.loaded.Backup).toBe(true);
    expect(s.objects.Restore).toBe(start.objects.Restore);
  });

  it('applies watch events and ignores repeats of the same resourceVersion', () => {
    let s = reducer(start, { type: 'objects/reset', kind: 'Backup', items: [backup('a', '1')] });
    const same = reducer(s, { type: 'objects/event', kind: 'Backup', event: 'MODIFIED', obj: backup('a', '1', 'Completed') });
    expect(same).toBe(s);
    s = reducer(s, { type: 'objects/event', kind: 'Backup', event: 'MODIFIED', obj: backup('a', '2', 'Completed') });
    expect(s.objects.Backup.a?.status?.phase).toBe('Completed');
    s = reducer(s, { type: 'objects/event', kind: 'Backup', event: 'ADDED', obj: backup('c', '3') });
    expect(Object.keys(s.objects.Backup).sort()).toEqual(['a', 'c']);
    s = reducer(s, { type: 'objects/event', kind: 'Backup', event: 'DELETED', obj: backup('a', '4') });
    expect(Object.keys(s.objects.Backup)).toEqual(['c']);
    const again = reducer(s, { type: 'objects/event', kind: 'Backup', event: 'DELETED', obj: backup('a', '4') });
    expect(again).toBe(s);
  });

  it('watch events give the same records as copying with a spread, in the same key order, never touching the old record', () => {
    // The reducer copies along a remembered key list (cheaper than a spread at thousands of objects): check it against the spread.
    const names = ['a', 'b', 'constructor', '123', '7', 'harness-x', 'instance-y', 'z.z'];
    let s = reducer(start, { type: 'objects/reset', kind: 'Backup', items: names.slice(0, 4).map((n) => backup(n, '1')) });
    let model: Record<string, Backup> = { ...s.objects.Backup };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 400; i++) {
      const name = names[random(names.length)]!;
      const event = (['ADDED', 'MODIFIED', 'DELETED'] as const)[random(3)]!;
      const obj = backup(name, String(i + 2), i % 2 ? 'Completed' : 'InProgress');
      const before = s.objects.Backup;
      const beforeKeys = Object.keys(before);
      const next = reducer(s, { type: 'objects/event', kind: 'Backup', event, obj });
      if (event === 'DELETED') {
        if (Object.hasOwn(model, name)) {
          const { [name]: _gone, ...rest } = model;
          model = rest;
        }
      } else model = { ...model, [name]: obj };
      expect(Object.keys(next.objects.Backup)).toEqual(Object.keys(model));
      expect(next.objects.Backup).toEqual(model);
      expect(Object.keys(before)).toEqual(beforeKeys);
      if (next !== s) expect(next.objects.Backup).not.toBe(before);
      s = next;
    }
    // A name that is also an Object.prototype property is an ordinary entry.
    const fresh = reducer(start, { type: 'objects/event', kind: 'Backup', event: 'DELETED', obj: backup('constructor', '1') });
    expect(fresh).toBe(start);
  });

  it('tracks operations from start to end', () => {
    let s = reducer(start, { type: 'operation/start', op: { id: 'v', title: 'Validating' }, at: 1 });
    expect(s.operations.v?.status).toBe('running');
    s = reducer(s, { type: 'operation/update', id: 'v', detail: 'bucket' });
    expect(s.operations.v?.detail).toBe('bucket');
    s = reducer(s, { type: 'operation/end', id: 'v', ok: false, detail: 'no such bucket', at: 5 });
    expect(s.operations.v).toMatchObject({ status: 'failed', detail: 'no such bucket', endedAt: 5 });
    s = reducer(s, { type: 'operation/clear', id: 'v' });
    expect(s.operations.v).toBeUndefined();
  });

  it('opens and closes overlays and switches screens', () => {
    let s = reducer(start, { type: 'route/overlay', overlay: 'help' });
    expect(s.route).toEqual({ screen: 'snapshots', overlay: 'help' });
    s = reducer(s, { type: 'route/screen', screen: 'restore' });
    expect(s.route).toEqual({ screen: 'restore' });
  });
});

describe('notices', () => {
  it('are cleared when the screen changes', () => {
    const start = initialState({ mode: 'demo' });
    const s = reducer(start, { type: 'notice', notice: { level: 'info', text: 'saved', at: 1 } });
    expect(reducer(s, { type: 'route/screen', screen: 'restore' }).notice).toBeUndefined();
  });
});
