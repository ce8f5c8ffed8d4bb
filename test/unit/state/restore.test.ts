import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, SEEDED_BACKUPS, type DemoBackend } from '../../../src/services/demo/index.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import type { EffectContext } from '../../../src/state/context.js';
import { restoreBlockReason, restoreStartBlockReason, startRestore, waitForRestore } from '../../../src/state/restore.js';
import { reconnect } from '../../../src/state/session.js';

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

async function connected(opts: { readonly?: boolean } = {}): Promise<EffectContext> {
  backend = createDemoBackend({ tick: 5 });
  const b = backend;
  const ctx = createEffectContext({ demo: true, readonly: opts.readonly ?? false, options: {}, open: async () => b });
  await reconnect(ctx);
  return ctx;
}

const restoresCreated = () => backend!.demo.calls.filter((c) => c.method === 'create' && c.args[0] === 'Restore');

describe('one restore at a time', () => {
  it('refuses a second restore while one is being prepared, naming it', async () => {
    const ctx = await connected();
    backend!.demo.pause();
    const first = startRestore(ctx, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-in-place' });
    expect(restoreBlockReason(ctx.store.getState())).toMatch(/^restore instance-6pz4k-\d{14} is being prepared/);
    await expect(startRestore(ctx, { backup: SEEDED_BACKUPS.partial, mode: 'partial', slug: 'harness' })).rejects.toThrow(
      /Cannot restore now: restore instance-6pz4k-\d{14} is being prepared/,
    );
    backend!.demo.resume();
    const created = await first;
    expect(restoresCreated()).toHaveLength(1);
    // Now the Restore itself runs in the cluster: still one at a time.
    await new Promise<void>((resolve) => {
      const check = () => ctx.store.getState().objects.Restore[created.metadata.name!] && resolve();
      ctx.store.subscribe(check);
      check();
    });
    expect(restoreBlockReason(ctx.store.getState())).toMatch(/is running .*one restore at a time/);
    await expect(startRestore(ctx, { backup: SEEDED_BACKUPS.olderFull, mode: 'full-new' })).rejects.toThrow(/one restore at a time/);
    const done = await waitForRestore(ctx, created.metadata.name!, 10_000);
    expect(done.status?.phase).toBe('Completed');
    expect(restoreBlockReason(ctx.store.getState())).toBeUndefined();
    expect(restoresCreated()).toHaveLength(1);
  });

  it('refuses to start while a snapshot runs, and says why', async () => {
    const ctx = await connected();
    backend!.demo.pause();
    await ctx.session!.velero.create('Backup', { metadata: { name: 'instance-running' }, spec: { includedNamespaces: ['harness'] } });
    await new Promise<void>((resolve) => {
      const check = () => ctx.store.getState().objects.Backup['instance-running'] && resolve();
      ctx.store.subscribe(check);
      check();
    });
    expect(restoreStartBlockReason(ctx.store.getState())).toMatch(/snapshot instance-running is running; wait until it finishes/);
    // The reverse check (used by the Snapshots screen) only looks at restores.
    expect(restoreBlockReason(ctx.store.getState())).toBeUndefined();
    await expect(startRestore(ctx, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-new' })).rejects.toThrow(/snapshot instance-running is running/);
    expect(restoresCreated()).toEqual([]);
  });

  it('refuses in read-only mode, a wrong slug and a full restore of a partial snapshot', async () => {
    const ro = await connected({ readonly: true });
    await expect(startRestore(ro, { backup: SEEDED_BACKUPS.latestFull, mode: 'full-new' })).rejects.toThrow(/read-only/);
    backend!.close();
    const ctx = await connected();
    await expect(startRestore(ctx, { backup: SEEDED_BACKUPS.partial, mode: 'partial', slug: 'harnes' })).rejects.toThrow(
      '"harnes" is not the app slug; type harness to restore the app',
    );
    await expect(startRestore(ctx, { backup: SEEDED_BACKUPS.partial, mode: 'full-new' })).rejects.toThrow(/only be restored partially/);
    await expect(startRestore(ctx, { backup: 'no-such', mode: 'full-new' })).rejects.toThrow('No snapshot named no-such');
    expect(backend!.demo.calls.filter((c) => c.method !== 'create' || c.args[0] === 'Restore')).toEqual([]);
  });
});
