// StorageService over the simulated buckets. Magic values (README "Demo mode"):
//   bucket "missing-bucket"        → validate fails at step "bucket" (no-bucket); reads reject not-found
//   secret access key "wrong"      → validate fails at step "bucket" (unauthorized); reads reject
//   bucket "shared-bucket", no prefix → validate fails at step "layout" (foreign-objects)
//   an endpoint containing "unreachable", or demo.setStorageDown(true) → step "reach" (unreachable)
//   demo.failNext('validate', reason) → the next validate fails at step "write" (forbidden)
// Any other bucket exists (empty unless Velero wrote to it).
import { ServiceError, type BucketUsage, type S3Destination, type StorageService, type ValidationResult, type ValidationStep } from '../interfaces.js';
import type { OperationResults } from '../model.js';
import { backupObjectSizes, MISSING_BUCKET, type BucketArea } from './bucket.js';
import { resourceList } from './contents.js';
import { WRONG_SECRET } from './location-check.js';
import { renderBackupLog, renderRestoreLog } from './logs.js';
import { VELERO_NAMESPACE, type World } from './world.js';

interface Failure {
  step: ValidationStep;
  kind: NonNullable<ValidationResult['kind']>;
  message: string;
  hint?: string;
}

function host(dest: S3Destination): string {
  if (!dest.endpoint) return `s3.${dest.region}.amazonaws.com:443`;
  try {
    const url = new URL(dest.endpoint);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return dest.endpoint;
  }
}

function where(dest: S3Destination): string {
  return dest.endpoint ? dest.endpoint.replace(/\/+$/, '') : `AWS S3 (${dest.region})`;
}

function maskedKey(dest: S3Destination): string {
  const id = dest.credentials?.accessKeyId;
  return id ? `access key ID ••••${id.slice(-Math.min(4, Math.floor(id.length / 2)))}` : 'the instance role';
}

/** Why this destination cannot be used right now (before any write). */
function accessFailure(w: World, dest: S3Destination): Failure | undefined {
  if (w.storageDown || dest.endpoint?.includes('unreachable')) {
    return { step: 'reach', kind: 'unreachable', message: `Connection to ${host(dest)} refused`, hint: 'Check the port, and that the S3 server is running and listening there' };
  }
  if (dest.credentials?.secretAccessKey === WRONG_SECRET) {
    return { step: 'bucket', kind: 'unauthorized', message: `The secret access key does not match ${maskedKey(dest)}`, hint: 'Re-enter the secret access key' };
  }
  if (dest.bucket === MISSING_BUCKET) {
    return { step: 'bucket', kind: 'no-bucket', message: `Bucket "${dest.bucket}" does not exist at ${where(dest)}`, hint: 'Create the bucket first, or check the bucket name and endpoint' };
  }
  return undefined;
}

export function createDemoStorage(w: World): StorageService {
  const open = (dest: S3Destination): BucketArea => {
    const f = accessFailure(w, dest);
    if (f) throw new ServiceError(f.kind === 'no-bucket' ? 'not-found' : f.kind === 'foreign-objects' ? 'invalid' : f.kind, f.message, f.hint);
    return w.buckets.area(dest.bucket, dest.prefix);
  };
  const noKey = (key: string) => new ServiceError('not-found', `The specified key does not exist: ${key}`);
  const backupRecord = (dest: S3Destination, backup: string) => {
    const record = open(dest).backups.get(backup);
    if (!record) throw noKey(`backups/${backup}/velero-backup.json`);
    return record;
  };
  const restoreRecord = (dest: S3Destination, restore: string) => {
    const record = open(dest).restores.get(restore);
    if (!record) throw noKey(`restores/${restore}/restore-${restore}-logs.gz`);
    return record;
  };
  const results = (r: OperationResults) => structuredClone(r);

  return {
    async validate(dest, onStep, opts): Promise<ValidationResult> {
      const failure = accessFailure(w, dest);
      const steps: ValidationStep[] = opts?.writeProbe === false ? ['reach', 'bucket', 'layout'] : ['reach', 'bucket', 'write', 'read', 'delete', 'layout'];
      for (const step of steps) {
        onStep?.(step);
        // One await per step, like the network round trips of the real check.
        await Promise.resolve();
        if (failure?.step === step) return { ok: false, failedStep: step, kind: failure.kind, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) };
        const injected = step === 'write' ? w.takeFailure('validate') : undefined;
        if (injected !== undefined) {
          return { ok: false, failedStep: 'write', kind: 'forbidden', message: injected, hint: 'Velero needs s3:ListBucket, GetObject, PutObject and DeleteObject on the bucket' };
        }
      }
      const foreign = w.buckets.area(dest.bucket, dest.prefix).foreign;
      if (foreign.length > 0) {
        return {
          ok: false,
          failedStep: 'layout',
          kind: 'foreign-objects',
          foreignEntries: [...foreign],
          message: `The root of bucket "${dest.bucket}" holds folders Velero does not use: ${foreign.map((f) => `${f}/`).join(', ')}`,
          hint: 'Velero marks such a location invalid (it allows only backups/, restores/, restic/, kopia/, metadata/, plugins/). Use an empty bucket or a new prefix, e.g. "velero"',
        };
      }
      return { ok: true };
    },

    async listBackups(dest) {
      return [...open(dest).backups.keys()].sort();
    },

    async usage(dest): Promise<BucketUsage> {
      const area = open(dest);
      let bytes = 0;
      let objects = 0;
      for (const record of area.backups.values()) {
        const sizes = Object.values(backupObjectSizes(record));
        bytes += sizes.reduce((a, b) => a + b, 0);
        objects += sizes.length;
        // Kopia's repository holds the volume data, deduplicated and compressed.
        for (const v of record.volumes) if (!v.failed) {
          bytes += Math.round(v.bytes * 0.62);
          objects += Math.max(1, Math.ceil(v.bytes / (20 * 1024 * 1024)));
        }
      }
      objects += area.restores.size * 2;
      return { bytes, objects, backups: area.backups.size };
    },

    async readBackupMetadata(dest, backup) {
      const record = open(dest).backups.get(backup);
      return record && structuredClone(record.backup);
    },

    async readBackupLog(dest, backup) {
      return renderBackupLog(backupRecord(dest, backup), VELERO_NAMESPACE);
    },

    async readBackupResults(dest, backup) {
      const record = open(dest).backups.get(backup);
      return record && results(record.results);
    },

    async readBackupResourceList(dest, backup) {
      const record = open(dest).backups.get(backup);
      return record && resourceList(record.items);
    },

    async backupSize(dest, backup) {
      const record = open(dest).backups.get(backup);
      return record && Object.values(backupObjectSizes(record)).reduce((a, b) => a + b, 0);
    },

    async readRestoreLog(dest, restore) {
      return renderRestoreLog(restoreRecord(dest, restore), VELERO_NAMESPACE);
    },

    async readRestoreResults(dest, restore) {
      const record = open(dest).restores.get(restore);
      return record && results(record.results);
    },
  };
}
