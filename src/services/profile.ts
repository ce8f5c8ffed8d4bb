// The app profile: which application the snapshots are for and how a full
// (instance) or partial (application) snapshot is composed — mirroring the
// admin console (DESIGN.md section 4).
import type { Backup, BackupSpec, LabelSelector, Restore } from './model.js';

export type SnapshotKind = 'full' | 'partial';
export type Trigger = 'manual' | 'schedule';

export interface AppProfile {
  /** App slug, e.g. "harness"; typed to confirm a partial restore. */
  slug: string;
  /** Namespaces the app runs in. */
  appNamespaces: string[];
  /** The admin console's namespace, part of full snapshots. */
  adminNamespace: string;
  /** More namespaces a full snapshot includes. */
  extraNamespaces: string[];
  /** BackupStorageLocation snapshots go to. */
  storageLocation: string;
  /** Back up every pod volume with the file-system uploader, not only opted-in ones. */
  defaultVolumesToFsBackup: boolean;
  /** Where this profile came from, shown in the status screen. */
  source: 'flags' | 'detected' | 'file' | 'demo';
}

export const APP_SLUG_LABEL = 'kots.io/app-slug';
export const BACKUP_LABEL = 'kots.io/backup';
export const INSTANCE_ANNOTATION = 'kots.io/instance';
export const TRIGGER_ANNOTATION = 'kots.io/snapshot-trigger';
export const REQUESTED_ANNOTATION = 'kots.io/snapshot-requested';
export const SCHEDULE_NAME_LABEL = 'velero.io/schedule-name';

export const SLUG_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function partialSelector(profile: AppProfile): LabelSelector {
  return { matchLabels: { [APP_SLUG_LABEL]: profile.slug } };
}

export function fullSelector(): LabelSelector {
  return { matchLabels: { [BACKUP_LABEL]: 'velero' } };
}

/** `kots.io/app-slug=harness` form, for label-selector query strings. */
export function selectorString(selector: LabelSelector): string {
  return Object.entries(selector.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function fullNamespaces(profile: AppProfile): string[] {
  return unique([profile.adminNamespace, ...profile.appNamespaces, ...profile.extraNamespaces]);
}

/** The BackupSpec of a full or partial snapshot (also a Schedule's template). */
export function composeBackupSpec(profile: AppProfile, kind: SnapshotKind, ttl: string): BackupSpec {
  const common: BackupSpec = {
    includeClusterResources: true,
    storageLocation: profile.storageLocation,
    ttl,
    defaultVolumesToFsBackup: profile.defaultVolumesToFsBackup,
  };
  if (kind === 'partial') {
    return { ...common, includedNamespaces: [...profile.appNamespaces], labelSelector: partialSelector(profile) };
  }
  return { ...common, includedNamespaces: fullNamespaces(profile), orLabelSelectors: [fullSelector()] };
}

export function snapshotAnnotations(kind: SnapshotKind, trigger: Trigger, now: Date): Record<string, string> {
  const annotations: Record<string, string> = {
    [TRIGGER_ANNOTATION]: trigger,
    [REQUESTED_ANNOTATION]: now.toISOString(),
  };
  if (kind === 'full') annotations[INSTANCE_ANNOTATION] = 'true';
  return annotations;
}

/** A manual snapshot: Backup with generateName `<slug>-` or `instance-`. */
export function composeBackup(profile: AppProfile, kind: SnapshotKind, ttl: string, now: Date): Backup {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      generateName: kind === 'full' ? 'instance-' : `${profile.slug}-`,
      annotations: snapshotAnnotations(kind, 'manual', now),
    },
    spec: composeBackupSpec(profile, kind, ttl),
  };
}

/** Full or partial? Read from the annotation the admin console and this program write. */
export function snapshotKindOf(backup: Backup): SnapshotKind {
  return backup.metadata.annotations?.[INSTANCE_ANNOTATION] === 'true' ? 'full' : 'partial';
}

export function triggerOf(backup: Backup): Trigger {
  if (backup.metadata.labels?.[SCHEDULE_NAME_LABEL]) return 'schedule';
  return backup.metadata.annotations?.[TRIGGER_ANNOTATION] === 'schedule' ? 'schedule' : 'manual';
}

/** Velero CLI naming: `<backup>-YYYYMMDDhhmmss` (UTC). */
export function restoreName(backupName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${backupName}-${stamp}`;
}

/** Full restore: everything the snapshot holds, volumes included. */
export function composeFullRestore(backupName: string, now: Date): Restore {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name: restoreName(backupName, now) },
    spec: { backupName, includeClusterResources: true, restorePVs: true, existingResourcePolicy: 'none' },
  };
}

/** Partial restore: only the app's namespaces and labelled resources. */
export function composePartialRestore(profile: AppProfile, backupName: string, now: Date): Restore {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name: restoreName(backupName, now) },
    spec: {
      backupName,
      includedNamespaces: [...profile.appNamespaces],
      labelSelector: partialSelector(profile),
      restorePVs: true,
      includeClusterResources: true,
      existingResourcePolicy: 'none',
    },
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items.filter(Boolean))];
}
