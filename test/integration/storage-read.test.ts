// Reading Velero's object layout from a real S3 server on loopback: objects are
// written the way Velero writes them (gzipped logs, results, resource lists).
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ServiceError, type S3Destination } from '../../src/services/interfaces.js';
import { createS3StorageService, type S3StorageService } from '../../src/services/storage.js';
import { createS3Client } from '../../src/services/storage-client.js';
import { startS3Server, testDestination, type TestS3Server } from '../helpers/s3-server.js';

let server: TestS3Server;
let admin: S3Client;
let storage: S3StorageService;

const layoutDest = (o: Partial<S3Destination> = {}): S3Destination => testDestination(server, 'layout', { prefix: 'velero', ...o });

afterAll(async () => {
  storage?.close();
  admin?.destroy();
  await server?.close();
});

describe('reading the Velero layout', () => {
  const results = { errors: { namespaces: { app: ['pod app/x: boom'] } }, warnings: { velero: ['slow'], cluster: [] } };
  const resourceList = { 'v1/ConfigMap': ['app/settings'], 'apps/v1/Deployment': ['app/web'] };
  const backupJson = { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'app-1' }, spec: { ttl: '720h0m0s' }, status: { phase: 'Completed' } };
  const sizes = new Map<string, number>();
  const sum = (prefix: string) => [...sizes].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

  beforeAll(async () => {
    server = await startS3Server();
    admin = createS3Client(layoutDest());
    storage = createS3StorageService();
    await admin.send(new CreateBucketCommand({ Bucket: 'layout' }));
    const files: [string, string | Uint8Array][] = [
      ['velero/backups/app-1/velero-backup.json', JSON.stringify(backupJson)],
      ['velero/backups/app-1/app-1.tar.gz', gzipSync('tarball stand-in')],
      ['velero/backups/app-1/app-1-logs.gz', gzipSync('time="..." level=info msg="Backup completed"\n')],
      ['velero/backups/app-1/app-1-results.gz', gzipSync(JSON.stringify(results))],
      ['velero/backups/app-1/app-1-resource-list.json.gz', gzipSync(JSON.stringify(resourceList))],
      ['velero/backups/app-2/velero-backup.json', JSON.stringify({ ...backupJson, metadata: { name: 'app-2' } })],
      ['velero/restores/app-1-20250101000000/restore-app-1-20250101000000-logs.gz', gzipSync('restore log line\n')],
      ['velero/restores/app-1-20250101000000/restore-app-1-20250101000000-results.gz', gzipSync('{"errors":{},"warnings":{"cluster":["exists"]}}')],
      ['velero/metadata/revision', 'rev-1'],
    ];
    for (const [key, body] of files) {
      await admin.send(new PutObjectCommand({ Bucket: 'layout', Key: key, Body: body }));
      sizes.set(key, typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    }
  });

  it('lists backups and sums usage', async () => {
    expect(await storage.listBackups(layoutDest())).toEqual(['app-1', 'app-2']);
    expect(await storage.usage(layoutDest())).toEqual({ bytes: sum('velero/'), objects: 9, backups: 2 });
  });

  it('reads metadata, log, results, resource list and size of a backup', async () => {
    const d = layoutDest();
    expect(await storage.readBackupMetadata(d, 'app-1')).toEqual(backupJson);
    expect(await storage.readBackupLog(d, 'app-1')).toContain('Backup completed');
    expect(await storage.readBackupResults(d, 'app-1')).toEqual({
      errors: { velero: [], cluster: [], namespaces: { app: ['pod app/x: boom'] } },
      warnings: { velero: ['slow'], cluster: [], namespaces: {} },
    });
    expect(await storage.readBackupResourceList(d, 'app-1')).toEqual(resourceList);
    expect(await storage.backupSize(d, 'app-1')).toBe(sum('velero/backups/app-1/'));
  });

  it('reads the log and results of a restore', async () => {
    const d = layoutDest();
    expect(await storage.readRestoreLog(d, 'app-1-20250101000000')).toBe('restore log line\n');
    expect(await storage.readRestoreResults(d, 'app-1-20250101000000')).toEqual({
      errors: { velero: [], cluster: [], namespaces: {} },
      warnings: { velero: [], cluster: ['exists'], namespaces: {} },
    });
  });

  it('answers undefined for missing objects and not-found for missing logs', async () => {
    const d = layoutDest();
    expect(await storage.readBackupMetadata(d, 'nope')).toBeUndefined();
    expect(await storage.readBackupResults(d, 'app-2')).toBeUndefined();
    expect(await storage.readBackupResourceList(d, 'app-2')).toBeUndefined();
    expect(await storage.backupSize(d, 'nope')).toBeUndefined();
    expect(await storage.readRestoreResults(d, 'nope')).toBeUndefined();
    const err = await storage.readBackupLog(d, 'app-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ kind: 'not-found', message: 'No log for snapshot "app-2" in the bucket yet' });
  });

  it('throws a ServiceError with the failure kind when reading with bad keys', async () => {
    const bad = layoutDest({ credentials: { accessKeyId: server.user.accessKeyId, secretAccessKey: 'wrong' } });
    await expect(storage.listBackups(bad)).rejects.toMatchObject({ name: 'ServiceError', kind: 'unauthorized' });
    await expect(storage.readBackupMetadata({ ...layoutDest(), bucket: 'gone' }, 'app-1')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
