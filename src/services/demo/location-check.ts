// Can Velero use this location right now? The same answer drives the BSL's
// phase, backups failing to upload, and deletions failing to delete.
import type { BackupStorageLocation } from '../model.js';
import { MISSING_BUCKET } from './bucket.js';
import { apiError, dialError, NO_CREDENTIALS, NO_SUCH_BUCKET, SIGNATURE_MISMATCH } from './messages.js';
import { VELERO_NAMESPACE, type World } from './world.js';

/** Magic secret value: any credentials whose secret access key is this are rejected. */
export const WRONG_SECRET = 'wrong';

/** The secret access key Velero would use for this location (from its credential or cloud-credentials). */
export function locationSecretKey(w: World, bsl: BackupStorageLocation): string | undefined {
  const ref = bsl.spec.credential ?? { name: 'cloud-credentials', key: 'cloud' };
  const ini = w.cluster.secrets.get(w.cluster.secretKey(VELERO_NAMESPACE, ref.name))?.data[ref.key];
  if (ini === undefined) return undefined;
  const m = /^\s*aws_secret_access_key\s*=\s*(.*?)\s*$/m.exec(ini);
  return m?.[1];
}

/** Velero's error for an S3 operation on this location, or undefined when it would work. */
export function storageProblem(w: World, bsl: BackupStorageLocation, operation: string, method: string, key: string): string | undefined {
  if (w.storageDown) return dialError(bsl, operation, method, key);
  const secret = locationSecretKey(w, bsl);
  if (secret === undefined) return NO_CREDENTIALS;
  if (secret === WRONG_SECRET) return apiError(operation, 403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  if (bsl.spec.objectStorage.bucket === MISSING_BUCKET) return apiError(operation, 404, 'NoSuchBucket', NO_SUCH_BUCKET);
  return undefined;
}
