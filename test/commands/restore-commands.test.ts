// restore against the demo, run as the real CLI process.
import { describe, expect, it } from 'vitest';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { runCli } from '../helpers/run-cli.js';

const FAST = { SNAPSHOTS_DEMO_TICK: '20' };

describe('restore', () => {
  it('partial --wait removes the app’s resources first, shows progress and ends Completed', async () => {
    const r = await runCli(['restore', SEEDED_BACKUPS.partial, '--partial', '--app', 'harness', '--yes', '--wait', '--demo', '--json'], FAST);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ snapshot: SEEDED_BACKUPS.partial, mode: 'partial', phase: 'Completed', firstError: null, includedNamespaces: ['harness'] });
    expect(out.name).toMatch(new RegExp(`^${SEEDED_BACKUPS.partial}-\\d{14}$`));
    expect(out.nextSteps).toContain('Check pods in namespace harness: kubectl -n harness get pods');
    expect(r.stderr).toContain(`Restore ${out.name}: Finding the app's resources (kots.io/app-slug=harness)`);
    expect(r.stderr).toMatch(/Removing \d+ resources of the app/);
    expect(r.stderr).toContain(`Restore ${out.name} (completed): Restore completed`);
  });

  it('full --in-place deletes the snapshot’s namespaces first', async () => {
    const r = await runCli(['restore', SEEDED_BACKUPS.latestFull, '--full', '--in-place', '--yes', '--wait', '--demo', '--json'], FAST);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'full-in-place', phase: 'Completed' });
    expect(r.stderr).toContain('Removing namespaces kotsadm, harness');
  });

  it('without --wait prints the restore name once Velero has it', async () => {
    const r = await runCli(['restore', SEEDED_BACKUPS.latestFull, '--full', '--yes', '--demo'], FAST);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${SEEDED_BACKUPS.latestFull}-\\d{14}\\n$`));
  });

  it('partial needs --app equal to the slug: missing or wrong exits 2 naming the expected value', async () => {
    const missing = await runCli(['restore', SEEDED_BACKUPS.partial, '--partial', '--yes', '--demo']);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('pass --app harness to confirm')]);
    const wrong = await runCli(['restore', SEEDED_BACKUPS.partial, '--partial', '--app', 'wordpress', '--yes', '--demo']);
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('--app "wordpress" is not the app\'s slug: the expected value is harness')]);
  });

  it('refuses what the plan refuses, with exit 2 and the reason', async () => {
    const failed = await runCli(['restore', SEEDED_BACKUPS.failedFull, '--full', '--yes', '--demo']);
    expect([failed.code, failed.stderr]).toEqual([2, expect.stringContaining('only Completed (or partially failed) snapshots can be restored')]);
    const partialFull = await runCli(['restore', SEEDED_BACKUPS.partial, '--full', '--yes', '--demo']);
    expect([partialFull.code, partialFull.stderr]).toEqual([2, expect.stringContaining('it can only be restored partially')]);
  });

  it('bad usage exits 2 before connecting: no --yes, --in-place with --partial, --readonly, no kind', async () => {
    const cases: [string[], string][] = [
      [['--full'], 'needs --yes when not run at a terminal'],
      [['--partial', '--in-place', '--app', 'harness', '--yes'], '--in-place is for --full'],
      [['--full', '--yes', '--readonly'], 'Refusing to restore: started with --readonly'],
      [['--yes'], 'Pass --full (full instance snapshot) or --partial'],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['restore', SEEDED_BACKUPS.latestFull, ...flags, '--demo']);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
    }
  });
});

describe('help', () => {
  it('--help and help list every command', async () => {
    for (const args of [['--help'], ['help'], ['list', '--help']]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      for (const c of ['status', 'list', 'describe NAME', 'logs NAME', 'create --full|--partial', 'delete NAME', 'schedule show', 'schedule set', 'storage show', 'storage validate', 'storage set', 'restore NAME', 'restores']) {
        expect(r.stdout).toContain(`  ${c}`);
      }
      expect(r.stdout).toContain('Exit codes: 0 success, 1 operation failed, 2 bad usage or input, 3 cannot reach');
    }
  });
});
