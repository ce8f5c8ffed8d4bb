// The real LeaseService against the lab's apiserver: create, read, replace
// with the version read, conflicts, delete with a precondition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/interfaces.js';
import { loadKubeConfig } from '../../src/services/kube-config.js';
import { KubeClient } from '../../src/services/kube-http.js';
import { KubeLeaseService } from '../../src/services/kube-lease.js';
import { leaseExpired, type Lease } from '../../src/services/lease.js';
import { readLab, type Lab } from './kube-lab.js';

const NAME = `e2e-lease-${process.pid}`;
let lab: Lab;
let client: KubeClient;
let leases: KubeLeaseService;

beforeAll(() => {
  lab = readLab();
  const loaded = loadKubeConfig({ kubeconfig: lab.kubeconfig });
  client = new KubeClient(loaded.kc);
  leases = new KubeLeaseService(client, lab.apiUrl);
});

afterAll(async () => {
  await leases?.delete('velero', NAME).catch(() => undefined);
  client?.close();
});

const kindOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ServiceError ? e.kind : String(e)));

describe('LeaseService on the real apiserver', () => {
  it('creates, reads back the same times, replaces only the version it read, deletes', async () => {
    const at = new Date('2026-11-29T12:00:00.123Z').toISOString();
    const lease: Lease = { name: NAME, holder: 'e2e pid 1', acquiredAt: at, renewedAt: at, durationSeconds: 30, annotations: { 'snapshots.kots.io/step': 'Removing namespaces' } };
    const created = await leases.create('velero', lease);
    expect(created).toMatchObject({ name: NAME, holder: 'e2e pid 1', acquiredAt: at, renewedAt: at, durationSeconds: 30, annotations: lease.annotations });
    expect(created.resourceVersion).toBeTruthy();
    expect(await kindOf(leases.create('velero', lease))).toBe('conflict');

    const read = (await leases.read('velero', NAME))!;
    expect(read).toEqual(created);
    expect(leaseExpired(read, new Date('2026-11-29T12:00:20Z'))).toBe(false);
    expect(leaseExpired(read, new Date('2026-11-29T12:00:31Z'))).toBe(true);

    const renewed = await leases.replace('velero', { ...read, renewedAt: new Date('2026-11-29T12:00:10Z').toISOString(), annotations: { 'snapshots.kots.io/step': 'Creating the Velero restore' } });
    expect(renewed.renewedAt).toBe('2026-11-29T12:00:10.000Z');
    expect(renewed.annotations['snapshots.kots.io/step']).toBe('Creating the Velero restore');
    // A second writer holding the old version loses.
    expect(await kindOf(leases.replace('velero', { ...read, holder: 'other pid 2' }))).toBe('conflict');
    expect(await kindOf(leases.delete('velero', NAME, read.resourceVersion))).toBe('conflict');

    await leases.delete('velero', NAME, renewed.resourceVersion);
    expect(await leases.read('velero', NAME)).toBeUndefined();
    await leases.delete('velero', NAME); // gone already is fine
  });
});
