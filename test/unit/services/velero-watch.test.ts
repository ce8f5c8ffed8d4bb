import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceError, WatchEventType, WatchState } from '../../../src/services/interfaces.js';
import { reconnectingWatch, type ListResult, type WatchSource } from '../../../src/services/velero-watch.js';

interface Obj {
  metadata: { name: string; resourceVersion: string };
}

const obj = (name: string, rv: string): Obj => ({ metadata: { name, resourceVersion: rv } });

interface OpenWatch {
  rv: string;
  emit(type: string, o: unknown): void;
  end(err?: unknown): void;
  signal: AbortSignal;
}

/** A scripted source: lists answer from a queue, watches stay open until the test ends them. */
class ScriptedSource implements WatchSource<Obj> {
  listAnswers: (ListResult<Obj> | Error)[] = [];
  listCalls = 0;
  watches: OpenWatch[] = [];

  async list(): Promise<ListResult<Obj>> {
    this.listCalls++;
    const next = this.listAnswers.shift();
    if (!next) throw new Error('unexpected list');
    if (next instanceof Error) throw next;
    return next;
  }

  async watch(rv: string, onEvent: (t: string, o: unknown) => void, done: (err: unknown) => void, signal: AbortSignal): Promise<void> {
    this.watches.push({ rv, emit: onEvent, end: (err) => done(err ?? null), signal });
  }

  get last(): OpenWatch {
    const w = this.watches.at(-1);
    if (!w) throw new Error('no watch opened');
    return w;
  }
}

function recorder() {
  const log: string[] = [];
  const errors: ServiceError[] = [];
  return {
    log,
    errors,
    handlers: {
      onReset: (items: Obj[]) => log.push(`reset ${items.map((i) => i.metadata.name).join(',')}`),
      onEvent: (type: WatchEventType, o: Obj) => log.push(`${type} ${o.metadata.name}`),
      onState: (state: WatchState, error?: ServiceError) => {
        log.push(`state ${state}`);
        if (error) errors.push(error);
      },
    },
  };
}

const opts = { minDelayMs: 500, maxDelayMs: 5000, stableMs: 1000 };
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('reconnectingWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists, then watches from the list resourceVersion and forwards events (bookmarks only move the version)', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [obj('a', '5')], resourceVersion: '10' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await flush();
    expect(source.last.rv).toBe('10');
    source.last.emit('ADDED', obj('b', '11'));
    source.last.emit('BOOKMARK', { metadata: { resourceVersion: '15' } });
    source.last.emit('MODIFIED', obj('b', '16'));
    expect(rec.log).toEqual(['state connecting', 'reset a', 'state live', 'ADDED b', 'MODIFIED b']);
  });

  it('reports every line from the server as life, bookmarks included, but not lines of a replaced watch', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' }, { items: [], resourceVersion: '20' });
    const rec = recorder();
    let alive = 0;
    reconnectingWatch(source, { ...rec.handlers, onAlive: () => alive++ }, opts);
    await flush();
    const first = source.last;
    first.emit('BOOKMARK', { metadata: { resourceVersion: '15' } });
    expect(alive).toBe(1);
    first.emit('MODIFIED', obj('b', '16'));
    expect(alive).toBe(2);
    expect(rec.log).toEqual(['state connecting', 'reset ', 'state live', 'MODIFIED b']);
    first.end(new Error('socket hang up'));
    await vi.advanceTimersByTimeAsync(500);
    expect(source.watches).toHaveLength(2);
    first.emit('BOOKMARK', { metadata: { resourceVersion: '17' } });
    expect(alive).toBe(2);
    source.last.emit('BOOKMARK', { metadata: { resourceVersion: '21' } });
    expect(alive).toBe(3);
  });

  it('does not poll: an idle live watch makes no further requests', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '1' });
    reconnectingWatch(source, recorder().handlers, opts);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(source.listCalls).toBe(1);
    expect(source.watches).toHaveLength(1);
  });

  it('on a dropped watch reports reconnecting with a ServiceError, waits, re-lists and resumes live', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [obj('a', '1')], resourceVersion: '10' }, { items: [obj('a', '1'), obj('b', '12')], resourceVersion: '20' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await flush();
    source.last.end(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(rec.log.at(-1)).toBe('state reconnecting');
    expect(rec.errors[0]?.kind).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(499);
    expect(source.listCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.listCalls).toBe(2);
    expect(source.last.rv).toBe('20');
    expect(rec.log.slice(-2)).toEqual(['reset a,b', 'state live']);
  });

  it('backs off 0.5 s, 1 s, 2 s, 4 s, then 5 s at most while the list keeps failing', async () => {
    const source = new ScriptedSource();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    source.listAnswers.push(refused, refused, refused, refused, refused, refused, { items: [], resourceVersion: '3' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await flush();
    const callsAfter = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return source.listCalls;
    };
    expect(source.listCalls).toBe(1);
    expect(await callsAfter(500)).toBe(2);
    expect(await callsAfter(999)).toBe(2);
    expect(await callsAfter(1)).toBe(3);
    expect(await callsAfter(2000)).toBe(4);
    expect(await callsAfter(4000)).toBe(5);
    expect(await callsAfter(5000)).toBe(6);
    expect(await callsAfter(5000)).toBe(7);
    expect(rec.log.at(-1)).toBe('state live');
  });

  it('re-lists at once, without reporting trouble, when the resourceVersion is too old (410)', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [obj('a', '1')], resourceVersion: '10' }, { items: [], resourceVersion: '99' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await vi.advanceTimersByTimeAsync(2000);
    source.last.emit('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (50)' });
    source.last.end();
    await flush();
    expect(source.listCalls).toBe(2);
    expect(source.last.rv).toBe('99');
    expect(rec.log).not.toContain('state reconnecting');
    expect(rec.log.at(-1)).toBe('reset ');
  });

  it('also treats an HTTP 410 on connect as expiry', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' }, { items: [], resourceVersion: '11' });
    reconnectingWatch(source, recorder().handlers, opts);
    await flush();
    source.last.end(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await flush();
    expect(source.last.rv).toBe('11');
  });

  it('resumes from the last seen version without a list after a server-side timeout', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await flush();
    source.last.emit('ADDED', obj('a', '12'));
    await vi.advanceTimersByTimeAsync(300_000);
    source.last.end();
    await flush();
    expect(source.listCalls).toBe(1);
    expect(source.watches).toHaveLength(2);
    expect(source.last.rv).toBe('12');
    expect(rec.log).not.toContain('state reconnecting');
  });

  it('with stallMs, replaces a watch silent that long (not even a bookmark), resuming from the last version without a list', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, { ...opts, stallMs: 150_000 });
    await flush();
    const first = source.last;
    await vi.advanceTimersByTimeAsync(100_000);
    first.emit('BOOKMARK', { metadata: { resourceVersion: '15' } }); // life: the silence starts again
    await vi.advanceTimersByTimeAsync(149_999);
    expect(source.watches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.signal.aborted).toBe(true);
    expect(source.watches).toHaveLength(2);
    expect(source.last.rv).toBe('15');
    expect(source.listCalls).toBe(1);
    expect(rec.errors.map((e) => e.message)).toEqual(['The watch went silent for 150 s (not even a bookmark); reopening it']);
    expect(rec.log.slice(-2)).toEqual(['state reconnecting', 'state live']);
    // The old watch's late lines and end are ignored; the new one is watched for silence in turn.
    first.emit('ADDED', obj('late', '16'));
    first.end();
    await flush();
    expect(rec.log).not.toContain('ADDED late');
    await vi.advanceTimersByTimeAsync(150_000);
    expect(source.watches).toHaveLength(3);
  });

  it('treats a watch that closes right after opening as a failure (no tight loop)', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' }, { items: [], resourceVersion: '11' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await flush();
    source.last.end();
    await flush();
    expect(rec.log.at(-1)).toBe('state reconnecting');
    expect(source.watches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(source.watches).toHaveLength(2);
  });

  it('turns a non-410 ERROR event into a reconnect carrying the server message', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' }, { items: [], resourceVersion: '11' });
    const rec = recorder();
    reconnectingWatch(source, rec.handlers, opts);
    await vi.advanceTimersByTimeAsync(5000);
    source.last.emit('ERROR', { kind: 'Status', code: 500, reason: 'InternalError', message: 'etcdserver: request timed out' });
    source.last.end();
    expect(rec.errors[0]?.message).toContain('etcdserver: request timed out');
    await vi.advanceTimersByTimeAsync(500);
    expect(source.listCalls).toBe(2);
  });

  it('unsubscribe aborts the open watch, cancels a pending retry and silences late callbacks', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push({ items: [], resourceVersion: '10' });
    const rec = recorder();
    const stop = reconnectingWatch(source, rec.handlers, opts);
    await flush();
    const open = source.last;
    stop();
    expect(open.signal.aborted).toBe(true);
    const before = rec.log.length;
    open.emit('ADDED', obj('late', '11'));
    open.end(new Error('aborted'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.log).toHaveLength(before);
    expect(source.listCalls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unsubscribe during backoff leaves no timer behind', async () => {
    const source = new ScriptedSource();
    source.listAnswers.push(new Error('boom'));
    const stop = reconnectingWatch(source, recorder().handlers, opts);
    await flush();
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
