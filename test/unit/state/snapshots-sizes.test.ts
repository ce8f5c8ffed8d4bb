import { describe, expect, it } from 'vitest';
import { createSizeCache } from '../../../src/state/snapshots-sizes.js';

describe('size cache', () => {
  it('reads each snapshot once, one at a time, publishes a batch together, and leaves failures unknown', async () => {
    const loads: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const cache = createSizeCache(async (name) => {
      loads.push(name);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      if (name === 'bad') throw new Error('Access Denied');
      return name === 'none' ? undefined : name.length * 100;
    });
    let notified = 0;
    cache.subscribe(() => notified++);
    const before = cache.sizes();
    cache.request(['a', 'bb', 'bad', 'none', 'ccc']);
    cache.request(['a', 'bb']);
    await new Promise((r) => setTimeout(r, 100));
    expect(loads).toEqual(['a', 'bb', 'bad', 'none', 'ccc']);
    expect(maxInFlight).toBe(1);
    expect(Object.fromEntries(cache.sizes())).toEqual({ a: 100, bb: 200, ccc: 300 });
    expect(cache.sizes()).not.toBe(before);
    expect(notified).toBeLessThanOrEqual(2);
    expect(notified).toBeGreaterThanOrEqual(1);
    cache.request(['a', 'bad']);
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toHaveLength(5);
  });

  it('takes sizes learned elsewhere (details) without reading them again', async () => {
    const loads: string[] = [];
    const cache = createSizeCache(async (name) => {
      loads.push(name);
      return 1;
    });
    cache.set('x', 4096);
    cache.request(['x']);
    await new Promise((r) => setTimeout(r, 10));
    expect(loads).toEqual([]);
    expect(cache.sizes().get('x')).toBe(4096);
  });
});
