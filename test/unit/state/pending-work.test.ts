// What a signal handler waits for before exiting: this program's own writes
// (a restore's preparation, a storage save), never reads or cluster-side work.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, SEEDED_BACKUPS, type DemoBackend } from '../../../src/services/demo/index.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { pendingWrites, waitForPendingWrites } from '../../../src/state/pending-work.js';
import { startRestore } from '../../../src/state/restore.js';
import { runOperation } from '../../../src/state/operations.js';
import { reconnect } from '../../../src/state/session.js';

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

async function connected() {
  backend = createDemoBackend({ tick: 5 });
  const b = backend;
  const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => b });
  await reconnect(ctx, { checkServer: false, interactive: false });
  return ctx;
}

describe('pending writes', () => {
  it('waits for a restore being prepared until its Restore exists', async () => {
    const ctx = await connected();
    backend!.demo.pause();
    const started = startRestore(ctx, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-in-place' });
    expect(pendingWrites(ctx).map((o) => o.title)).toEqual([expect.stringMatching(/^Restore instance-6pz4k-\d{14} from instance-6pz4k$/)]);
    let finished = false;
    const waiting = waitForPendingWrites(ctx, 10_000).then((ok) => ((finished = true), ok));
    // The namespaces are still being deleted: not finished, no Restore yet.
    backend!.demo.step(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).toBe(false);
    expect(backend!.demo.calls.filter((c) => c.method === 'create')).toEqual([]);
    backend!.demo.resume();
    expect(await waiting).toBe(true);
    const created = await started;
    expect(backend!.demo.calls.filter((c) => c.method === 'create').map((c) => c.args[0])).toEqual(['Restore']);
    expect(created.metadata.name).toMatch(/^instance-6pz4k-\d{14}$/);
  });

  it('does not wait for read-only work, and gives up after the timeout', async () => {
    const ctx = await connected();
    void runOperation(ctx, 'storage-check', 'Checking storage', () => new Promise(() => undefined));
    expect(pendingWrites(ctx)).toEqual([]);
    expect(await waitForPendingWrites(ctx, 10)).toBe(true);
    void runOperation(ctx, 'storage-apply', 'Saving storage settings', () => new Promise(() => undefined));
    expect(await waitForPendingWrites(ctx, 50)).toBe(false);
  });
});
