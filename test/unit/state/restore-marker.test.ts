// One restore at a time across sessions: two sessions (two EffectContexts, as
// two SSH logins would have) on one simulated cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, SEEDED_BACKUPS, type DemoBackend } from '../../../src/services/demo/index.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { MARKER_LEASE, readRestoreMarker, refuseWhileRestorePrepared } from '../../../src/state/restore-marker.js';
import { startRestore } from '../../../src/state/restore.js';
import { createSnapshot } from '../../../src/state/snapshots.js';
import { reconnect, shutdown } from '../../../src/state/session.js';

let backend: DemoBackend | undefined;
const sessions: EffectContext[] = [];
afterEach(() => {
  for (const ctx of sessions.splice(0)) shutdown(ctx);
  backend?.close();
});

async function session(b: DemoBackend): Promise<EffectContext> {
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => b });
  sessions.push(ctx);
  await reconnect(ctx);
  return ctx;
}

const restoresCreated = () => backend!.demo.calls.filter((c) => c.method === 'create' && c.args[0] === 'Restore');
const until = async (check: () => Promise<boolean> | boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The marker of a partial restore whose session stopped renewing it two minutes ago, at `step`. */
function leftBehind(b: DemoBackend, restore: string, backup: string, step: string) {
  const long = new Date(Date.now() - 120_000).toISOString();
  return b.leases!.create('velero', {
    name: MARKER_LEASE,
    holder: 'old-node pid 7',
    acquiredAt: long,
    renewedAt: long,
    durationSeconds: 30,
    annotations: { 'snapshots.kots.io/restore': restore, 'snapshots.kots.io/backup': backup, 'snapshots.kots.io/mode': 'partial', 'snapshots.kots.io/step': step },
  });
}

describe('a restore being prepared in another session', () => {
  it('refuses a restore and a snapshot there, naming the restore, the session and its step; gone once the Restore exists', async () => {
    backend = createDemoBackend({ tick: 5 });
    const a = await session(backend);
    const b = await session(backend);
    backend.demo.pause(); // the app's resources take ticks to go: the preparation waits
    const first = startRestore(a, { backup: SEEDED_BACKUPS.partial, mode: 'partial', slug: 'harness' });
    await until(async () => (await readRestoreMarker(b))?.step.startsWith('Removing') ?? false);
    const marker = (await readRestoreMarker(b))!;
    expect(marker).toMatchObject({ backup: SEEDED_BACKUPS.partial, mode: 'partial', stale: false });
    expect(marker.restore).toMatch(new RegExp(`^${SEEDED_BACKUPS.partial}-\\d{14}$`));
    expect(marker.holder).toMatch(/ pid \d+$/);

    await expect(startRestore(b, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-new' })).rejects.toThrow(
      new RegExp(`Cannot restore now: restore ${marker.restore} from ${SEEDED_BACKUPS.partial} is being prepared by another session \\(.* pid \\d+, since \\d+s ago\\): Removing \\d+ resources of the app`),
    );
    await expect(createSnapshot(b, 'full')).rejects.toThrow(/Cannot start a snapshot now: restore .* is being prepared by another session/);
    expect(backend.demo.calls.filter((c) => c.method === 'create')).toEqual([]);

    backend.demo.resume();
    await first;
    expect(restoresCreated()).toHaveLength(1);
    expect(await readRestoreMarker(b)).toBeUndefined();
  });

  it('takes over a marker its session stopped renewing, and warns that the app may be partly removed', async () => {
    backend = createDemoBackend({ tick: 5 });
    const ctx = await session(backend);
    await leftBehind(backend, 'r-old', 'b-old', 'Removing 19 resources of the app');
    expect((await readRestoreMarker(ctx))?.stale).toBe(true);
    await expect(refuseWhileRestorePrepared(ctx, 'start a snapshot')).resolves.toBeUndefined(); // a stale marker refuses nothing

    await startRestore(ctx, { backup: SEEDED_BACKUPS.partial, mode: 'partial', slug: 'harness' });
    expect(restoresCreated()).toHaveLength(1);
    expect(ctx.store.getState().notice).toMatchObject({
      level: 'warn',
      text: expect.stringMatching(/^Taking over: restore r-old from b-old \(partial\) was interrupted at "Removing 19 resources of the app" \(old-node pid 7, last seen 2m ago\): the app may be partly removed/),
    });
    expect(await readRestoreMarker(ctx)).toBeUndefined();
  });

  it('a stale marker whose Restore exists (only its deletion failed) is no interruption', async () => {
    backend = createDemoBackend({ tick: 5 });
    const ctx = await session(backend);
    const done = Object.values(ctx.store.getState().objects.Restore)[0]!;
    await leftBehind(backend, done.metadata.name!, done.spec.backupName!, 'Creating the Velero restore');
    expect(await readRestoreMarker(ctx)).toBeUndefined();
    await startRestore(ctx, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-new' });
    expect(ctx.store.getState().notice?.text ?? '').not.toContain('Taking over');
  });

  it('without permission for Leases the restore goes on, unmarked', async () => {
    backend = createDemoBackend({ tick: 5 });
    const ctx = await session(backend);
    backend.demo.denyAccess([{ verb: 'create', group: 'coordination.k8s.io', resource: 'leases', namespace: 'velero' }]);
    await startRestore(ctx, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-new' });
    expect(restoresCreated()).toHaveLength(1);
  });
});
