// Reading what Velero wrote to the bucket for a snapshot (results, log,
// resource list, size), directly with the location's own credentials: the
// presigned DownloadRequest URLs often point at an in-cluster address.
import type { S3Destination } from '../services/interfaces.js';
import type { OperationResults } from '../services/model.js';
import { credentialRefOf, destinationFromLocation } from '../services/storage-location.js';
import { safeLine } from '../format/safe-text.js';
import { requireSession, type EffectContext } from './context.js';
import { errorText } from './operations.js';
import { locationFor } from './snapshots-plan.js';

/** The S3 destination of a location (by name, else the default one), with its Secret's keys. */
export async function storageDestination(ctx: EffectContext, locationName?: string): Promise<S3Destination> {
  const { backend, velero } = requireSession(ctx);
  const state = ctx.store.getState();
  const location = locationFor(state, locationName) ?? (locationName ? undefined : Object.values(state.objects.BackupStorageLocation)[0]);
  if (!location) {
    throw new Error(locationName ? `Storage location "${safeLine(locationName)}" does not exist.` : 'No storage location is set up.');
  }
  const ref = credentialRefOf(location);
  // No Secret means the location uses the node's instance role: read with the default chain.
  const secret = await backend.cluster.getSecret(velero.namespace, ref.name);
  return destinationFromLocation(location, secret);
}

async function destinationOf(ctx: EffectContext, backupName: string): Promise<S3Destination> {
  const backup = ctx.store.getState().objects.Backup[backupName];
  return storageDestination(ctx, backup?.spec.storageLocation);
}

export async function loadSnapshotResults(ctx: EffectContext, name: string): Promise<OperationResults | undefined> {
  const { backend } = requireSession(ctx);
  return backend.storage.readBackupResults(await destinationOf(ctx, name), name);
}

export async function loadSnapshotLog(ctx: EffectContext, name: string): Promise<string> {
  const { backend } = requireSession(ctx);
  return backend.storage.readBackupLog(await destinationOf(ctx, name), name);
}

export async function loadSnapshotSize(ctx: EffectContext, name: string): Promise<number | undefined> {
  const { backend } = requireSession(ctx);
  return backend.storage.backupSize(await destinationOf(ctx, name), name);
}

/** What the bucket holds about a snapshot; each part may fail on its own. */
export interface SnapshotBucketInfo {
  results?: OperationResults;
  resourceList?: Record<string, string[]>;
  size?: number;
  /** Why a part could not be read, e.g. "results: Access Denied". */
  problems: string[];
}

export async function loadSnapshotBucketInfo(ctx: EffectContext, name: string): Promise<SnapshotBucketInfo> {
  const { backend } = requireSession(ctx);
  const info: SnapshotBucketInfo = { problems: [] };
  let dest: S3Destination;
  try {
    dest = await destinationOf(ctx, name);
  } catch (err) {
    info.problems.push(`storage: ${errorText(err)}`);
    return info;
  }
  const storage = backend.storage;
  const [results, resourceList, size] = await Promise.allSettled([
    storage.readBackupResults(dest, name),
    storage.readBackupResourceList(dest, name),
    storage.backupSize(dest, name),
  ]);
  if (results.status === 'fulfilled') info.results = results.value;
  else info.problems.push(`results: ${errorText(results.reason)}`);
  if (resourceList.status === 'fulfilled') info.resourceList = resourceList.value;
  else info.problems.push(`resource list: ${errorText(resourceList.reason)}`);
  if (size.status === 'fulfilled') info.size = size.value;
  else info.problems.push(`size: ${errorText(size.reason)}`);
  return info;
}

/** The first error of a results file, with where it was reported ("namespace harness: ..."). */
export function firstError(results: OperationResults | undefined): string | undefined {
  const e = results?.errors;
  if (!e) return undefined;
  if (e.velero?.[0]) return `Velero: ${e.velero[0]}`;
  if (e.cluster?.[0]) return `cluster: ${e.cluster[0]}`;
  for (const [ns, list] of Object.entries(e.namespaces ?? {})) if (list[0]) return `namespace ${ns}: ${list[0]}`;
  return undefined;
}
