import { describe, expect, it } from 'vitest';
import {
  describeRetention,
  describeTtl,
  goDurationString,
  parseGoDuration,
  parseRetentionValue,
  retentionToTtl,
  ttlToRetention,
} from '../../../src/format/retention.js';

describe('retention ↔ ttl', () => {
  it.each([
    [{ value: 1, unit: 'months' } as const, '720h0m0s'],
    [{ value: 2, unit: 'weeks' } as const, '336h0m0s'],
    [{ value: 3, unit: 'days' } as const, '72h0m0s'],
    [{ value: 1, unit: 'years' } as const, '8766h0m0s'],
    [{ value: 1.5, unit: 'days' } as const, '36h0m0s'],
    [{ value: 2.5, unit: 'hours' } as const, '2h30m0s'],
  ])('%o → %s', (retention, ttl) => {
    expect(retentionToTtl(retention)).toBe(ttl);
  });

  it.each([
    ['720h0m0s', { value: 1, unit: 'months' }],
    ['720h', { value: 1, unit: 'months' }],
    ['168h', { value: 1, unit: 'weeks' }],
    ['336h0m0s', { value: 2, unit: 'weeks' }],
    ['24h0m0s', { value: 1, unit: 'days' }],
    ['8766h0m0s', { value: 1, unit: 'years' }],
    ['1440h', { value: 2, unit: 'months' }],
    ['48h', { value: 2, unit: 'days' }],
    ['2h30m', { value: 2.5, unit: 'hours' }],
    ['90m', { value: 1.5, unit: 'hours' }],
    ['5h', { value: 5, unit: 'hours' }],
  ])('%s → %o', (ttl, retention) => {
    expect(ttlToRetention(ttl)).toEqual(retention);
  });

  it('round-trips every form unit through the ttl', () => {
    for (const unit of ['days', 'weeks', 'months', 'years'] as const) {
      for (const value of [1, 2, 3, 7]) {
        const back = ttlToRetention(retentionToTtl({ value, unit }));
        expect(back && back.value * { days: 24, weeks: 168, months: 720, years: 8766, hours: 1 }[back.unit]).toBe(
          value * { days: 24, weeks: 168, months: 720, years: 8766 }[unit],
        );
      }
    }
  });

  it('refuses what is not a Go duration or not positive', () => {
    expect(ttlToRetention('30d')).toBeUndefined();
    expect(ttlToRetention('0s')).toBeUndefined();
    expect(ttlToRetention('')).toBeUndefined();
    expect(ttlToRetention(undefined)).toBeUndefined();
  });

  it('parses Go durations like time.ParseDuration', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('-2m')).toBe(-120_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('1h30')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });

  it('prints durations like Go', () => {
    expect(goDurationString(720 * 3_600_000)).toBe('720h0m0s');
    expect(goDurationString(90_000)).toBe('1m30s');
    expect(goDurationString(45_000)).toBe('45s');
  });

  it('describes retention in words', () => {
    expect(describeRetention({ value: 1, unit: 'months' })).toBe('1 month');
    expect(describeRetention({ value: 2, unit: 'weeks' })).toBe('2 weeks');
    expect(describeRetention({ value: 2.5, unit: 'hours' })).toBe('2.5 hours');
    expect(describeTtl('168h0m0s')).toBe('1 week');
    expect(describeTtl(undefined)).toBe('1 month (Velero default)');
    expect(describeTtl('forever')).toBe('forever');
  });

  it('checks the typed retention value', () => {
    expect(parseRetentionValue('2', 'weeks')).toEqual({ value: 2 });
    expect(parseRetentionValue(' 1.5 ', 'days')).toEqual({ value: 1.5 });
    expect(parseRetentionValue('', 'weeks')).toEqual({ error: 'Enter how many weeks to keep snapshots.' });
    expect(parseRetentionValue('two', 'weeks')).toEqual({ error: '"two" is not a number; enter a positive number such as 2.' });
    expect(parseRetentionValue('0', 'days')).toEqual({ error: 'Retention must be more than 0: Velero would use its 30-day default instead.' });
    expect(parseRetentionValue('0.5', 'hours')).toEqual({ error: 'Retention must be at least 1 hour.' });
    expect(parseRetentionValue('101', 'years')).toEqual({ error: 'Retention longer than 100 years is not supported.' });
  });
});
