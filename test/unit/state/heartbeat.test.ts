// Heartbeat timing: no request while the watches show life (events,
// bookmarks), a ping after a silence, retries while it fails, and the watches
// reopened by the first good ping after a failure.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { ACTIVE_SILENCE_MS, noteUserActivity, RETRY_MS, SILENCE_MS, startHeartbeat } from '../../../src/state/heartbeat.js';
import { startWatches } from '../../../src/state/watches.js';
import { ServiceError, type Backend, type VeleroService, type WatchHandlers } from '../../../src/services/interfaces.js';
import type { EffectContext } from '../../../src/state/context.js';

interface Rig {
  ctx: EffectContext;
  pings: number[];
  /** Handlers of the currently open watches, by kind. */
  watches: Map<string, WatchHandlers<unknown>>;
  opened: () => number;
  answer: (ok: boolean) => void;
  stop: () => void;
}

function rig(heartbeatMs?: number): Rig {
  const ctx = createEffectContext({ demo: true, readonly: false, options: {} });
  ctx.heartbeatMs = heartbeatMs;
  const pings: number[] = [];
  let ok = true;
  let opened = 0;
  const watches = new Map<string, WatchHandlers<unknown>>();
  const velero = {
    watch: (kind: string, handlers: WatchHandlers<unknown>) => {
      opened++;
      watches.set(kind, handlers);
      handlers.onReset([]);
      return () => watches.delete(kind);
    },
  } as unknown as VeleroService;
  const cluster = {
    ping: async () => {
      pings.push(Date.now());
      if (!ok) throw new ServiceError('unreachable', 'Cannot reach the Kubernetes API at https://x.invalid: no answer within 10 s');
    },
  };
  ctx.session = { backend: { cluster } as unknown as Backend, velero };
  startWatches(ctx, ['Backup', 'Restore']);
  const stop = startHeartbeat(ctx);
  return { ctx, pings, watches, opened: () => opened, answer: (v) => (ok = v), stop };
}

const bookmark = (r: Rig, kind = 'Backup') => r.watches.get(kind)!.onAlive!();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('heartbeat', () => {
  it('sends nothing while bookmarks keep arriving about once a minute, for an hour', async () => {
    const r = rig();
    for (let i = 0; i < 60; i++) {
      await vi.advanceTimersByTimeAsync(61_500);
      bookmark(r, i % 2 ? 'Backup' : 'Restore');
    }
    expect(r.pings).toEqual([]);
    r.stop();
  });

  it('watch events count as life too', async () => {
    const r = rig();
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(SILENCE_MS - 1000);
      r.watches.get('Backup')!.onEvent('MODIFIED', { metadata: { name: `b${i}`, resourceVersion: String(i) } });
    }
    expect(r.pings).toEqual([]);
    r.stop();
  });

  it('pings once the watches have been silent for SILENCE_MS, then again only after another silence', async () => {
    const r = rig();
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(30_000);
    bookmark(r); // silence restarts here
    await vi.advanceTimersByTimeAsync(SILENCE_MS - 1);
    expect(r.pings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.pings).toEqual([t0 + 30_000 + SILENCE_MS]);
    // The good ping is the new proof of life.
    await vi.advanceTimersByTimeAsync(SILENCE_MS - 1);
    expect(r.pings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.pings).toHaveLength(2);
    expect(r.ctx.store.getState().connection.watch).toBe('live');
    r.stop();
  });

  it('a failed ping shows reconnecting with the reason, retries every RETRY_MS (traffic or not), and the first good one reopens the watches', async () => {
    const r = rig();
    expect(r.opened()).toBe(2);
    r.answer(false);
    await vi.advanceTimersByTimeAsync(SILENCE_MS);
    expect(r.pings).toHaveLength(1);
    expect(r.ctx.store.getState().connection).toMatchObject({ watch: 'reconnecting', watchError: expect.stringContaining('no answer within 10 s') });
    bookmark(r); // a late line from a half-dead connection does not end the alarm: only an answer does
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(r.pings).toHaveLength(2);
    expect(r.opened()).toBe(2);
    r.answer(true);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(r.pings).toHaveLength(3);
    expect(r.opened()).toBe(4); // both kinds listed and watched afresh
    expect(r.ctx.store.getState().connection.watch).toBe('live');
    // Back to pinging only after a silence.
    await vi.advanceTimersByTimeAsync(SILENCE_MS - 1);
    expect(r.pings).toHaveLength(3);
    r.stop();
  });

  it('a key pressed after ACTIVE_SILENCE_MS of quiet pings at once; keys in a busy or fresh session do not', async () => {
    const r = rig();
    await vi.advanceTimersByTimeAsync(ACTIVE_SILENCE_MS - 1);
    noteUserActivity(r.ctx);
    expect(r.pings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    r.answer(false);
    noteUserActivity(r.ctx);
    noteUserActivity(r.ctx); // one ping at a time
    await vi.advanceTimersByTimeAsync(0);
    expect(r.pings).toHaveLength(1);
    expect(r.ctx.store.getState().connection.watch).toBe('reconnecting');
    // While failing, the retry timer paces the pings, not the keys.
    noteUserActivity(r.ctx);
    await vi.advanceTimersByTimeAsync(RETRY_MS - 1);
    expect(r.pings).toHaveLength(1);
    r.answer(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.pings).toHaveLength(2);
    expect(r.ctx.store.getState().connection.watch).toBe('live');
    // Just answered: keys cost nothing for the next ACTIVE_SILENCE_MS.
    await vi.advanceTimersByTimeAsync(ACTIVE_SILENCE_MS - 1);
    noteUserActivity(r.ctx);
    expect(r.pings).toHaveLength(2);
    // Watch traffic counts as an answer too.
    bookmark(r);
    await vi.advanceTimersByTimeAsync(ACTIVE_SILENCE_MS - 1);
    noteUserActivity(r.ctx);
    expect(r.pings).toHaveLength(2);
    r.stop();
    await vi.advanceTimersByTimeAsync(ACTIVE_SILENCE_MS);
    noteUserActivity(r.ctx); // stopped: nothing
    expect(r.pings).toHaveLength(2);
  });

  it('heartbeatMs shortens the silence and the retry', async () => {
    const r = rig(2000);
    r.answer(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.pings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.pings).toHaveLength(2);
    r.stop();
  });

  it('stops: no ping after the stop function ran, nor after the session changed', async () => {
    const r = rig();
    r.stop();
    await vi.advanceTimersByTimeAsync(SILENCE_MS * 3);
    expect(r.pings).toEqual([]);
    const s = rig();
    s.ctx.session = { ...s.ctx.session! };
    await vi.advanceTimersByTimeAsync(SILENCE_MS * 3);
    expect(s.pings).toEqual([]);
    s.stop();
  });
});
