// Command functions run in-process against a demo backend the test controls:
// refused or invalid commands write nothing to the cluster, and results come
// from the same state effects as the screens.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCli } from '../../src/cli-args.js';
import { runCommand } from '../../src/commands/index.js';
import { createDemoBackend, SCHEDULE_NAME, SEEDED_BACKUPS, type DemoBackend } from '../../src/services/demo/index.js';
import { composeFullRestore, restoreName } from '../../src/services/profile.js';
import type { Restore } from '../../src/services/model.js';

/** A Restore object with the name a restore of `backup` started at `at` gets. */
const composePartialRestoreFor = (backup: string, at: Date): Restore => ({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: restoreName(backup, at) }, spec: { backupName: backup } });
import { createEffectContext } from '../../src/state/bootstrap.js';
import { currentRetentionTtl } from '../../src/state/schedule.js';
import { reconnect } from '../../src/state/session.js';
import { stopWatches } from '../../src/state/watches.js';

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

function demo(): DemoBackend {
  backend = createDemoBackend({ tick: 5 });
  return backend;
}

/** Runs a command in-process; returns its exit code, output, and the cluster writes it made. */
async function run(b: DemoBackend, argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const before = b.demo.calls.length;
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
  vi.stubEnv('AWS_ACCESS_KEY_ID', env.AWS_ACCESS_KEY_ID ?? '');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', env.AWS_SECRET_ACCESS_KEY ?? '');
  try {
    const code = await runCommand(parseCli([...argv, '--demo']), { open: async () => b });
    return { code, stdout: out.join(''), stderr: err.join(''), writes: b.demo.calls.slice(before) };
  } finally {
    o.mockRestore();
    e.mockRestore();
    vi.unstubAllEnvs();
  }
}

describe('invalid input changes nothing in the cluster', () => {
  it('schedule set with a bad cron or retention', async () => {
    const b = demo();
    for (const flags of [['--cron', '61 * * * *'], ['--retention', '3q'], ['--retention', '0w']]) {
      const r = await run(b, ['schedule', 'set', '--full', ...flags]);
      expect(r.code).toBe(2);
      expect(r.writes).toEqual([]);
    }
  });

  it('schedule set keeping a saved cron Velero would refuse names it and saves nothing', async () => {
    const b = demo();
    const velero = b.velero('velero');
    const s = (await velero.get('Schedule', SCHEDULE_NAME))!;
    await velero.update('Schedule', { ...s, spec: { ...s.spec, schedule: '0 0 * * * *' } });
    const r = await run(b, ['schedule', 'set', '--full', '--retention', '2w']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the saved cron "0 0 * * * *" is not valid');
    expect(r.writes).toEqual([]);
  });

  it('restore with the wrong slug removes nothing and creates no Restore', async () => {
    const b = demo();
    const resources = b.demo.resources('harness').length;
    const r = await run(b, ['restore', SEEDED_BACKUPS.partial, '--partial', '--app', 'other', '--yes', '--wait']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the expected value is harness');
    expect(r.writes).toEqual([]);
    expect(b.demo.resources('harness')).toHaveLength(resources);
  });

  it('storage set with a bad endpoint, or an unreachable one, writes no Secret and no location', async () => {
    const b = demo();
    const keys = { AWS_ACCESS_KEY_ID: 'UNITKEYID123', AWS_SECRET_ACCESS_KEY: 'unit-secret' };
    const bad = await run(b, ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'bucket-one', '--endpoint', 'ftp://x'], keys);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--endpoint: Endpoint "ftp://x" uses "ftp"; only http and https are allowed');
    expect(bad.writes).toEqual([]);
    const down = await run(demo(), ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'bucket-one', '--endpoint', 'http://unreachable:9000'], keys);
    expect(down.code).toBe(3);
    expect(down.writes).toEqual([]);
    expect(down.stdout + down.stderr).not.toContain('unit-secret');
  });
});

describe('refusals come from the state layer, with exit 1', () => {
  it('create while a restore runs: names the restore, creates no Backup', async () => {
    const b = demo();
    await b.velero('velero').create('Restore', composeFullRestore(SEEDED_BACKUPS.latestFull, new Date()));
    b.demo.pause();
    const r = await run(b, ['create', '--full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot start a full snapshot: restore instance-6pz4k-\d{14} is running/);
    expect(r.writes).toEqual([]);
  });

  it('delete of a running snapshot: no DeleteBackupRequest', async () => {
    const b = demo();
    b.demo.pause();
    const made = await b.velero('velero').create('Backup', { metadata: { name: 'running-one' }, spec: {} });
    const r = await run(b, ['delete', made.metadata.name!, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is still running');
    expect(r.writes).toEqual([]);
  });
});

describe('more refusals and failures, each with exit 1 and the reason', () => {
  it('create while another snapshot runs', async () => {
    const b = demo();
    b.demo.pause();
    await b.velero('velero').create('Backup', { metadata: { name: 'still-going' }, spec: {} });
    const r = await run(b, ['create', '--partial']);
    expect([r.code, r.writes]).toEqual([1, []]);
    expect(r.stderr).toContain('snapshot still-going is still running');
  });

  it('create when the storage location is not Available', async () => {
    const b = demo();
    b.demo.setStorageDown(true);
    b.demo.step(); // Velero revalidates the location
    const r = await run(b, ['create', '--full']);
    expect([r.code, r.writes]).toEqual([1, []]);
    expect(r.stderr).toMatch(/storage location "default" is Unavailable/);
  });

  it('a restore whose name (stamped to the second) is taken is refused before anything is removed', async () => {
    const b = demo();
    const velero = b.velero('velero');
    // Taken: the names this restore would get in the next few seconds.
    const now = Date.now();
    for (let s = 0; s < 5; s++) {
      const taken = composePartialRestoreFor(SEEDED_BACKUPS.partial, new Date(now + s * 1000));
      await velero.create('Restore', taken);
    }
    for (let i = 0; i < 500 && b.demo.busy(); i++) b.demo.step(); // the demo's Velero finishes them
    expect(b.demo.busy()).toBe(false);
    const r = await run(b, ['restore', SEEDED_BACKUPS.partial, '--partial', '--app', 'harness', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Restore harness-q8rtx-\d{14} already exists .* nothing was removed, start it again in a moment/);
    expect(r.writes).toEqual([]);
  });

  it('restore --wait that fails exits 1 with Velero’s reason', async () => {
    const b = demo();
    b.demo.failNext('restore', 'found a restore with status "InProgress"');
    const r = await run(b, ['restore', SEEDED_BACKUPS.latestFull, '--full', '--yes', '--wait', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ phase: 'Failed', mode: 'full-new', failureReason: 'found a restore with status "InProgress"' });
    expect(r.stderr).toContain('Restore failed: found a restore with status "InProgress"');
  });

  it('delete --wait exits 1 with Velero’s errors when the data cannot be removed', async () => {
    const b = demo();
    const deleting = run(b, ['delete', SEEDED_BACKUPS.olderFull, '--yes', '--wait', '--json']);
    b.demo.setStorageDown(true);
    const r = await deleting;
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshot: SEEDED_BACKUPS.olderFull, status: 'failed', errors: [expect.stringContaining('error deleting backup from backup storage')] });
  });
});

describe('create uses the Snapshots screen’s effect', () => {
  it('the new Backup’s TTL is the schedule’s retention (currentRetentionTtl)', async () => {
    const b = demo();
    const velero = b.velero('velero');
    const s = (await velero.get('Schedule', SCHEDULE_NAME))!;
    await velero.update('Schedule', { ...s, spec: { ...s.spec, template: { ...s.spec.template, ttl: '336h0m0s' } } });
    const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => b });
    await reconnect(ctx, { kinds: ['Schedule'], checkServer: false });
    const expected = currentRetentionTtl(ctx.store.getState(), 'full');
    stopWatches(ctx);
    const r = await run(b, ['create', '--full', '--json']);
    expect(r.code).toBe(0);
    const created = r.writes.filter((c) => c.method === 'create' && c.args[0] === 'Backup').map((c) => c.args[1] as { spec: { ttl?: string } });
    expect(expected).toBe('336h0m0s');
    expect(created.map((x) => x.spec.ttl)).toEqual([expected]);
    expect(JSON.parse(r.stdout).expiresAt).toBeNull();
  });

  it('--wait on a failing snapshot exits 1 with the failure reason', async () => {
    const b = demo();
    b.demo.failNext('backup', 'disk quota exceeded on node-2');
    const r = await run(b, ['create', '--partial', '--wait', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ phase: 'Failed', failureReason: 'disk quota exceeded on node-2' });
    expect(r.stderr).toMatch(/Snapshot harness-\w+: Failed/);
    expect(r.stderr).toContain('Failure reason: disk quota exceeded on node-2');
    expect(r.stderr).not.toContain('credentials');
  });

  it('--wait on a snapshot Velero ran without credentials says what to do about them', async () => {
    const b = demo();
    b.demo.failNext('backup', 'failed to refresh cached credentials, no EC2 IMDS role found');
    const r = await run(b, ['create', '--partial', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Velero found no credentials: give the instance an IAM role .* or save access keys/);
  });
});

describe('--wait --timeout', () => {
  it('stops waiting for a snapshot after the limit, exit 1; the snapshot stays in the cluster', async () => {
    const b = demo();
    const running = run(b, ['create', '--full', '--wait', '--timeout', '1s']);
    await vi.waitFor(() => expect(b.demo.calls.some((c) => c.method === 'create' && c.args[0] === 'Backup')).toBe(true));
    b.demo.pause(); // Velero makes no more progress
    const r = await running;
    expect(r.code).toBe(1);
    const name = /Started full snapshot (\S+) /.exec(r.stderr)![1]!;
    expect(r.stderr).toContain(`Snapshot ${name} did not finish within --timeout 1s; it keeps running in the cluster. Follow it with: snapshots describe ${name}`);
    // Only the Backup was written: giving up the wait deletes or cancels nothing.
    expect(r.writes.map((c) => `${c.method} ${String(c.args[0])}`)).toEqual(['create Backup']);
  });

  it('stops waiting for a restore after the limit, exit 1, and says how to follow it', async () => {
    const b = demo();
    const running = run(b, ['restore', SEEDED_BACKUPS.latestFull, '--full', '--yes', '--wait', '--timeout', '1s', '--json']);
    await vi.waitFor(() => expect(b.demo.calls.some((c) => c.method === 'create' && c.args[0] === 'Restore')).toBe(true));
    b.demo.pause();
    const r = await running;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Restore \S+ did not finish within --timeout 1s; it keeps running in the cluster\. Follow it with: snapshots restores/);
    expect(r.stdout).toBe('');
  });

  it('a snapshot that ends in time is reported as usual', async () => {
    const b = demo();
    const r = await run(b, ['create', '--partial', '--wait', '--timeout', '2m', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ phase: 'Completed' });
  });

  it('a bad --timeout, or one without --wait, exits 2 naming what to fix and changes nothing', async () => {
    const b = demo();
    const cases: [string[], RegExp][] = [
      [['create', '--full', '--wait', '--timeout', '0s'], /--timeout "0s" is not a duration: use a positive whole number with s, m or h, e\.g\. 90s, 30m, 2h\./],
      [['create', '--full', '--wait', '--timeout', '5d'], /--timeout "5d" is not a duration/],
      [['create', '--full', '--wait', '--timeout', 'soon'], /--timeout "soon" is not a duration/],
      [['create', '--full', '--timeout', '5m'], /--timeout limits --wait: pass --wait too, or leave --timeout out\./],
      [['restore', SEEDED_BACKUPS.latestFull, '--full', '--yes', '--timeout', '5m'], /--timeout limits --wait/],
      [['delete', SEEDED_BACKUPS.olderFull, '--yes', '--wait', '--timeout=-1m'], /--timeout "-1m" is not a duration/],
      [['list', '--timeout', '5m'], /--timeout does not apply to "list"/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(b, argv);
      expect([argv, r.code, r.writes]).toEqual([argv, 2, []]);
      expect(r.stderr).toMatch(message);
    }
  });
});
