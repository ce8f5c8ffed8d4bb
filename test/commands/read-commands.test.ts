import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';

describe('read commands against the demo', () => {
  it('list --json gives every snapshot with stable fields, newest first', async () => {
    const r = await runCli(['list', '--demo', '--json']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { name: string; type: string; startedAt: string; status: string }[];
    expect(items.map((i) => i.name).sort()).toEqual(Object.values(SEEDED_BACKUPS).sort());
    const started = items.map((i) => Date.parse(i.startedAt));
    expect([...started].sort((a, b) => b - a)).toEqual(started);
    expect(Object.keys(items[0]!)).toEqual(
      expect.arrayContaining(['name', 'type', 'trigger', 'phase', 'status', 'startedAt', 'completedAt', 'expiresAt', 'errors', 'warnings']),
    );
  });

  it('list --full / --partial filter by type; both together is bad usage', async () => {
    const full = JSON.parse((await runCli(['list', '--demo', '--json', '--full'])).stdout) as { type: string }[];
    const partial = JSON.parse((await runCli(['list', '--demo', '--json', '--partial'])).stdout) as { type: string }[];
    expect(full.length).toBeGreaterThan(0);
    expect(partial.length).toBeGreaterThan(0);
    expect(full.every((s) => s.type === 'full')).toBe(true);
    expect(partial.every((s) => s.type === 'partial')).toBe(true);
    const both = await runCli(['list', '--demo', '--full', '--partial']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--full or --partial');
  });

  it('list prints a table for people', async () => {
    const r = await runCli(['list', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+TRIGGER\s+STATUS/);
    expect(r.stdout).toContain('Incomplete (partially failed)');
  });

  it('status reports Velero, storage and app, and exits 0 when healthy', async () => {
    const r = await runCli(['status', '--demo', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ mode: 'demo', veleroVersion: 'v1.18.2', storage: { phase: 'Available' }, app: { slug: 'harness' } });
  });

  it('restores --json lists the restore history', async () => {
    const r = await runCli(['restores', '--demo', '--json']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { name: string; snapshot: string; phase: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toHaveProperty('snapshot');
  });

  it('exits 2 with a clear message for an unknown command or flag', async () => {
    const unknown = await runCli(['frobnicate', '--demo']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const flag = await runCli(['list', '--demo', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("'--colour'");
    const other = await runCli(['list', '--demo', '--yes']);
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('--yes does not apply to "list"')]);
    const extra = await runCli(['status', 'now', '--demo']);
    expect([extra.code, extra.stderr]).toEqual([2, expect.stringContaining('Unexpected argument "now" after status')]);
  });

  it('exits 3 when the cluster cannot be reached, without a stack trace', async () => {
    const r = await runCli(['list', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
