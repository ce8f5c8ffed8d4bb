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
