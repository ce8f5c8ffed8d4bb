// Faults outside Velero, on the demo backend: the Kubernetes API goes away
// mid-watch and comes back (the header says reconnecting, the TUI recovers by
// itself and shows what changed meanwhile), and the S3 server goes down
// (storage Unavailable with Velero's reason; new snapshots refused with it).
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS } from '../../src/services/demo/index.js';
import { fixedClock } from './snapshots-helpers.js';
import { openStorage } from './storage-helpers.js';
import { ServiceError } from '../../src/services/interfaces.js';
import { reconnect } from '../../src/state/session.js';

let h: AppHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

describe('the Kubernetes API stops and comes back mid-watch', () => {
  it('shows reconnecting with the reason, then recovers on its own and shows changes made meanwhile and after', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    h.backend.demo.pause();
    await h.waitFor('Velero v1.18.2 live');
    await h.waitFor(SEEDED_BACKUPS.latestFull);

    h.backend.demo.setApiDown(true);
    const down = await h.waitFor('reconnecting…');
    expect(down.replace(/\s+/g, ' ')).toContain('⚠ Lost the watch: Cannot reach the Kubernetes API at https://demo.invalid: connection refused — reconnecting');
    // The list stays on screen while reconnecting: the admin keeps what they saw.
    expect(down).toContain(SEEDED_BACKUPS.latestFull);
    // Actions that need the API fail with the reason instead of hanging.
    await expect(h.ctx.session!.velero.list('Backup')).rejects.toThrow('Cannot reach the Kubernetes API');

    // Back: the watch re-lists by itself (no key pressed), the warning goes.
    h.backend.demo.setApiDown(false);
    await h.waitFor((f) => f.includes('Velero v1.18.2 live') && !f.includes('Lost the watch'));
    expect(h.ctx.store.getState().connection.watch).toBe('live');

    // A change made after recovery shows up from the watch.
    await h.backend.velero('velero').create('Backup', { metadata: { name: 'after-recovery' }, spec: { includedNamespaces: ['harness'] } });
    await h.waitFor('after-recovery');
  });
});

describe('the Kubernetes API stops answering but keeps connections open (frozen)', () => {
  it('the heartbeat shows reconnecting with the reason, and the first good beat reopens the watches', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor('Velero v1.18.2 live');
    h.ctx.heartbeatMs = 50;
    await reconnect(h.ctx); // the heartbeat starts with the connection
    await h.waitFor('Velero v1.18.2 live');
    const cluster = h.ctx.session!.backend.cluster;
    let answering = false;
    let lists = 0;
    const velero = h.ctx.session!.velero;
    h.ctx.session!.velero = { ...velero, watch: (kind, handlers, sel) => velero.watch(kind, { ...handlers, onReset: (items) => (lists++, handlers.onReset(items)) }, sel) };
    h.ctx.session!.backend.cluster = {
      ...cluster,
      ping: async () => {
        if (!answering) throw new ServiceError('unreachable', 'Cannot reach the Kubernetes API at https://demo.invalid: no answer within 10 s');
      },
    };
    const down = await h.waitFor('reconnecting…');
    expect(down.replace(/\s+/g, ' ')).toContain('⚠ Lost the watch: Cannot reach the Kubernetes API at https://demo.invalid: no answer within 10 s — reconnecting');
    expect(lists).toBe(0);
    answering = true;
    await h.waitFor((f) => f.includes('Velero v1.18.2 live') && !f.includes('Lost the watch'));
    // Every kind was listed afresh.
    expect(lists).toBeGreaterThanOrEqual(9);
  });
});

describe('the S3 server is down', () => {
  it('storage shows Unavailable with Velero’s reason, and a new snapshot is refused with it', async () => {
    h = await renderApp({ now: fixedClock, demo: { now: fixedClock } });
    await h.waitFor('storage Available');
    h.backend.demo.setStorageDown(true);
    await h.waitFor('storage Unavailable');

    await openStorage(h);
    const storage = (await h.waitFor(/Unavailable/)).replace(/\s+/g, ' ');
    expect(storage).toMatch(/connection refused/);

    await h.goto('snapshots');
    await h.waitFor(SEEDED_BACKUPS.latestFull);
    await h.press('n');
    const refused = (await h.waitFor('new snapshot: storage location "default" is Unavailable')).replace(/\s+/g, ' ');
    expect(refused).toContain('new snapshot: storage location "default" is Unavailable: dial tcp 10.96.114.2:9000: connect: connection refused; fix it on the Storage screen');
    expect(refused).not.toContain('New snapshot');
    expect(h.backend.demo.calls.filter((c) => c.method === 'create')).toEqual([]);

    // Back up: Available again, snapshots may start.
    h.backend.demo.setStorageDown(false);
    await h.waitFor('storage Available');
    await h.press('n');
    await h.waitFor('New snapshot');
  });
});
