// The real StorageService against a real S3 server on loopback (s3rver behind a
// SigV4-checking front, see test/helpers/s3-server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ServiceError, type S3Destination, type ValidationStep } from '../../src/services/interfaces.js';
import { createS3StorageService, type S3StorageService } from '../../src/services/storage.js';
import { createS3Client } from '../../src/services/storage-client.js';
import { closedPort, startS3Server, testDestination, type TestS3Server } from '../helpers/s3-server.js';

let server: TestS3Server;
let admin: S3Client;
let storage: S3StorageService;

function dest(overrides: Partial<S3Destination> = {}): S3Destination {
  return testDestination(server, 'snapshots', overrides);
}

async function put(bucket: string, key: string, body: string | Uint8Array): Promise<void> {
  await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

beforeAll(async () => {
  server = await startS3Server();
  admin = createS3Client(dest());
  for (const bucket of ['snapshots', 'shared', 'velero-only']) {
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  storage = createS3StorageService();
});

afterAll(async () => {
  storage?.close();
  admin?.destroy();
  await server?.close();
});

describe('validate', () => {
  it('passes every step for a good destination and leaves no probe behind', async () => {
    const steps: ValidationStep[] = [];
    const result = await storage.validate(dest({ prefix: 'velero' }), (s) => steps.push(s));
    expect(result).toEqual({ ok: true });
    expect(steps).toEqual(['reach', 'bucket', 'write', 'read', 'delete', 'layout']);
    const left = await admin.send(new ListObjectsV2Command({ Bucket: 'snapshots', Prefix: 'velero/' }));
    expect(left.Contents ?? []).toEqual([]);
  });

  it('reports a wrong secret key as unauthorized at the bucket step', async () => {
    const result = await storage.validate(dest({ credentials: { accessKeyId: server.user.accessKeyId, secretAccessKey: 'not-the-secret' } }));
    expect(result).toMatchObject({ ok: false, failedStep: 'bucket', kind: 'unauthorized' });
    expect(result.message).toContain('secret access key does not match');
    expect(result.message).toContain(`••••${server.user.accessKeyId.slice(-4)}`);
    expect(result.message).not.toContain(server.user.accessKeyId);
  });

  it('reports an unknown access key ID as unauthorized, naming it only masked', async () => {
    const result = await storage.validate(dest({ credentials: { accessKeyId: 'AKIANOSUCHKEY12345', secretAccessKey: server.user.secretAccessKey } }));
    expect(result).toMatchObject({ ok: false, failedStep: 'bucket', kind: 'unauthorized' });
    expect(result.message).toBe(`Access key ID ••••2345 is not known at ${server.endpoint}`);
  });

  it('reports a missing bucket with its name and the endpoint', async () => {
    const result = await storage.validate(dest({ bucket: 'no-such-bucket' }));
    expect(result).toMatchObject({ ok: false, failedStep: 'bucket', kind: 'no-bucket' });
    expect(result.message).toBe(`Bucket "no-such-bucket" does not exist at ${server.endpoint}`);
  });

  it('fails fast at the reach step on a closed port, naming host:port', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await storage.validate(dest({ endpoint: `http://127.0.0.1:${port}` }));
    expect(result).toMatchObject({ ok: false, failedStep: 'reach', kind: 'unreachable' });
    expect(result.message).toBe(`Connection to 127.0.0.1:${port} refused`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('without the probe (--readonly) writes nothing: read-only keys pass, a missing bucket still fails', async () => {
    const steps: ValidationStep[] = [];
    const before = await admin.send(new ListObjectsV2Command({ Bucket: 'snapshots' }));
    const result = await storage.validate(dest({ credentials: { ...server.readOnlyUser }, prefix: 'velero' }), (s) => steps.push(s), { writeProbe: false });
    expect(result).toEqual({ ok: true });
    expect(steps).toEqual(['reach', 'bucket', 'layout']);
    const after = await admin.send(new ListObjectsV2Command({ Bucket: 'snapshots' }));
    expect(after.Contents ?? []).toEqual(before.Contents ?? []);
    expect(await storage.validate(dest({ bucket: 'no-such-bucket' }), undefined, { writeProbe: false })).toMatchObject({ ok: false, failedStep: 'bucket' });
  });

  it('reports credentials that may not write as forbidden at the write step', async () => {
    const result = await storage.validate(dest({ credentials: { ...server.readOnlyUser } }));
    expect(result).toMatchObject({ ok: false, failedStep: 'write', kind: 'forbidden' });
    expect(result.message).toContain('may not write to bucket "snapshots"');
  });

  it('names folders under the prefix that Velero would reject', async () => {
    await put('shared', 'apps/other/data.bin', 'x');
    await put('shared', 'apps/uploads/a.png', 'x');
    await put('shared', 'apps/backups/b1/velero-backup.json', '{}');
    await put('shared', 'apps/readme.txt', 'loose files are ignored by Velero');
    const result = await storage.validate(dest({ bucket: 'shared', prefix: 'apps' }));
    expect(result).toMatchObject({ ok: false, failedStep: 'layout', kind: 'foreign-objects', foreignEntries: ['other', 'uploads'] });
    expect(result.message).toBe('Prefix "apps" holds folders Velero does not use: other/, uploads/');
  });

  it('checks the bucket root when there is no prefix', async () => {
    const result = await storage.validate(dest({ bucket: 'shared' }));
    expect(result).toMatchObject({ ok: false, kind: 'foreign-objects', foreignEntries: ['apps'] });
  });

  it('accepts a prefix holding only the folders Velero uses', async () => {
    for (const dir of ['backups/b1/x', 'restores/r1/x', 'restic/x', 'kopia/x', 'metadata/revision', 'plugins/x']) {
      await put('velero-only', `cluster-a/${dir}`, 'x');
    }
    await put('velero-only', 'elsewhere/unrelated', 'outside the prefix');
    expect(await storage.validate(dest({ bucket: 'velero-only', prefix: 'cluster-a' }))).toEqual({ ok: true });
  });
});

describe('secrets', () => {
  it('never appear in any result or error of a failing path', async () => {
    const secret = `Sup3rSecret/${'k'.repeat(20)}`;
    const keyId = 'AKIAVISIBLEKEYID9876';
    const port = await closedPort();
    const creds = { accessKeyId: keyId, secretAccessKey: secret };
    const rightKeyWrongSecret = { accessKeyId: server.user.accessKeyId, secretAccessKey: secret };
    const cases: S3Destination[] = [
      dest({ credentials: creds }),
      dest({ credentials: rightKeyWrongSecret }),
      dest({ credentials: rightKeyWrongSecret, bucket: 'no-such-bucket' }),
      dest({ credentials: creds, endpoint: `http://127.0.0.1:${port}` }),
      dest({ credentials: creds, endpoint: `https://127.0.0.1:${server.port}` }),
    ];
    const texts: string[] = [];
    for (const d of cases) {
      texts.push(JSON.stringify(await storage.validate(d)));
      for (const call of [() => storage.listBackups(d), () => storage.readBackupLog(d, 'b'), () => storage.usage(d)]) {
        const err = (await call().then(() => new Error('expected a failure'), (e: unknown) => e)) as ServiceError;
        expect(err).toBeInstanceOf(ServiceError);
        texts.push(`${err.message} ${err.hint ?? ''} ${String(err.stack)}`);
      }
    }
    expect(texts.length).toBe(20);
    for (const text of texts) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(keyId);
      expect(text).not.toContain(server.user.accessKeyId);
    }
  });
});
