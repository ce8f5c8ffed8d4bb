// TLS to a real S3 server on loopback: an untrusted certificate, a given CA, and
// certificate checks turned off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { S3Destination } from '../../src/services/interfaces.js';
import { createS3StorageService, type S3StorageService } from '../../src/services/storage.js';
import { createS3Client } from '../../src/services/storage-client.js';
import { startS3Server, testDestination, type TestS3Server } from '../helpers/s3-server.js';
import { makeTestTls, type TestTls } from '../helpers/tls.js';

let storage: S3StorageService;
beforeAll(() => {
  storage = createS3StorageService();
});
afterAll(() => storage?.close());

describe('validate over TLS', () => {
  let tls: TestTls;
  let secure: TestS3Server;

  beforeAll(async () => {
    tls = makeTestTls();
    secure = await startS3Server({ tls: { cert: tls.serverCert, key: tls.serverKey } });
    const c = createS3Client(testDestination(secure, 'secure', { caCert: tls.caCert }));
    await c.send(new CreateBucketCommand({ Bucket: 'secure' }));
    c.destroy();
  });
  afterAll(async () => {
    await secure?.close();
  });

  const secureDest = (o: Partial<S3Destination> = {}): S3Destination => testDestination(secure, 'secure', o);

  it('reports an untrusted certificate as tls with a hint to add the CA', async () => {
    const result = await storage.validate(secureDest());
    expect(result).toMatchObject({ ok: false, failedStep: 'reach', kind: 'tls' });
    expect(result.message).toContain(`127.0.0.1:${secure.port}`);
    expect(result.hint).toContain('add the CA certificate');
  });

  it('passes with the CA certificate given', async () => {
    expect(await storage.validate(secureDest({ caCert: tls.caCert }))).toEqual({ ok: true });
  });

  it('passes with certificate checks turned off', async () => {
    expect(await storage.validate(secureDest({ insecureSkipTLSVerify: true }))).toEqual({ ok: true });
  });
});
