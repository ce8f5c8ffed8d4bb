import { afterEach, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import type { S3Destination, ValidationStep } from '../../../src/services/interfaces.js';
import { DEMO_DEST, pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

async function validate(dest: S3Destination) {
  const steps: ValidationStep[] = [];
  const result = await backend.storage.validate(dest, (s) => steps.push(s));
  return { result, steps };
}

describe('demo storage: validate', () => {
  it('accepts the demo destination after every step, and any other existing bucket', async () => {
    backend = pausedBackend();
    expect(await validate(DEMO_DEST)).toEqual({ result: { ok: true }, steps: ['reach', 'bucket', 'write', 'read', 'delete', 'layout'] });
    expect((await validate({ ...DEMO_DEST, bucket: 'another-bucket', prefix: '' })).result).toEqual({ ok: true });
  });

  it('fails at "bucket" for the missing-bucket and for the secret key "wrong"', async () => {
    backend = pausedBackend();
    const missing = await validate({ ...DEMO_DEST, bucket: 'missing-bucket' });
    expect(missing.steps).toEqual(['reach', 'bucket']);
    expect(missing.result).toMatchObject({
      ok: false,
      failedStep: 'bucket',
      kind: 'no-bucket',
      message: 'Bucket "missing-bucket" does not exist at http://minio.velero.svc:9000',
    });
    const wrong = await validate({ ...DEMO_DEST, credentials: { accessKeyId: 'DEMOACCESSKEY1234', secretAccessKey: 'wrong' } });
    expect(wrong.result).toMatchObject({ ok: false, failedStep: 'bucket', kind: 'unauthorized', message: 'The secret access key does not match access key ID ••••1234' });
    expect(JSON.stringify(wrong.result)).not.toContain('DEMOACCESSKEY1234');
  });

  it('fails at "reach" when storage is down or the endpoint is unreachable', async () => {
    backend = pausedBackend();
    expect((await validate({ ...DEMO_DEST, endpoint: 'http://unreachable.example:9000' })).result).toMatchObject({
      failedStep: 'reach',
      kind: 'unreachable',
      message: 'Connection to unreachable.example:9000 refused',
    });
    backend.demo.setStorageDown(true);
    expect((await validate(DEMO_DEST)).result).toMatchObject({ failedStep: 'reach', kind: 'unreachable' });
    await expect(backend.storage.listBackups(DEMO_DEST)).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('fails at "layout" for the shared bucket without a prefix, not with one', async () => {
    backend = pausedBackend();
    expect((await validate({ ...DEMO_DEST, bucket: 'shared-bucket', prefix: '' })).result).toMatchObject({
      ok: false,
      failedStep: 'layout',
      kind: 'foreign-objects',
      foreignEntries: ['reports', 'website-assets'],
    });
    expect((await validate({ ...DEMO_DEST, bucket: 'shared-bucket', prefix: 'velero' })).result).toEqual({ ok: true });
  });

  it('fails the next validation only at "write" after failNext', async () => {
    backend = pausedBackend();
    backend.demo.failNext('validate', 'Access key ID ••••1234 may not write to bucket "harness-snapshots"');
    expect((await validate(DEMO_DEST)).result).toMatchObject({ ok: false, failedStep: 'write', kind: 'forbidden', message: 'Access key ID ••••1234 may not write to bucket "harness-snapshots"' });
    expect((await validate(DEMO_DEST)).result).toEqual({ ok: true });
  });
});

describe('demo storage: reading Velero data', () => {
  it('lists every seeded snapshot and reads logs, results, resource lists and sizes', async () => {
    backend = pausedBackend();
    const s = backend.storage;
    expect(await s.listBackups(DEMO_DEST)).toEqual([
      'harness-c5j2v', 'harness-q8rtx', 'harness-w2f9c', 'instance-6pz4k', 'instance-b7n4s', 'instance-m5k8d', 'instance-t9x6l', 'snapshots-full-20250612000000',
    ]);
    expect(await s.listBackups({ ...DEMO_DEST, prefix: '/cluster-a/' })).toHaveLength(8);
    const log = await s.readBackupLog(DEMO_DEST, 'instance-m5k8d');
    expect(log).toMatch(/^time="2025-06-07T09:30:00Z" level=info msg="Setting up backup temp file" backup=velero\/instance-m5k8d/);
    expect(log).toContain('level=warning');
    expect(log).toContain('level=error');
    const results = (await s.readBackupResults(DEMO_DEST, 'instance-m5k8d'))!;
    const count = (e: typeof results.errors) => (e.velero?.length ?? 0) + (e.cluster?.length ?? 0) + Object.values(e.namespaces ?? {}).flat().length;
    const backup = (await backend.velero('velero').get('Backup', 'instance-m5k8d'))!;
    expect([count(results.errors), count(results.warnings)]).toEqual([backup.status?.errors, backup.status?.warnings]);
    expect(await s.readBackupLog(DEMO_DEST, 'instance-b7n4s')).toContain('level=error msg="backup failed"');
    const list = (await s.readBackupResourceList(DEMO_DEST, 'instance-6pz4k'))!;
    expect(list['v1/Namespace']).toEqual(['harness', 'kotsadm']);
    expect(list['apps/v1/Deployment']).toContain('kotsadm/kotsadm');
    expect(list['v1/ConfigMap']).not.toContain('harness/kube-root-ca.crt');
    expect(await s.backupSize(DEMO_DEST, 'instance-6pz4k')).toBeGreaterThan(await s.backupSize(DEMO_DEST, 'harness-q8rtx') ?? 0);
    const usage = await s.usage(DEMO_DEST);
    expect(usage.backups).toBe(8);
    expect(usage.bytes).toBeGreaterThan(1e9);
    expect(await s.readRestoreLog(DEMO_DEST, 'harness-w2f9c-20250611093000')).toContain('level=error');
    expect((await s.readRestoreResults(DEMO_DEST, 'instance-t9x6l-20250606101500'))?.warnings.cluster).toEqual([
      'could not restore, CustomResourceDefinition "widgets.example.com" already exists. Warning: the in-cluster version is different than the backed-up version',
    ]);
    await expect(s.readBackupLog(DEMO_DEST, 'no-such')).rejects.toMatchObject({ kind: 'not-found' });
    expect(await s.readBackupResults(DEMO_DEST, 'no-such')).toBeUndefined();
    expect(await s.listBackups({ ...DEMO_DEST, bucket: 'another-bucket' })).toEqual([]);
  });
});

describe('demo storage location status', () => {
  it('goes Unavailable with Velero\'s message when the secret key is wrong, and back when fixed', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const good = (await backend.cluster.getSecret('velero', 'cloud-credentials'))!;
    expect(good.cloud).toContain('aws_access_key_id=DEMOACCESSKEY1234');
    await backend.cluster.putSecret('velero', 'cloud-credentials', { cloud: '[default]\naws_access_key_id=DEMOACCESSKEY1234\naws_secret_access_key=wrong\n' });
    backend.demo.step();
    const bad = (await velero.get('BackupStorageLocation', 'default'))!;
    expect(bad.status?.phase).toBe('Unavailable');
    expect(bad.status?.message).toMatch(/^BackupStorageLocation "default" is unavailable: rpc error: .*api error SignatureDoesNotMatch/);
    await backend.cluster.putSecret('velero', 'cloud-credentials', good);
    backend.demo.step();
    expect((await velero.get('BackupStorageLocation', 'default'))?.status).not.toHaveProperty('message');
    expect((await velero.get('BackupStorageLocation', 'default'))?.status?.phase).toBe('Available');
  });

  it('syncs backups when the location moves to an empty bucket and back', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const bsl = (await velero.get('BackupStorageLocation', 'default'))!;
    await velero.update('BackupStorageLocation', { ...bsl, spec: { ...bsl.spec, objectStorage: { bucket: 'fresh-bucket', prefix: 'velero' } } });
    backend.demo.step();
    // Completed backups not in the new bucket disappear; others stay (as Velero's sync does).
    expect((await velero.list('Backup')).map((b) => b.metadata.name).sort()).toEqual(['harness-w2f9c', 'instance-b7n4s', 'instance-m5k8d']);
    await velero.update('BackupStorageLocation', bsl);
    backend.demo.step();
    expect(await velero.list('Backup')).toHaveLength(8);
  });
});
