import { afterEach, describe, expect, it } from 'vitest';
import { checkCron, normaliseCron, presetOf, type ParsedCron } from '../../../src/format/cron.js';
import { describeCron } from '../../../src/format/cron-words.js';
import { formatZoned, nextRuns, utcSide } from '../../../src/format/cron-runs.js';

function parsed(text: string): ParsedCron {
  const c = checkCron(text);
  if (!c.ok) throw new Error(`expected ${text} to be valid: ${c.error}`);
  return c.cron;
}

describe('checkCron: what Velero (robfig/cron ParseStandard) accepts', () => {
  it.each([
    ['0 * * * *', 'Every hour'],
    ['0 0 * * *', 'At 00:00'],
    ['0 0 * * MON', 'At 00:00, only on Monday'],
    ['0 0 * * mon-fri', 'At 00:00, Monday through Friday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['5/10 * * * *', 'Every 10 minutes, starting at 5 minutes past the hour'],
    ['0 0 1,15 * *', 'At 00:00, on day 1 and 15 of the month'],
    ['30 2 * JAN-MAR SUN', 'At 02:30, only on Sunday, January through March'],
    ['0 0 ? * *', 'At 00:00'],
    ['@daily', 'At 00:00'],
    ['@midnight', 'At 00:00'],
    ['@hourly', 'Every hour'],
    ['@weekly', 'At 00:00, only on Sunday'],
    ['@monthly', 'At 00:00, on day 1 of the month'],
    ['@yearly', 'At 00:00, on day 1 of the month, only in January'],
    ['@annually', 'At 00:00, on day 1 of the month, only in January'],
    ['@every 6h', 'Every 6 hours, counted from the previous run'],
    ['@every 1h30m', 'Every 1 hour 30 minutes, counted from the previous run'],
    ['CRON_TZ=America/New_York 0 3 * * *', 'At 03:00'],
    ['TZ=UTC 15 4 * * 6', 'At 04:15, only on Saturday'],
  ])('%s → %s', (text, words) => {
    expect(describeCron(parsed(text))).toBe(words);
  });

  it.each([
    ['61 * * * *', 'minute', "minute field '61' is out of range 0-59"],
    ['0 24 * * *', 'hour', "hour field '24' is out of range 0-23"],
    ['0 0 0 * *', 'day-of-month', "day-of-month field '0' is out of range 1-31"],
    ['0 0 32 * *', 'day-of-month', "day-of-month field '32' is out of range 1-31"],
    ['0 0 * 13 *', 'month', "month field '13' is out of range 1-12"],
    ['0 0 * * 7', 'day-of-week', "day-of-week field '7' is out of range 0-6: Velero counts Sunday as 0 (or SUN), not 7"],
    ['1-70 * * * *', 'minute', "minute field '70' in '1-70' is out of range 0-59"],
    ['10-5 * * * *', 'minute', "minute field '10-5': range start 10 is after its end 5"],
    ['*/0 * * * *', 'minute', "minute field '*/0': step must be 1 or more"],
    ['*/x * * * *', 'minute', "minute field '*/x': step 'x' is not a whole number"],
    ['1/2/3 * * * *', 'minute', "minute field '1/2/3' has more than one '/'"],
    ['abc * * * *', 'minute', "minute field 'abc' is not a number 0-59"],
    ['0 0 * FOO *', 'month', "month field 'FOO' is not a number 1-12 or a name JAN-DEC"],
    ['0 0 * * MON-FUN', 'day-of-week', "day-of-week field 'FUN' in 'MON-FUN' is not a number 0-6 or a name SUN-SAT"],
    ['0 0 L * *', 'day-of-month', "day-of-month field 'L': L, W, # and H are not supported by Velero's cron parser"],
    ['0 0 * * 1#2', 'day-of-week', "day-of-week field '1#2': L, W, # and H are not supported by Velero's cron parser"],
    ['0 0 * * SUN#1', 'day-of-week', "day-of-week field 'SUN#1': L, W, # and H are not supported by Velero's cron parser"],
    ['0 0 * * 5L', 'day-of-week', "day-of-week field '5L': L, W, # and H are not supported by Velero's cron parser"],
    ['0 0 15W * *', 'day-of-month', "day-of-month field '15W': L, W, # and H are not supported by Velero's cron parser"],
    ['H * * * *', 'minute', "minute field 'H': L, W, # and H are not supported by Velero's cron parser"],
    ['0 0 31 2 *', 'day-of-month', 'day-of-month 31 never occurs in month FEB: this schedule would never run'],
  ])('%s is refused in the %s field', (text, field, message) => {
    const c = checkCron(text);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.field).toBe(field);
    expect(c.error).toBe(message);
  });

  it.each([
    ['0 0 0 * * *', /^6 fields: Velero does not accept a seconds field; use 5: minute hour day-of-month month day-of-week$/],
    ['0 0 0 * * * 2026', /^7 fields: Velero does not accept a seconds or year field/],
    ['0 0 * *', /^Expected 5 fields \(minute hour day-of-month month day-of-week\), found 4$/],
    ['', /^Enter a schedule/],
    ['@reboot', /^'@reboot' is not a schedule Velero knows; use @yearly/],
    ['@every 1d', /^'1d' is not a duration/],
    ['@every 30s', /shorter than a minute/],
    ['CRON_TZ=Mars/Olympus 0 0 * * *', /'Mars\/Olympus' is not a time zone name/],
    ['CRON_TZ=UTC', /A schedule must follow the time zone/],
  ])('%s is refused: %s', (text, message) => {
    const c = checkCron(text);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatch(message);
  });

  it('keeps February 30 when day-of-week is also restricted (Velero ORs the two day fields)', () => {
    expect(checkCron('0 0 30 2 1').ok).toBe(true);
  });

  it('normalises spacing, which is what gets written', () => {
    expect(normaliseCron('  0   0 * *  MON ')).toBe('0 0 * * MON');
    expect(parsed(' @every   2h ').text).toBe('@every 2h');
  });

  it('maps cron lines to presets', () => {
    expect(presetOf('0 * * * *')).toBe('hourly');
    expect(presetOf('0  0 * * *')).toBe('daily');
    expect(presetOf('0 0 * * MON')).toBe('weekly');
    expect(presetOf('0 0 * * 1')).toBe('custom');
  });
});

describe('nextRuns', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    // Assigning undefined would store the string "undefined".
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('evaluates a plain cron line in the Velero server zone (UTC by default)', () => {
    const runs = nextRuns(parsed('0 0 * * MON'), { from: new Date('2026-03-05T12:00:00Z') });
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z']);
  });

  it('follows CRON_TZ across the spring-forward DST change and renders node-local and UTC times', () => {
    process.env.TZ = 'America/New_York';
    const runs = nextRuns(parsed('CRON_TZ=America/New_York 0 3 * * *'), { from: new Date('2026-03-06T12:00:00Z') });
    // 03:00 stays 03:00 local; the UTC hour moves from 08 to 07 on 8 March.
    expect(runs.map((d) => formatZoned(d))).toEqual(['2026-03-07 03:00 EST', '2026-03-08 03:00 EDT', '2026-03-09 03:00 EDT']);
    expect(runs.map((d) => formatZoned(d, 'UTC'))).toEqual(['2026-03-07 08:00 UTC', '2026-03-08 07:00 UTC', '2026-03-09 07:00 UTC']);
  });

  it("gives the UTC side of a run time only where the node's zone is not UTC, with the date when it differs", () => {
    const run = new Date('2026-11-30T00:00:00Z');
    process.env.TZ = 'America/New_York';
    expect(`${formatZoned(run)} = ${utcSide(run)}`).toBe('2026-11-29 19:00 EST = 2026-11-30 00:00 UTC');
    expect(utcSide(new Date('2026-11-30T15:00:00Z'))).toBe('15:00 UTC');
    process.env.TZ = 'UTC';
    expect(utcSide(run)).toBeUndefined();
  });

  it('skips a run in the hour a DST jump removes, as Velero does', () => {
    const runs = nextRuns(parsed('CRON_TZ=America/New_York 30 2 * * *'), { from: new Date('2026-03-06T12:00:00Z') });
    expect(runs.map((d) => formatZoned(d, 'America/New_York'))).toEqual(['2026-03-07 02:30 EST', '2026-03-09 02:30 EDT', '2026-03-10 02:30 EDT']);
  });

  it('keeps UTC runs at the same UTC hour while the node-local hour shifts with DST', () => {
    process.env.TZ = 'America/New_York';
    const runs = nextRuns(parsed('0 6 * * *'), { from: new Date('2026-03-07T00:00:00Z'), serverZone: 'UTC' });
    expect(runs.map((d) => formatZoned(d))).toEqual(['2026-03-07 01:00 EST', '2026-03-08 01:00 EST', '2026-03-09 02:00 EDT']);
  });

  it('counts @every from the last run, and runs at once when overdue', () => {
    const every = parsed('@every 6h');
    const from = new Date('2026-03-06T12:00:00Z');
    expect(nextRuns(every, { from, lastRun: new Date('2026-03-06T10:00:00Z') }).map((d) => d.toISOString())).toEqual([
      '2026-03-06T16:00:00.000Z',
      '2026-03-06T22:00:00.000Z',
      '2026-03-07T04:00:00.000Z',
    ]);
    expect(nextRuns(every, { from, lastRun: new Date('2026-03-01T00:00:00Z'), count: 1 })[0]?.toISOString()).toBe('2026-03-06T12:00:00.000Z');
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const runs = nextRuns(parsed('0 0 1 * 1'), { from: new Date('2026-03-20T00:00:00Z'), count: 4 });
    expect(runs.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-23', '2026-03-30', '2026-04-01', '2026-04-06']);
  });
});
