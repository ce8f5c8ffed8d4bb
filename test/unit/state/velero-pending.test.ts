// The Velero given to the profile resolver before the lookup has found
// Velero's namespace: calls wait for it, then go to that namespace's service.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, type DemoBackend } from '../../../src/services/demo/index.js';
import { ServiceError } from '../../../src/services/interfaces.js';
import { pendingVelero } from '../../../src/state/velero-pending.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const flush = () => new Promise((r) => setTimeout(r, 5));

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

describe('pendingVelero', () => {
  it('lists in the namespace found, once it is found', async () => {
    backend = createDemoBackend({ tick: 1000 });
    const ns = deferred<string | undefined>();
    const velero = pendingVelero(backend, ns.promise);
    let listed: number | undefined;
    void velero.list('Backup').then((items) => (listed = items.length));
    await flush();
    expect(listed).toBeUndefined();
    expect(() => velero.namespace).toThrow(/still being looked up/);
    ns.resolve('velero');
    await flush();
    expect(listed).toBe((await backend.velero('velero').list('Backup')).length);
    expect(listed).toBeGreaterThan(0);
    expect(velero.namespace).toBe('velero');
  });

  it('opens a watch once the namespace is found, and not at all when stopped before', async () => {
    backend = createDemoBackend({ tick: 1000 });
    const ns = deferred<string | undefined>();
    const velero = pendingVelero(backend, ns.promise);
    const resets: number[] = [];
    const early: number[] = [];
    const stop = velero.watch('Backup', { onReset: (items) => resets.push(items.length), onEvent: () => undefined });
    const stopEarly = velero.watch('Backup', { onReset: (items) => early.push(items.length), onEvent: () => undefined });
    stopEarly();
    await flush();
    expect(resets).toEqual([]);
    ns.resolve('velero');
    await flush();
    expect(resets.length).toBe(1);
    expect(resets[0]).toBeGreaterThan(0);
    expect(early).toEqual([]);
    stop();
  });

  it('fails every call as not found when there is no Velero', async () => {
    backend = createDemoBackend({ tick: 1000 });
    const velero = pendingVelero(backend, Promise.resolve(undefined));
    const err = await velero.list('Backup').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).kind).toBe('not-found');
    const states: string[] = [];
    velero.watch('Backup', { onReset: () => undefined, onEvent: () => undefined, onState: (s, e) => states.push(`${s}: ${e?.kind}`) });
    await flush();
    expect(states).toEqual(['reconnecting: not-found']);
  });
});
