// The simulated object store: what Velero wrote under each bucket/prefix.
// Records keep structured data; logs and sizes are derived on read, so even
// thousands of snapshots cost little memory.
import type { Backup, OperationResults, Restore } from '../model.js';
import type { SimItem } from './cluster-state.js';

export interface VolumeRecord {
  namespace: string;
  pod: string;
  volume: string;
  bytes: number;
  /** Why the volume's data was not backed up. */
  failed?: string;
}

export interface BackupRecord {
  /** As in `velero-backup.json`: the Backup when it finished. */
  backup: Backup;
  items: SimItem[];
  volumes: VolumeRecord[];
  results: OperationResults;
}

export interface RestoreOutcome {
  item: SimItem;
  /** restored, skipped (already there), or failed */
  result: 'restored' | 'skipped' | 'failed';
  message?: string;
}

export interface RestoreRecord {
  restore: Restore;
  outcomes: RestoreOutcome[];
  volumes: VolumeRecord[];
  results: OperationResults;
}

export interface BucketArea {
  backups: Map<string, BackupRecord>;
  restores: Map<string, RestoreRecord>;
  /** Top-level folders under the prefix that are not Velero's. */
  foreign: string[];
}

/** Magic bucket names, documented in the README's demo section. */
export const MISSING_BUCKET = 'missing-bucket';
export const SHARED_BUCKET = 'shared-bucket';

export function normalizePrefix(prefix: string | undefined): string {
  return (prefix ?? '').replace(/^\/+|\/+$/g, '');
}

export class Buckets {
  private readonly areas = new Map<string, BucketArea>();

  exists(bucket: string): boolean {
    return bucket !== MISSING_BUCKET;
  }

  /** The area under bucket/prefix; any bucket but the missing one exists (and starts empty). */
  area(bucket: string, prefix: string | undefined): BucketArea {
    const key = `${bucket}/${normalizePrefix(prefix)}`;
    let area = this.areas.get(key);
    if (!area) {
      // The shared bucket's root holds other tools' folders; a prefix inside it is clean.
      const foreign = bucket === SHARED_BUCKET && !normalizePrefix(prefix) ? ['reports', 'website-assets'] : [];
      area = { backups: new Map(), restores: new Map(), foreign };
      this.areas.set(key, area);
    }
    return area;
  }
}

/** Sizes of the objects Velero writes per backup (tarball, logs, results, lists...), in bytes. */
export function backupObjectSizes(record: BackupRecord): Record<string, number> {
  const n = record.items.length;
  const entries = countEntries(record.results);
  const name = record.backup.metadata.name!;
  return {
    'velero-backup.json': 2_870 + (record.backup.spec.includedNamespaces?.length ?? 0) * 24,
    [`${name}.tar.gz`]: 3_072 + n * 1_187,
    [`${name}-logs.gz`]: 2_310 + n * 61 + entries * 140,
    [`${name}-results.gz`]: 96 + entries * 118,
    [`${name}-resource-list.json.gz`]: 310 + n * 23,
    [`${name}-podvolumebackups.json.gz`]: 180 + record.volumes.length * 412,
    [`${name}-volumeinfo.json.gz`]: 120 + record.volumes.length * 260,
  };
}

export function countEntries(r: OperationResults): number {
  return count(r.errors) + count(r.warnings);
}

export function count(e: OperationResults['errors']): number {
  let n = (e.velero?.length ?? 0) + (e.cluster?.length ?? 0);
  for (const list of Object.values(e.namespaces ?? {})) n += list.length;
  return n;
}

export function emptyResults(): OperationResults {
  return { errors: {}, warnings: {} };
}

/** Adds one entry under velero, cluster or a namespace. */
export function addResult(results: OperationResults, which: 'errors' | 'warnings', where: 'velero' | 'cluster' | { namespace: string }, text: string): void {
  const target = results[which];
  if (where === 'velero' || where === 'cluster') {
    (target[where] ??= []).push(text);
  } else {
    const namespaces = (target.namespaces ??= {});
    (namespaces[where.namespace] ??= []).push(text);
  }
}
