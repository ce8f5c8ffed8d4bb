import { afterEach, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import { composeFullRestore, composePartialRestore, selectorString, partialSelector } from '../../../src/services/profile.js';
import { BASE, DEMO_DEST, pausedBackend, stepUntil } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

const SELECTOR = 'kots.io/app-slug=harness';

async function restoreDone(name: string) {
  const r = await backend.velero('velero').get('Restore', name);
  return ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(r?.status?.phase ?? '');
}

describe('demo restore lifecycle', () => {
  it('runs the partial-restore flow: remove the app, wait, restore, and the resources come back', async () => {
    backend = pausedBackend();
    const { cluster } = backend;
    const velero = backend.velero('velero');
    const profile = backend.demo.profile;
    expect(selectorString(partialSelector(profile))).toBe(SELECTOR);

    const refs = await cluster.listLabelled(['harness'], SELECTOR);
    expect(refs).toHaveLength(19);
    expect(refs.map((r) => r.resource)).toContain('widgets');
    await cluster.deleteResources(refs);
    const progress: number[] = [];
    let resolved = false;
    const gone = cluster.waitGone(refs, 60_000, (left) => progress.push(left)).then(() => (resolved = true));
    expect(backend.demo.timerActive).toBe(false); // paused: nothing runs by itself
    // Most objects go in 2 steps, pods in 3, the PVC (finalizer) in 4.
    const steps = await stepUntil(backend, async () => {
      await Promise.resolve();
      return resolved;
    });
    await gone;
    expect(steps).toBe(4);
    expect(progress).toEqual([19, 5, 1]);
    expect(await cluster.listLabelled(['harness'], SELECTOR)).toEqual([]);
    expect(backend.demo.resources('harness').map((r) => r.name)).toEqual(['kube-root-ca.crt']);

    const restore = composePartialRestore(profile, 'harness-q8rtx', BASE);
    await velero.create('Restore', restore);
    const name = restore.metadata.name!;
    backend.demo.step();
    const started = (await velero.get('Restore', name))!;
    expect(started.status?.phase).toBe('InProgress');
    expect(started.status?.progress?.totalItems).toBe(20);
    const [pvr] = await velero.list('PodVolumeRestore', `velero.io/restore-name=${name}`);
    expect(pvr?.spec.pod).toEqual({ name: 'harness-postgres-0', namespace: 'harness' });

    const restored: number[] = [];
    await stepUntil(backend, async () => {
      const r = await velero.get('Restore', name);
      restored.push(r?.status?.progress?.itemsRestored ?? 0);
      return restoreDone(name);
    });
    expect(new Set(restored).size).toBeGreaterThan(3);
    const done = (await velero.get('Restore', name))!;
    expect(done.status?.phase).toBe('Completed');
    expect(done.status?.errors).toBeUndefined();
    expect((await velero.get('PodVolumeRestore', pvr!.metadata.name!))?.status).toMatchObject({ phase: 'Completed', progress: { bytesDone: pvr!.status!.progress!.totalBytes } });

    const back = await cluster.listLabelled(['harness'], SELECTOR);
    expect(back.map((r) => `${r.resource}/${r.name}`).sort()).toEqual(refs.map((r) => `${r.resource}/${r.name}`).sort());
    expect(back[0]?.labels?.['velero.io/restore-name']).toBe(name);
    const results = await backend.storage.readRestoreResults(DEMO_DEST, name);
    // The CRD is cluster-scoped and unlabelled, so a labelled partial restore leaves it alone.
    expect(results).toEqual({ errors: {}, warnings: {} });
    expect(await backend.storage.readRestoreLog(DEMO_DEST, name)).toContain('msg="restore completed"');
  });

  it('warns about objects that still exist and fails those still being deleted', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const deleting = (await backend.cluster.listLabelled(['harness'], SELECTOR)).filter((r) => ['configmaps', 'persistentvolumeclaims'].includes(r.resource));
    await backend.cluster.deleteResources(deleting);
    const restore = composePartialRestore(backend.demo.profile, 'harness-q8rtx', BASE);
    // Not waiting for the deletion: the configmaps are gone in time, the PVC (held by its finalizer) is not.
    await velero.create('Restore', restore);
    await stepUntil(backend, () => restoreDone(restore.metadata.name!));
    const r = (await velero.get('Restore', restore.metadata.name!))!;
    expect(r.status?.phase).toBe('PartiallyFailed');
    expect(r.status?.errors).toBe(1);
    expect(r.status?.warnings).toBe(16);
    const results = await backend.storage.readRestoreResults(DEMO_DEST, restore.metadata.name!);
    expect(results?.errors).toEqual({
      namespaces: {
        harness: ['error restoring persistentvolumeclaims/harness/data-harness-postgres-0: object is being deleted: persistentvolumeclaims "data-harness-postgres-0" already exists'],
      },
    });
    expect(backend.demo.resources('harness').filter((x) => x.resource === 'configmaps').map((x) => x.labels?.['velero.io/restore-name'])).toEqual([
      undefined, // kube-root-ca.crt, not the app's
      restore.metadata.name,
      restore.metadata.name,
    ]);
    expect(results?.warnings.namespaces?.harness).toContain(
      'could not restore, Secret "harness-tls" already exists. Warning: the in-cluster version is different than the backed-up version',
    );
  });

  it('runs one restore at a time', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const first = composeFullRestore('instance-6pz4k', BASE);
    const second = { ...composeFullRestore('instance-t9x6l', BASE) };
    await velero.create('Restore', first);
    await velero.create('Restore', second);
    backend.demo.step();
    expect((await velero.get('Restore', first.metadata.name!))?.status?.phase).toBe('InProgress');
    expect((await velero.get('Restore', second.metadata.name!))?.status).toBeUndefined();
    await stepUntil(backend, () => restoreDone(first.metadata.name!));
    backend.demo.step();
    expect((await velero.get('Restore', second.metadata.name!))?.status?.phase).toBe('InProgress');
  });

  it('restores a full snapshot into a deleted namespace after it is gone', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const deleting = backend.cluster.deleteNamespaces(['harness'], 60_000);
    const restore = composeFullRestore('instance-6pz4k', BASE);
    await velero.create('Restore', restore);
    backend.demo.step();
    expect((await velero.get('Restore', restore.metadata.name!))?.status?.progress?.itemsRestored).toBe(0);
    backend.demo.step(3);
    await deleting;
    await stepUntil(backend, () => restoreDone(restore.metadata.name!));
    const r = (await velero.get('Restore', restore.metadata.name!))!;
    expect(r.status?.phase).toBe('Completed');
    expect((await backend.cluster.listNamespaces(SELECTOR)).map((n) => n.name)).toEqual(['harness']);
    expect(await backend.cluster.listLabelled(['harness'], SELECTOR)).toHaveLength(19);
  });

  it('fails validation for an unknown or unfinished backup, and fails with the failNext reason', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const missing = composeFullRestore('no-such-backup', BASE);
    await velero.create('Restore', missing);
    backend.demo.step();
    expect((await velero.get('Restore', missing.metadata.name!))?.status).toEqual({
      phase: 'FailedValidation',
      validationErrors: ['Error retrieving backup: backups.velero.io "no-such-backup" not found'],
    });
    const failedBackup = composeFullRestore('instance-b7n4s', BASE);
    await velero.create('Restore', failedBackup);
    backend.demo.step();
    expect((await velero.get('Restore', failedBackup.metadata.name!))?.status?.phase).toBe('FailedValidation');

    backend.demo.failNext('restore', 'timed out waiting for all PodVolumeRestores to complete');
    const failing = composeFullRestore('instance-6pz4k', BASE);
    await velero.create('Restore', failing);
    await stepUntil(backend, () => restoreDone(failing.metadata.name!));
    expect((await velero.get('Restore', failing.metadata.name!))?.status).toMatchObject({
      phase: 'Failed',
      failureReason: 'timed out waiting for all PodVolumeRestores to complete',
    });
  });
});
