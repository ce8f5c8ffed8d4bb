import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatAge, formatBytes, formatDuration, formatTimestamp } from '../../../src/format/units.js';

describe('units', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB');
  });

  it('formats durations compactly', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats ages in the past and the future', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    expect(formatAge('2026-11-29T11:55:00Z', now)).toBe('5m ago');
    expect(formatAge('2026-12-02T12:00:00Z', now)).toBe('in 3d');
    expect(formatAge(undefined, now)).toBe('—');
    expect(formatAge('garbage', now)).toBe('—');
  });

  it('formats UTC timestamps', () => {
    expect(formatTimestamp('2026-11-29T08:05:00Z', { utc: true })).toBe('2026-11-29 08:05Z');
  });

  it('estimates time left from the rate so far', () => {
    expect(estimateRemainingMs(25, 100, 10_000)).toBe(30_000);
    expect(estimateRemainingMs(0, 100, 10_000)).toBeUndefined();
    expect(estimateRemainingMs(100, 100, 10_000)).toBeUndefined();
  });
});
