// Command mode prints text from the cluster and the bucket safely: tables,
// progress and messages are neutralised, and --json escapes every control
// character (JSON.stringify leaves C1 controls and bidi overrides raw, which a
// terminal showing the JSON would act on) while keeping the exact value.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCli } from '../../src/cli-args.js';
import { runCommand } from '../../src/commands/index.js';
import { createDemoBackend, SEEDED_BACKUPS as B, SEEDED_RESTORES as R, type DemoBackend } from '../../src/services/demo/index.js';
import { composeBackupSpec, snapshotAnnotations } from '../../src/services/profile.js';
import { hostileBackend, mark, PAYLOAD, unsafeIn, type HostileOptions } from '../screens/hostile-backend.js';

let base: DemoBackend | undefined;
afterEach(() => base?.close());

function hostile(opts: HostileOptions = {}): DemoBackend {
  base = createDemoBackend({ tick: 5 });
  // Each command closes its backend when done; the test keeps one world across commands.
  return { ...hostileBackend(base, opts), close: () => undefined };
}

/** Runs a command in-process against the backend; returns exit code and output. */
async function run(b: DemoBackend, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
  try {
    const code = await runCommand(parseCli([...argv, '--demo']), { open: async () => b });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Both streams free of anything a terminal acts on; each tag shown (the field was printed). */
function expectSafe(r: { stdout: string; stderr: string }, ...tags: string[]): void {
  expect(unsafeIn(r.stdout)).toEqual([]);
  expect(unsafeIn(r.stderr)).toEqual([]);
  for (const tag of tags) expect(r.stdout + r.stderr).toContain(tag);
}

/** --json: nothing raw on the terminal, and the parsed value still holds the exact hostile text. */
function expectSafeJson(r: { stdout: string; stderr: string }, ...tags: string[]): unknown {
  expectSafe(r);
  const value = JSON.parse(r.stdout);
  const text = JSON.stringify(value);
  for (const tag of tags) expect(text).toContain(JSON.stringify(mark(tag)).slice(1, -1));
  return value;
}

describe('tables and messages are neutralised, --json is escaped', () => {
  it('the payload is hostile to a terminal and to plain JSON.stringify', () => {
    expect(unsafeIn(PAYLOAD).length).toBeGreaterThan(10);
    expect(unsafeIn(JSON.stringify(PAYLOAD)).length).toBeGreaterThan(0);
  });

  it('status', async () => {
    const b = hostile({ bslUnavailable: true });
    expectSafe(await run(b, ['status']), 'CTX', 'VERSION', 'BSLMSG');
    expectSafeJson(await run(b, ['status', '--json']), 'CTX', 'BSLMSG');
  });

  it('list and restores', async () => {
    const b = hostile();
    await base!.velero('velero').create('Backup', {
      metadata: { name: mark('BKNAME'), annotations: snapshotAnnotations('full', 'manual', new Date()) },
      spec: composeBackupSpec(base!.demo.profile, 'full', '720h0m0s'),
    });
    expectSafe(await run(b, ['list']), 'BKNAME', B.failedFull);
    expectSafeJson(await run(b, ['list', '--json']), 'BKNAME', 'FAILREASON');
    expectSafe(await run(b, ['restores']), R.partiallyFailed);
    expectSafeJson(await run(b, ['restores', '--json']), 'RFAILREASON');
  });

  it('describe: failure reason, results from the bucket, volumes, resource list', async () => {
    const b = hostile();
    expectSafe(await run(b, ['describe', B.failedFull]), 'FAILREASON', 'BERRVELERO');
    expectSafe(await run(b, ['describe', B.partiallyFailedPartial]), 'BERRCLUSTER', 'BNSKEY', 'BERRNS', 'BWARNHARNESS', 'VOLMSG', 'RESKIND', 'RESITEM', 'EXCLNS');
    expectSafeJson(await run(b, ['describe', B.partiallyFailedPartial, '--json']), 'BERRCLUSTER', 'VOLMSG', 'RESITEM');
  });

  it('logs, with and without --search', async () => {
    const b = hostile();
    expectSafe(await run(b, ['logs', B.partiallyFailedPartial]), 'BLOGMSG', 'BLOGFIELD', 'BLOGERR', 'BLOGRAW');
    expectSafe(await run(b, ['logs', B.partiallyFailedPartial, '--search', 'BLOG']), 'BLOGMSG', 'BLOGRAW');
    // Log lines are neutralised even in --json (the lines are for reading, not for round trips).
    const json = await run(b, ['logs', B.partiallyFailedPartial, '--json']);
    expectSafe(json, 'BLOGRAWlink');
    expect(JSON.parse(json.stdout).map((l: { text: string }) => l.text)).toContain('BLOGRAWlink�evil����X�');
  });

  it('schedule show with a schedule Velero refused', async () => {
    const b = hostile({ scheduleInvalid: true });
    expectSafe(await run(b, ['schedule', 'show']), 'SCHEDERR');
    expectSafeJson(await run(b, ['schedule', 'show', '--json']), 'SCHEDERR');
  });

  it('storage show and a failing storage validate', async () => {
    const b = hostile({ bslUnavailable: true, validateFails: true });
    expectSafe(await run(b, ['storage', 'show']), 'BSLMSG');
    expectSafeJson(await run(b, ['storage', 'show', '--json']), 'BSLMSG');
    const check = await run(b, ['storage', 'validate']);
    expect(check.code).toBe(1);
    expectSafe(check, 'VALMSG', 'VALHINT');
    expectSafeJson(await run(b, ['storage', 'validate', '--json']), 'VALMSG');
  });

  it('create --wait and restore --wait that fail, with progress on stderr', async () => {
    const b = hostile();
    base!.demo.failNext('backup', 'part-way');
    const created = await run(b, ['create', '--full', '--wait']);
    expect(created.code).toBe(1);
    expectSafe(created, 'FAILREASON', 'BERRVELERO');
    base!.demo.failNext('restore', 'part-way');
    const restored = await run(b, ['restore', B.latestFull, '--full', '--yes', '--wait']);
    expect(restored.code).toBe(1);
    expectSafe(restored, 'RFAILREASON');
    base!.demo.failNext('restore', 'part-way');
    // Another snapshot: restore names are <snapshot>-<second>, so the same one would clash.
    expectSafeJson(await run(b, ['restore', B.olderFull, '--full', '--yes', '--wait', '--json']), 'RFAILREASON');
  });

  it('a hostile snapshot name: describe, delete --wait, and an unknown name echoed back', async () => {
    const b = hostile();
    const name = mark('BKNAME');
    await base!.velero('velero').create('Backup', {
      metadata: { name, annotations: snapshotAnnotations('full', 'manual', new Date()) },
      spec: composeBackupSpec(base!.demo.profile, 'full', '720h0m0s'),
    });
    await vi.waitFor(async () => expect((await base!.velero('velero').get('Backup', name))?.status?.phase).toBe('Completed'), { timeout: 5000 });
    expectSafe(await run(b, ['describe', name]), 'BKNAME');
    expectSafe(await run(b, ['logs', name]), 'BKNAME');
    const unknown = await run(b, ['describe', mark('NOSUCH')]);
    expect(unknown.code).toBe(2);
    expectSafe(unknown, 'NOSUCH');
    const deleted = await run(b, ['delete', name, '--yes', '--wait']);
    expectSafe(deleted, 'BKNAME');
    expect(deleted.code).toBe(0);
  });

  it('the apiserver’s error when connecting', async () => {
    const b = hostile({ pingFails: true });
    const r = await run(b, ['list']);
    expect(r.code).toBe(3);
    expectSafe(r, 'PINGERR', 'PINGHINT');
  });

  it('hostile command words and flag values typed by the user are echoed neutralised', async () => {
    const b = hostile();
    for (const argv of [[mark('VERB')], ['schedule', mark('SUB')], ['schedule', 'set', '--full', '--cron', mark('CRON')], ['schedule', 'set', '--full', '--retention', mark('RET')], ['restore', B.latestFull, '--partial', '--app', mark('SLUG'), '--yes']]) {
      const r = await run(b, argv);
      expect(r.code).toBe(2);
      expectSafe(r);
    }
    expect(base!.demo.calls).toEqual([]);
  });
});
