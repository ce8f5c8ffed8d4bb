// The real StorageService: validates destinations and reads Velero's object
// layout straight from the bucket with the location's own credentials (more
// robust than DownloadRequest URLs, which often point at in-cluster addresses).
import type { S3Client } from '@aws-sdk/client-s3';
import type { Backup, OperationResults, ResultEntries } from './model.js';
import { ServiceError, type BucketUsage, type S3Destination, type StorageService } from './interfaces.js';
import { createS3Client, S3ClientCache } from './storage-client.js';
import { toServiceError, type StorageOperation } from './storage-errors.js';
import { childNames, storageLayout, type StorageLayout } from './storage-layout.js';
import { getObjectBytes, gunzipText, listAll } from './storage-read.js';
import { validateDestination } from './storage-validate.js';

export type S3StorageService = StorageService & {
  /** Destroy cached clients and their sockets. */
  close(): void;
};

export function createS3StorageService(): S3StorageService {
  const cache = new S3ClientCache();

  async function run<T>(dest: S3Destination, fn: (ctx: Ctx) => Promise<T>, op: StorageOperation = 'read'): Promise<T> {
    try {
      return await fn({ client: cache.get(dest), layout: storageLayout(dest.prefix), bucket: dest.bucket });
    } catch (err) {
      throw toServiceError(err, dest, op);
    }
  }

  async function readGzip(dest: S3Destination, key: string, what: string): Promise<string | undefined> {
    const bytes = await run(dest, ({ client, bucket }) => getObjectBytes(client, bucket, key));
    if (!bytes) return undefined;
    try {
      return await gunzipText(bytes);
    } catch {
      throw new ServiceError('invalid', `${what} in the bucket is not valid gzip data (${key})`);
    }
  }

  async function readGzipJson<T>(dest: S3Destination, key: string, what: string): Promise<T | undefined> {
    const text = await readGzip(dest, key, what);
    return text === undefined ? undefined : parseJson<T>(text, what, key);
  }

  async function readLog(dest: S3Destination, key: string, label: string): Promise<string> {
    const text = await readGzip(dest, key, `The log of ${label}`);
    if (text === undefined) {
      throw new ServiceError('not-found', `No log for ${label} in the bucket yet`, 'Velero uploads the log when it finishes');
    }
    return text;
  }

  return {
    validate: async (dest, onStep, opts) => {
      // A fresh client, so the answer never rides on a connection opened with older
      // settings, and no retry: an unreachable endpoint is reported after one timeout.
      const client = createS3Client(dest, 1);
      try {
        return await validateDestination(client, dest, onStep, opts);
      } finally {
        client.destroy();
      }
    },

    listBackups: (dest) =>
      run(dest, async ({ client, bucket, layout }) =>
        childNames((await listAll(client, bucket, layout.backupsDir, '/')).prefixes, layout.backupsDir).sort(),
      'list'),

    usage: (dest) =>
      run(dest, async ({ client, bucket, layout }): Promise<BucketUsage> => {
        const { objects } = await listAll(client, bucket, layout.root);
        const backups = new Set<string>();
        for (const o of objects) {
          if (!o.key.startsWith(layout.backupsDir)) continue;
          const name = o.key.slice(layout.backupsDir.length).split('/')[0];
          if (name) backups.add(name);
        }
        return { bytes: objects.reduce((sum, o) => sum + o.size, 0), objects: objects.length, backups: backups.size };
      }, 'list'),

    readBackupMetadata: async (dest, backup) => {
      const key = storageLayout(dest.prefix).backupMetadata(backup);
      const bytes = await run(dest, ({ client, bucket }) => getObjectBytes(client, bucket, key));
      return bytes ? parseJson<Backup>(Buffer.from(bytes).toString('utf8'), `velero-backup.json of "${backup}"`, key) : undefined;
    },

    readBackupLog: (dest, backup) => readLog(dest, storageLayout(dest.prefix).backupLog(backup), `snapshot "${backup}"`),

    readBackupResults: async (dest, backup) => {
      const key = storageLayout(dest.prefix).backupResults(backup);
      const raw = await readGzipJson<Partial<OperationResults>>(dest, key, `The results of snapshot "${backup}"`);
      return raw && normalizeResults(raw);
    },

    readBackupResourceList: (dest, backup) =>
      readGzipJson<Record<string, string[]>>(
        dest,
        storageLayout(dest.prefix).backupResourceList(backup),
        `The resource list of snapshot "${backup}"`,
      ),

    backupSize: (dest, backup) =>
      run(dest, async ({ client, bucket, layout }) => {
        const { objects } = await listAll(client, bucket, layout.backupDir(backup));
        return objects.length ? objects.reduce((sum, o) => sum + o.size, 0) : undefined;
      }, 'list'),

    readRestoreLog: (dest, restore) => readLog(dest, storageLayout(dest.prefix).restoreLog(restore), `restore "${restore}"`),

    readRestoreResults: async (dest, restore) => {
      const key = storageLayout(dest.prefix).restoreResults(restore);
      const raw = await readGzipJson<Partial<OperationResults>>(dest, key, `The results of restore "${restore}"`);
      return raw && normalizeResults(raw);
    },

    close: () => cache.close(),
  };
}

interface Ctx {
  client: S3Client;
  layout: StorageLayout;
  bucket: string;
}

function parseJson<T>(text: string, what: string, key: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ServiceError('invalid', `${what} is not valid JSON (${key})`);
  }
}

function normalizeResults(raw: Partial<OperationResults>): OperationResults {
  const entries = (e: ResultEntries | undefined): ResultEntries => ({
    velero: e?.velero ?? [],
    cluster: e?.cluster ?? [],
    namespaces: e?.namespaces ?? {},
  });
  return { errors: entries(raw.errors), warnings: entries(raw.warnings) };
}
