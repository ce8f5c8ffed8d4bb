// schedule show / set against the demo, run as the real CLI process.
import { describe, expect, it } from 'vitest';
import { SCHEDULE_NAME } from '../../src/services/demo/index.js';
import { runCli } from '../helpers/run-cli.js';

describe('schedule show', () => {
  it('--json gives both kinds with stable fields', async () => {
    const r = await runCli(['schedule', 'show', '--demo', '--json']);
    expect(r.code).toBe(0);
    const [full, partial] = JSON.parse(r.stdout);
    expect(full).toMatchObject({ kind: 'full', name: SCHEDULE_NAME, enabled: true, paused: false, phase: 'Enabled', cron: '0 0 * * *', ttl: '720h0m0s', retention: '1 month' });
    expect(full.nextRuns).toHaveLength(3);
    expect(partial).toMatchObject({ kind: 'partial', name: null, enabled: false, nextRuns: [] });
    expect(Object.keys(full).sort()).toEqual(Object.keys(partial).sort());
  });

  it('prints the cron in words and the retention for people', async () => {
    const r = await runCli(['schedule', 'show', '--full', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Full snapshots: on — schedule ${SCHEDULE_NAME}`);
    expect(r.stdout).toMatch(/Cron:\s+0 0 \* \* \* \(At 00:00/);
    expect(r.stdout).toMatch(/Retention:\s+1 month \(ttl 720h0m0s\)/);
    expect(r.stdout).not.toContain('Partial');
  });

  it("gives the next runs in the node's zone with UTC beside them", async () => {
    const r = await runCli(['schedule', 'show', '--full', '--demo'], { TZ: 'America/New_York' });
    expect(r.code).toBe(0);
    // Daily at 00:00 UTC is 19:00 EST (20:00 EDT in summer) the evening before, in New York.
    expect(r.stdout).toMatch(/Next runs: +\d{4}-\d\d-\d\d (19:00 EST|20:00 EDT) = \d{4}-\d\d-\d\d 00:00 UTC\n {14}\S+ (19:00 EST|20:00 EDT) = \S+ 00:00 UTC\n/);
    const utc = await runCli(['schedule', 'show', '--full', '--demo'], { TZ: 'UTC' });
    expect(utc.stdout).toMatch(/Next runs: +\d{4}-\d\d-\d\d 00:00 UTC\n/);
  });
});

describe('schedule set', () => {
  it('creates the partial schedule and shows what was saved', async () => {
    const r = await runCli(['schedule', 'set', '--partial', '--cron', '0 3 * * *', '--retention', '2w', '--demo', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'partial', name: 'harness-partial', enabled: true, cron: '0 3 * * *', ttl: '336h0m0s', retention: '2 weeks' });
  });

  it('--disable pauses the schedule and keeps its settings', async () => {
    const r = await runCli(['schedule', 'set', '--full', '--disable', '--demo', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: SCHEDULE_NAME, enabled: false, paused: true, cron: '0 0 * * *', ttl: '720h0m0s' });
  });

  it('exits 2 naming an invalid cron and what is allowed', async () => {
    const r = await runCli(['schedule', 'set', '--full', '--cron', '0 3 * * 7', '--demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Schedule not saved: --cron "0 3 * * 7": day-of-week field \'7\' is out of range 0-6');
    const six = await runCli(['schedule', 'set', '--full', '--cron', '0 0 3 * * *', '--demo']);
    expect(six.code).toBe(2);
    expect(six.stderr).toContain('6 fields: Velero does not accept a seconds field; use 5: minute hour day-of-month month day-of-week');
  });

  it('exits 2 naming an invalid retention and the allowed units', async () => {
    for (const bad of ['5x', '30', 'd']) {
      const r = await runCli(['schedule', 'set', '--full', '--retention', bad, '--demo']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--retention "${bad}" is not a retention: use a number and a unit d, w, m or y`);
    }
    const zero = await runCli(['schedule', 'set', '--full', '--retention', '0d', '--demo']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--retention "0d": Retention must be more than 0');
  });

  it('exits 2 for missing or conflicting flags, and under --readonly', async () => {
    const cases: [string[], string][] = [
      [['--cron', '@daily'], 'Pass --full (full instance snapshot) or --partial'],
      [['--full'], 'Nothing to change'],
      [['--full', '--enable', '--disable'], '--enable or --disable, not both'],
      [['--partial', '--disable'], 'There is no partial snapshot schedule yet'],
      [['--full', '--cron', '@daily', '--readonly'], 'Refusing to change a schedule: started with --readonly'],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['schedule', 'set', ...flags, '--demo']);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
    }
  });

  it('exits 2 for an unknown or missing subcommand', async () => {
    const r = await runCli(['schedule', 'edit', '--demo']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('unknown schedule command "edit": use show, set')]);
    const none = await runCli(['schedule', '--demo']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('schedule needs a subcommand: show, set')]);
  });
});
