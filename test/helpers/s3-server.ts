// A real S3-compatible server on loopback for integration tests: s3rver (files
// in a temp dir) behind a front that checks SigV4 signatures for real and
// enforces read-only users. Started and stopped by the tests themselves.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { S3Destination } from '../../src/services/interfaces.js';
import { verifySigV4, type SigV4Failure } from './sigv4.js';

const require = createRequire(import.meta.url);

interface S3rverApp {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  logger: { exceptions: { unhandle(): void }; close(): void };
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverApp;
interface AccountModule {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void };
}

export interface TestUser {
  accessKeyId: string;
  secretAccessKey: string;
  readOnly?: boolean;
}

export interface TestS3Server {
  endpoint: string;
  port: number;
  /** A read-write user. */
  user: TestUser;
  /** A user that may only GET and HEAD. */
  readOnlyUser: TestUser;
  close(): Promise<void>;
}

export interface StartOptions {
  tls?: { cert: string; key: string };
}

export async function startS3Server(options: StartOptions = {}): Promise<TestS3Server> {
  const S3rver = require('s3rver') as S3rverCtor;
  const accounts = require('s3rver/lib/models/account.js') as AccountModule;
  const dir = mkdtempSync(join(tmpdir(), 'snapshots-tui-s3-'));
  const s3rver = new S3rver({ directory: dir, silent: true, allowMismatchedSignatures: false });
  const handle = s3rver.callback();

  const user = newUser('RW');
  const readOnlyUser = { ...newUser('RO'), readOnly: true };
  const users = new Map<string, TestUser>([user, readOnlyUser].map((u) => [u.accessKeyId, u]));
  // s3rver still looks the key ID up in its own registry after our check passes.
  for (const u of users.values()) accounts.DUMMY_ACCOUNT.createKeyPair(u.accessKeyId, u.secretAccessKey);

  const front = (req: IncomingMessage, res: ServerResponse) => {
    const verdict = verifySigV4(req, (id) => users.get(id)?.secretAccessKey);
    if ('code' in verdict) return reject(req, res, verdict);
    const u = users.get(verdict.accessKeyId);
    if (u?.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
      return reject(req, res, { code: 'AccessDenied', message: 'Access Denied' });
    }
    handle(req, res);
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, front)
    : createHttpServer(front);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    user,
    readOnlyUser,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const id of users.keys()) accounts.DUMMY_ACCOUNT.revokeAccessKey(id);
      s3rver.logger.exceptions.unhandle();
      s3rver.logger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function newUser(tag: string): TestUser {
  return {
    accessKeyId: `AKIA${tag}${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: `secret/${randomBytes(15).toString('base64url')}`,
  };
}

function reject(req: IncomingMessage, res: ServerResponse, failure: SigV4Failure): void {
  // Drain the body so keep-alive connections stay usable after the error.
  req.resume();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${failure.code}</Code><Message>${failure.message}</Message><RequestId>${randomBytes(8).toString('hex')}</RequestId></Error>`;
  res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A destination on the test server with its read-write user, path style. */
export function testDestination(server: TestS3Server, bucket: string, overrides: Partial<S3Destination> = {}): S3Destination {
  return { bucket, region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: { ...server.user }, ...overrides };
}
