import { describe, expect, it } from 'vitest';
import type { Backup, BackupStorageLocation, VolumeOperation } from '../../../src/services/model.js';
import { initialState, reducer } from '../../../src/state/reducer.js';
import { snapshotDetailLines } from '../../../src/state/snapshots-details.js';
import { makeSelectBackupVolumes, validLabelValue, volumeTotals, volumeView } from '../../../src/state/snapshots-volumes.js';

const NOW = new Date('2025-06-12T12:00:00Z');

const pvb = (name: string, backup: string, phase: string, done: number, total: number, start?: string, extra: Partial<VolumeOperation['status']> = {}): VolumeOperation => ({
  kind: 'PodVolumeBackup',
  metadata: { name, labels: { 'velero.io/backup-name': backup } },
  spec: { pod: { name: 'db-0', namespace: 'harness' }, volume: 'data' },
  status: { phase, progress: { bytesDone: done, totalBytes: total }, startTimestamp: start, ...extra },
});

describe('volumes of a snapshot', () => {
  it('derives rate and time left from the volume’s own start time', () => {
    const v = volumeView(pvb('p1', 'b', 'InProgress', 300 * 1024 ** 2, 1200 * 1024 ** 2, '2025-06-12T11:59:00Z'), NOW);
    expect(v).toMatchObject({ target: 'harness/db-0 data', kind: 'file system', state: 'running', elapsedMs: 60_000 });
    expect(v.rate).toBeCloseTo((300 * 1024 ** 2) / 60, 0);
    expect(v.remainingMs).toBe(180_000);
    const upload: VolumeOperation = { kind: 'DataUpload', metadata: { name: 'd1' }, spec: { sourceNamespace: 'harness', sourcePVC: 'data-db-0' }, status: { phase: 'Accepted' } };
    const u = volumeView(upload, NOW);
    expect(u).toMatchObject({ target: 'harness/data-db-0', kind: 'data mover', state: 'running' });
    expect([u.rate, u.remainingMs]).toEqual([undefined, undefined]);
  });

  it('selects PodVolumeBackups and DataUploads by the backup-name label and totals them', () => {
    let s = initialState({ mode: 'demo' });
    s = reducer(s, { type: 'objects/reset', kind: 'PodVolumeBackup', items: [pvb('p1', 'mine', 'Completed', 10, 10), pvb('p2', 'other', 'Completed', 5, 5), pvb('p3', 'mine', 'Failed', 2, 8)] });
    s = reducer(s, {
      type: 'objects/reset',
      kind: 'DataUpload',
      items: [{ metadata: { name: 'd1', labels: { 'velero.io/backup-name': 'mine' } }, spec: { sourcePVC: 'x' }, status: { phase: 'InProgress' } }],
    });
    const select = makeSelectBackupVolumes('mine');
    const ops = select(s);
    expect(ops.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['PodVolumeBackup/p1', 'PodVolumeBackup/p3', 'DataUpload/d1']);
    expect(select(reducer(s, { type: 'notice', notice: { level: 'info', text: 'x', at: 0 } }))).toBe(ops);
    expect(volumeTotals(ops.map((o) => volumeView(o, NOW)))).toEqual({ count: 3, done: 1, failed: 1, bytesDone: 12, totalBytes: 18, sizeUnknown: true });
  });

  it('matches long names the way Velero labels them', () => {
    expect(validLabelValue('short')).toBe('short');
    expect(validLabelValue('a'.repeat(64))).toHaveLength(63);
  });
});

describe('snapshot details', () => {
  const failed: Backup = {
    metadata: { name: 'instance-b7n4s', annotations: { 'kots.io/instance': 'true' } },
    spec: { includedNamespaces: ['kotsadm', 'harness'], orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }], ttl: '720h0m0s', storageLocation: 'default', includeClusterResources: true },
    status: {
      phase: 'Failed',
      startTimestamp: '2025-06-12T10:00:00Z',
      completionTimestamp: '2025-06-12T10:01:30Z',
      expiration: '2025-07-12T10:00:00Z',
      failureReason: 'found a backup with status "InProgress" during the server starting, mark it as "Failed"',
      errors: 2,
      warnings: 1,
      hookStatus: { hooksAttempted: 2, hooksFailed: 1 },
    },
  };
  const bucket = {
    problems: [],
    size: 2048,
    results: {
      errors: { velero: ['velero side problem'], namespaces: { harness: ['pod volume backup failed: \u001b[31mred\u001b[0m'] } },
      warnings: { cluster: ['v1beta1 is not served any more'] },
    },
    resourceList: { 'v1/ConfigMap': ['harness/config'], 'apps/v1/Deployment': ['harness/web', 'kotsadm/kotsadm'] },
  };
  const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

  it('tells what describe --details tells: spec, timing, failure, errors by origin, resources', () => {
    const location: BackupStorageLocation = { metadata: { name: 'default' }, spec: { provider: 'aws', objectStorage: { bucket: 'snaps', prefix: 'cluster-a' } } };
    const lines = snapshotDetailLines({ backup: failed, location, volumes: [volumeView(pvb('p1', 'instance-b7n4s', 'Failed', 1, 4, undefined, { message: 'kopia: deadline' }), NOW)], bucket, now: NOW });
    const all = text(lines);
    expect(lines[0]).toEqual({ text: 'Snapshot instance-b7n4s  Failed', tone: 'error' });
    expect(all).toContain('Type            full (instance), manual');
    expect(all).toMatch(/Completed .* — took 1m 30s/);
    expect(all).toMatch(/Expires .*kept 1 month \(ttl 720h0m0s\)/);
    expect(all).toContain('Size            2.0 KiB');
    expect(all).toContain('Storage         default (bucket snaps, prefix cluster-a)');
    expect(all).toContain('Failure reason: found a backup with status "InProgress"');
    expect(all).toContain('First error — Velero: velero side problem');
    expect(all).toContain('Where to look: the errors below, then the backup log (press l; e jumps to error lines).');
    expect(all).toContain('Namespaces      kotsadm, harness');
    expect(all).toContain('Any of labels   kots.io/backup=velero');
    expect(all).toContain('Hooks           none in spec; attempted 2, failed 1');
    expect(all).toMatch(/Volumes \(1\)\n {2}harness\/db-0 data {2}file system {2}Failed/);
    expect(all).toContain('      kopia: deadline');
    expect(all).toMatch(/Errors \(2\)\n {2}Velero:\n {4}velero side problem\n {2}Namespace harness:\n {4}pod volume backup failed: red/);
    expect(all).toMatch(/Warnings \(1\)\n {2}Cluster:\n {4}v1beta1 is not served any more/);
    expect(all).toMatch(/Resources \(3\)\n {2}apps\/v1\/Deployment \(2\)\n {4}harness\/web\n {4}kotsadm\/kotsadm\n {2}v1\/ConfigMap \(1\)/);
    expect(all).not.toContain('\u001b');
  });

  it('says what is loading, what could not be read, and a failed deletion', () => {
    const loading = text(snapshotDetailLines({ backup: failed, volumes: [], now: NOW }));
    expect(loading).toContain('Size            reading the bucket…');
    expect(loading).toContain('Reading errors, warnings and the resource list from the bucket…');
    const broken = text(
      snapshotDetailLines({ backup: failed, volumes: [], bucket: { problems: ['results: Access Denied'] }, deletion: { pending: false, errors: ['error deleting backup from backup storage: connection refused'] }, now: NOW }),
    );
    expect(broken).toContain('Could not read from the bucket — results: Access Denied');
    expect(broken).toContain('Where to look: the backup log (press l; e jumps to error lines).');
    expect(broken).toContain('Storage         default\n');
    expect(broken).toContain('The last delete request failed; the snapshot is still there:');
    expect(broken).toContain('error deleting backup from backup storage: connection refused');
  });

  it('lists validation errors of a refused snapshot', () => {
    const refused: Backup = { metadata: { name: 'x' }, spec: {}, status: { phase: 'FailedValidation', validationErrors: ['backup storage location "default" is unavailable'] } };
    const all = text(snapshotDetailLines({ backup: refused, volumes: [], bucket: { problems: [] }, now: NOW }));
    expect(all).toContain('Velero refused this snapshot:\n  backup storage location "default" is unavailable');
  });

  it('after the failure reason, says what to do when Velero read no credentials', () => {
    const failed: Backup = { metadata: { name: 'x' }, spec: {}, status: { phase: 'Failed', failureReason: 'failed to refresh cached credentials, no EC2 IMDS role found' } };
    const spec = { provider: 'aws', objectStorage: { bucket: 'snaps' } };
    const withKeys: BackupStorageLocation = { metadata: { name: 'default' }, spec: { ...spec, credential: { name: 'cloud-credentials', key: 'cloud' } } };
    const keyless: BackupStorageLocation = { metadata: { name: 'default' }, spec };
    const lines = (location: BackupStorageLocation) => text(snapshotDetailLines({ backup: failed, location, volumes: [], bucket: { problems: [] }, now: NOW }));
    expect(lines(withKeys)).toMatch(/Failure reason: failed to refresh cached credentials, no EC2 IMDS role found\nThe location has access keys, but Velero read none/);
    expect(lines(keyless)).toMatch(/no EC2 IMDS role found\nVelero found no credentials: give the instance an IAM role/);
  });
});
