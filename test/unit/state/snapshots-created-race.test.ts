// Found by the Velero-stopped fault test: when the watch delivers Velero's
// first status before create() returns, the created copy (no status) must not
// replace it — else the screen says "Starting" while the cluster says
// InProgress, and with Velero stopped no later event ever fixes it.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, type DemoBackend } from '../../../src/services/demo/index.js';
import type { VeleroService } from '../../../src/services/interfaces.js';
import type { Backup } from '../../../src/services/model.js';
import { createEffectContext } from '../../../src/state/bootstrap.js';
import { reconnect } from '../../../src/state/session.js';
import { createSnapshot } from '../../../src/state/snapshots.js';

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

describe('createSnapshot and a faster watch', () => {
  it('keeps the newer object the watch already delivered', async () => {
    backend = createDemoBackend({ tick: 1000 });
    const b = backend;
    const ctx = createEffectContext({ demo: true, readonly: false, options: {}, open: async () => b });
    await reconnect(ctx, { checkServer: false, interactive: false });
    b.demo.pause();
    const velero = ctx.session!.velero;
    ctx.session!.velero = {
      ...velero,
      async create(kind, obj) {
        const created = await velero.create(kind, obj);
        // The watch's MODIFIED (Velero picked it up) arrives before the create answer.
        const progressed = { ...(created as Backup), metadata: { ...created.metadata, resourceVersion: '999999' }, status: { phase: 'InProgress' as const } };
        ctx.store.dispatch({ type: 'objects/event', kind: 'Backup', event: 'MODIFIED', obj: progressed });
        return created;
      },
    } as VeleroService;
    const created = await createSnapshot(ctx, 'partial');
    expect(created.status?.phase).toBeUndefined();
    expect(ctx.store.getState().objects.Backup[created.metadata.name!]?.status?.phase).toBe('InProgress');
  });
});
