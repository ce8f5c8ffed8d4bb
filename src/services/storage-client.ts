// One S3 client per destination, tuned to fail fast: an admin waiting on a
// validation should hear "unreachable" in seconds, not after minutes of retries.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { rememberSecret } from '../format/secrets.js';
import type { S3Destination } from './interfaces.js';

export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** One retry for reads; validation asks for a single attempt to answer quickly. */
const MAX_ATTEMPTS = 2;

const silentLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export function createS3Client(dest: S3Destination, maxAttempts = MAX_ATTEMPTS): S3Client {
  rememberSecret(dest.credentials?.accessKeyId);
  rememberSecret(dest.credentials?.secretAccessKey);
  // The SDK prints a Node-version notice to stderr on Node < 22, which would tear
  // the full-screen UI; the program supports Node 20 on purpose.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    maxSockets: 16,
    ...(dest.caCert ? { ca: dest.caCert } : {}),
    rejectUnauthorized: !dest.insecureSkipTLSVerify,
  });
  return new S3Client({
    region: dest.region || 'us-east-1',
    ...(dest.endpoint ? { endpoint: dest.endpoint } : {}),
    forcePathStyle: dest.forcePathStyle ?? false,
    ...(dest.credentials ? { credentials: { ...dest.credentials } } : {}),
    maxAttempts,
    // S3-compatible servers (Ceph RGW, versitygw, older MinIO) reject the CRC
    // trailers newer SDKs send by default; Velero's `checksumAlgorithm: ""` twin.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    logger: silentLogger,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      socketTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      httpsAgent,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
      logger: silentLogger,
    },
  });
}

/** Caches a few clients so that reading many objects of one location reuses connections. */
export class S3ClientCache {
  private readonly clients = new Map<string, S3Client>();

  constructor(private readonly max = 4) {}

  get(dest: S3Destination): S3Client {
    // A digest, not the destination itself, keys the map so no second copy of the secret lingers.
    const key = createHash('sha256').update(JSON.stringify(dest)).digest('hex');
    const cached = this.clients.get(key);
    if (cached) {
      this.clients.delete(key);
      this.clients.set(key, cached);
      return cached;
    }
    const client = createS3Client(dest);
    this.clients.set(key, client);
    if (this.clients.size > this.max) {
      const [oldestKey, oldest] = this.clients.entries().next().value as [string, S3Client];
      this.clients.delete(oldestKey);
      oldest.destroy();
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
