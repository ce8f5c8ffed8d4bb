import { describe, expect, it } from 'vitest';
import type { Restore, VolumeOperation } from '../../../src/services/model.js';
import { initialState } from '../../../src/state/reducer.js';
import { groupResults, nextSteps, restoreKindOf, restoreVolumes, resultHeadline, snapshotContents } from '../../../src/state/restore-view.js';

const now = new Date('2026-03-02T10:00:00Z');

function vol(kind: 'PodVolumeRestore' | 'DataDownload', name: string, restore: string, status: VolumeOperation['status']): VolumeOperation {
  return {
    kind,
    metadata: { name, labels: { 'velero.io/restore-name': restore } },
    spec: kind === 'PodVolumeRestore' ? { pod: { namespace: 'harness', name: 'mongo-0' }, volume: 'data' } : { targetVolume: { namespace: 'harness', pvc: 'minio' } },
    status,
  };
}

describe('restoreVolumes', () => {
  it('lists only volumes labelled with the restore, with bytes and time left', () => {
    const s = initialState({ mode: 'demo' });
    s.objects.PodVolumeRestore = {
      a: vol('PodVolumeRestore', 'a', 'r1', { phase: 'InProgress', startTimestamp: '2026-03-02T09:59:00Z', progress: { bytesDone: 100, totalBytes: 400 } }),
      b: vol('PodVolumeRestore', 'b', 'other', { phase: 'InProgress' }),
    };
    s.objects.DataDownload = { c: vol('DataDownload', 'c', 'r1', { phase: 'Completed', progress: { bytesDone: 50, totalBytes: 50 } }) };
    const rows = restoreVolumes(s.objects, 'r1', now);
    expect(rows.map((r) => r.target)).toEqual(['harness/minio', 'harness/mongo-0 data']);
    expect(rows[1]).toMatchObject({ phase: 'InProgress', bytesDone: 100, totalBytes: 400, remainingMs: 180_000 });
    expect(rows[0]?.remainingMs).toBeUndefined();
  });
});

describe('snapshotContents', () => {
  it('reads kind, namespaces, items and volumes recorded for the backup', () => {
    const s = initialState({ mode: 'demo' });
    s.objects.PodVolumeBackup = {
      p: { metadata: { name: 'p', labels: { 'velero.io/backup-name': 'instance-x' } }, spec: {}, status: { progress: { totalBytes: 2048 } } },
      q: { metadata: { name: 'q', labels: { 'velero.io/backup-name': 'other' } }, spec: {} },
    };
    const c = snapshotContents(s.objects, {
      metadata: { name: 'instance-x', annotations: { 'kots.io/instance': 'true' } },
      spec: { includedNamespaces: ['kotsadm', 'harness'] },
      status: { phase: 'Completed', progress: { totalItems: 321, itemsBackedUp: 321 }, warnings: 2 },
    });
    expect(c).toMatchObject({ kind: 'full', namespaces: ['kotsadm', 'harness'], items: 321, volumes: 1, volumeBytes: 2048, warnings: 2, errors: 0 });
  });
});

describe('results', () => {
  it('groups errors and warnings by namespace, errors first', () => {
    const groups = groupResults({
      errors: { namespaces: { harness: ['pod mongo-0: volume timeout'] } },
      warnings: { cluster: ['crd exists'], namespaces: { harness: ['svc exists'], kotsadm: ['cm exists'] } },
    });
    expect(groups).toEqual([
      { scope: 'namespace harness', namespace: 'harness', errors: ['pod mongo-0: volume timeout'], warnings: ['svc exists'] },
      { scope: 'Cluster-wide', namespace: undefined, errors: [], warnings: ['crd exists'] },
      { scope: 'namespace kotsadm', namespace: 'kotsadm', errors: [], warnings: ['cm exists'] },
    ]);
  });

  const restore = (phase: string, extra: Partial<NonNullable<Restore['status']>> = {}, partial = true): Restore => ({
    metadata: { name: 'r' },
    spec: partial ? { backupName: 'b', includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } } : { backupName: 'b' },
    status: { phase: phase as never, ...extra },
  });

  it('says the outcome in plain words', () => {
    expect(resultHeadline(restore('Completed'))).toEqual({ text: 'Restore completed: everything selected was restored.', tone: 'ok' });
    expect(resultHeadline(restore('PartiallyFailed', { errors: 1, warnings: 4 })).text).toBe(
      'Restore finished with errors (1 error, 4 warnings): some resources or volumes were not restored.',
    );
    expect(resultHeadline(restore('Failed', { failureReason: 'backup not found' }))).toMatchObject({ tone: 'error', text: expect.stringContaining('backup not found') });
  });

  it('suggests next steps by outcome', () => {
    expect(nextSteps(restore('Completed'), undefined)).toEqual([
      'Check pods in namespace harness: kubectl -n harness get pods',
      'You might need to log into the admin console again.',
    ]);
    expect(nextSteps(restore('Failed'), undefined).join(' ')).toMatch(/removed before restoring/);
    expect(nextSteps(restore('InProgress'), undefined)).toEqual([]);
    // Velero read no credentials: with keys on the location, its own race (try again) comes first.
    const noCreds = restore('Failed', { failureReason: 'error getting backup store: failed to refresh cached credentials, no EC2 IMDS role found' });
    expect(nextSteps(noCreds, undefined, undefined, true)[0]).toMatch(/The location has access keys, but Velero read none.*Start it again/);
    expect(nextSteps(noCreds, undefined)[0]).toMatch(/^Velero found no credentials: give the instance an IAM role/);
    expect(nextSteps(restore('Failed'), undefined, undefined, true)[0]).toBe('Read the restore log (l) for the cause.');
    // A full restore names no namespaces: the snapshot's are checked.
    expect(nextSteps(restore('Completed', {}, false), undefined, ['kotsadm', 'harness']).slice(0, 2)).toEqual([
      'Check pods in namespace kotsadm: kubectl -n kotsadm get pods',
      'Check pods in namespace harness: kubectl -n harness get pods',
    ]);
  });

  it('tells a partial restore from a full one', () => {
    expect(restoreKindOf(restore('Completed'))).toBe('partial');
    expect(restoreKindOf(restore('Completed', {}, false))).toBe('full');
  });
});
