import { afterEach, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import type { WatchEventType, WatchState } from '../../../src/services/interfaces.js';
import type { Backup } from '../../../src/services/model.js';
import { flush, pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

function recorder() {
  const log: string[] = [];
  const objects: Backup[] = [];
  return {
    log,
    objects,
    handlers: {
      onReset: (items: Backup[]) => log.push(`reset:${items.length}`),
      onEvent: (type: WatchEventType, obj: Backup) => {
        log.push(`${type}:${obj.metadata.name}:${obj.status?.phase ?? '-'}`);
        objects.push(obj);
      },
      onState: (state: WatchState, error?: { message: string }) => log.push(`state:${state}${error ? `:${error.message}` : ''}`),
    },
  };
}

describe('demo watches', () => {
  it('delivers the current list on the next microtask, then every change in order', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const r = recorder();
    velero.watch('Backup', r.handlers);
    expect(r.log).toEqual([]);
    await flush();
    expect(r.log).toEqual(['reset:8', 'state:live']);

    const name = (await velero.create('Backup', { metadata: { generateName: 'harness-' }, spec: { includedNamespaces: ['harness'] } })).metadata.name!;
    backend.demo.step(12);
    const mine = r.log.filter((l) => l.includes(name));
    expect(mine[0]).toBe(`ADDED:${name}:-`);
    expect(mine[1]).toBe(`MODIFIED:${name}:InProgress`);
    expect(mine.at(-2)).toBe(`MODIFIED:${name}:Finalizing`);
    expect(mine.at(-1)).toBe(`MODIFIED:${name}:Completed`);
    const versions = r.objects.map((o) => Number(o.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('filters by label selector and sends DELETED when an object goes', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const r = recorder();
    velero.watch('Backup', r.handlers, 'velero.io/schedule-name=snapshots-full');
    await flush();
    expect(r.log).toEqual(['reset:1', 'state:live']);
    backend.demo.fireSchedule('snapshots-full');
    await velero.create('Backup', { metadata: { generateName: 'harness-' }, spec: {} });
    await velero.delete('Backup', 'snapshots-full-20250612000000');
    expect(r.log.slice(2)).toEqual(['ADDED:snapshots-full-20250612093000:-', 'DELETED:snapshots-full-20250612000000:Completed']);
  });

  it('goes reconnecting while the API is down, rejects calls, and re-lists when it is back', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const r = recorder();
    velero.watch('Backup', r.handlers);
    await flush();
    backend.demo.setApiDown(true);
    expect(r.log.at(-1)).toBe('state:reconnecting:Cannot reach the Kubernetes API at https://demo.invalid: connection refused');
    await expect(velero.list('Backup')).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(backend.cluster.ping()).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(backend.cluster.waitGone([], 1000)).rejects.toMatchObject({ kind: 'unreachable' });
    // Velero keeps working meanwhile; the watch sees nothing until it re-lists.
    backend.demo.fireSchedule('snapshots-full');
    expect(r.log.filter((l) => l.startsWith('ADDED'))).toEqual([]);
    backend.demo.setApiDown(false);
    expect(r.log.slice(-2)).toEqual(['reset:9', 'state:live']);
    await expect(backend.cluster.ping()).resolves.toBeUndefined();
  });

  it('stops delivering after unsubscribe and after close', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const a = recorder();
    const b = recorder();
    const stopA = velero.watch('Backup', a.handlers);
    const stopEarly = velero.watch('Backup', recorder().handlers);
    stopEarly();
    velero.watch('Backup', b.handlers);
    await flush();
    stopA();
    backend.demo.fireSchedule('snapshots-full');
    expect(a.log).toEqual(['reset:8', 'state:live']);
    expect(b.log).toHaveLength(3);
    backend.close();
    await expect(velero.list('Backup')).rejects.toThrow('closed');
    expect(b.log).toHaveLength(3);
  });

  it('gives out copies: changing a received object changes nothing inside', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const got = (await velero.get('Backup', 'instance-6pz4k'))!;
    got.status!.phase = 'Failed';
    got.metadata.labels!.x = 'y';
    expect((await velero.get('Backup', 'instance-6pz4k'))?.status?.phase).toBe('Completed');
    expect((await velero.get('Backup', 'instance-6pz4k'))?.metadata.labels).not.toHaveProperty('x');
  });

  it('reports the missing Velero API in the no-velero seed', async () => {
    backend = pausedBackend({ seed: 'no-velero' });
    const r = recorder();
    backend.velero('velero').watch('Backup', r.handlers);
    await flush();
    expect(r.log).toEqual(['state:reconnecting:the server could not find the requested resource (get backups.velero.io)']);
  });
});

describe('demo watches in other namespaces', () => {
  it('see nothing of Velero\'s namespace, and start reconnecting while the API is down', async () => {
    backend = pausedBackend();
    backend.demo.setApiDown(true);
    const r = recorder();
    backend.velero('velero-other').watch('Backup', r.handlers);
    await flush();
    expect(r.log).toEqual(['state:reconnecting:Cannot reach the Kubernetes API at https://demo.invalid: connection refused']);
    backend.demo.setApiDown(false);
    expect(r.log.slice(1)).toEqual(['reset:0', 'state:live']);
    await expect(backend.velero('velero-other').serverStatus(2000)).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
