// describe, logs, create, delete against the demo, run as the real CLI process.
import { describe, expect, it } from 'vitest';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { runCli } from '../helpers/run-cli.js';

const FAST = { SNAPSHOTS_DEMO_TICK: '20' };

describe('describe', () => {
  it('prints the details with the failure reason and the bucket contents', async () => {
    const r = await runCli(['describe', SEEDED_BACKUPS.failedFull, '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Snapshot ${SEEDED_BACKUPS.failedFull}\\s+Failed`));
    expect(r.stdout).toContain('Failure reason: rpc error');
    expect(r.stdout).toMatch(/Resources \(\d+\)/);
  });

  it('--json has the list fields plus spec, volumes, results and size', async () => {
    const r = await runCli(['describe', SEEDED_BACKUPS.partiallyFailedPartial, '--demo', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ name: SEEDED_BACKUPS.partiallyFailedPartial, type: 'partial', phase: 'PartiallyFailed', labelSelector: 'kots.io/app-slug=harness', deletion: null, bucketProblems: [] });
    expect(d.firstError).toMatch(/^namespace harness: pod volume backup failed/);
    expect(d.results.errors.namespaces.harness).toHaveLength(1);
    expect(d.sizeBytes).toBeGreaterThan(0);
    expect(d.volumes[0]).toEqual(expect.objectContaining({ kind: expect.any(String), target: expect.any(String), phase: expect.any(String) }));
  });

  it('exits 2 naming an unknown snapshot, and when NAME is missing', async () => {
    const r = await runCli(['describe', 'no-such-snapshot', '--demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No snapshot named "no-such-snapshot"');
    const missing = await runCli(['describe', '--demo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('describe needs NAME');
  });
});

describe('logs', () => {
  it('prints the log from the bucket; --search keeps matching lines with their numbers', async () => {
    const all = await runCli(['logs', SEEDED_BACKUPS.failedFull, '--demo']);
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    const found = await runCli(['logs', SEEDED_BACKUPS.failedFull, '--demo', '--search', 'BACKUP FAILED']);
    expect(found.code).toBe(0);
    const hits = found.stdout.trimEnd().split('\n');
    expect(hits.length).toBeGreaterThan(0);
    // Each process starts its own demo clock: compare lines without their timestamps.
    const untimed = (line: string) => line.replace(/time="[^"]*"/g, '');
    for (const hit of hits) {
      const [, n, text] = /^(\d+): (.*)$/.exec(hit)!;
      expect(untimed(lines[Number(n) - 1]!)).toBe(untimed(text!));
      expect(text!.toLowerCase()).toContain('backup failed');
    }
  });

  it('--json gives numbered lines with a level; no match says so on stderr', async () => {
    const r = await runCli(['logs', SEEDED_BACKUPS.failedFull, '--demo', '--json', '--search', 'level=error']);
    const items = JSON.parse(r.stdout) as { line: number; level: string; text: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.level === 'error' && i.line > 0)).toBe(true);
    const none = await runCli(['logs', SEEDED_BACKUPS.failedFull, '--demo', '--search', 'zzz-not-there']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No line of the log');
  });
});

describe('create', () => {
  it('--wait streams progress to stderr and ends Completed with exit 0', async () => {
    const r = await runCli(['create', '--full', '--wait', '--demo', '--json'], FAST);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ type: 'full', trigger: 'manual', phase: 'Completed', firstError: null, storageLocation: 'default' });
    expect(s.name).toMatch(/^instance-/);
    expect(r.stderr).toMatch(new RegExp(`Snapshot ${s.name}: In progress`));
    expect(r.stderr).toContain(`Snapshot ${s.name}: Completed`);
  });

  it('without --wait prints the new name once it is created', async () => {
    const r = await runCli(['create', '--partial', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^harness-\w+\n$/);
    expect(r.stderr).toContain('Started partial snapshot');
  });

  it('bad usage exits 2: no kind, both kinds, --readonly, a flag of another command', async () => {
    const none = await runCli(['create', '--demo']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('Pass --full')]);
    const both = await runCli(['create', '--full', '--partial', '--demo']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('not both')]);
    const ro = await runCli(['create', '--full', '--demo', '--readonly']);
    expect([ro.code, ro.stderr]).toEqual([2, expect.stringContaining('--readonly')]);
    const other = await runCli(['create', '--full', '--demo', '--cron', '0 * * * *']);
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('--cron does not apply to "create"')]);
  });
});

describe('delete', () => {
  it('without --yes and no terminal exits 2 before anything changes', async () => {
    const r = await runCli(['delete', SEEDED_BACKUPS.olderFull, '--demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs --yes');
  });

  it('--yes --wait follows the DeleteBackupRequest until the snapshot is gone', async () => {
    const r = await runCli(['delete', SEEDED_BACKUPS.olderFull, '--demo', '--yes', '--wait', '--json'], FAST);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshot: SEEDED_BACKUPS.olderFull, status: 'deleted', errors: [] });
    expect(r.stderr).toContain(`Snapshot ${SEEDED_BACKUPS.olderFull} is deleted.`);
  });

  it('exits 2 for an unknown snapshot and under --readonly', async () => {
    const r = await runCli(['delete', 'nope', '--demo', '--yes']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('No snapshot named "nope"')]);
    const ro = await runCli(['delete', SEEDED_BACKUPS.olderFull, '--demo', '--yes', '--readonly']);
    expect([ro.code, ro.stderr]).toEqual([2, expect.stringContaining('--readonly')]);
  });
});
