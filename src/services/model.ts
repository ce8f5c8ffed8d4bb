// The subset of Velero's custom resources (group velero.io) this program reads
// and writes. Shapes follow Velero 1.18's API types; every field is optional
// because objects synced from a bucket or written by other tools may omit any.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface BackupSpec {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  labelSelector?: LabelSelector;
  orLabelSelectors?: LabelSelector[];
  includeClusterResources?: boolean | null;
  snapshotVolumes?: boolean | null;
  defaultVolumesToFsBackup?: boolean | null;
  ttl?: string;
  storageLocation?: string;
  volumeSnapshotLocations?: string[];
  hooks?: unknown;
}

export type BackupPhase =
  | 'New' | 'Queued' | 'ReadyToStart' | 'FailedValidation' | 'InProgress'
  | 'WaitingForPluginOperations' | 'WaitingForPluginOperationsPartiallyFailed'
  | 'Finalizing' | 'FinalizingPartiallyFailed' | 'Completed' | 'PartiallyFailed'
  | 'Failed' | 'Deleting';

export interface BackupStatus {
  phase?: BackupPhase;
  queuePosition?: number;
  validationErrors?: string[];
  startTimestamp?: string;
  completionTimestamp?: string;
  expiration?: string;
  errors?: number;
  warnings?: number;
  failureReason?: string;
  version?: number;
  formatVersion?: string;
  progress?: { totalItems?: number; itemsBackedUp?: number };
  hookStatus?: { hooksAttempted?: number; hooksFailed?: number };
  backupItemOperationsAttempted?: number;
  backupItemOperationsCompleted?: number;
  backupItemOperationsFailed?: number;
}

export interface Backup {
  apiVersion?: 'velero.io/v1';
  kind?: 'Backup';
  metadata: ObjectMeta;
  spec: BackupSpec;
  status?: BackupStatus;
}

export type RestorePhase =
  | 'New' | 'FailedValidation' | 'InProgress' | 'WaitingForPluginOperations'
  | 'WaitingForPluginOperationsPartiallyFailed' | 'Finalizing'
  | 'FinalizingPartiallyFailed' | 'Completed' | 'PartiallyFailed' | 'Failed';

export interface RestoreSpec {
  backupName?: string;
  scheduleName?: string;
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  namespaceMapping?: Record<string, string>;
  labelSelector?: LabelSelector;
  orLabelSelectors?: LabelSelector[];
  restorePVs?: boolean | null;
  includeClusterResources?: boolean | null;
  existingResourcePolicy?: 'none' | 'update';
}

export interface RestoreStatus {
  phase?: RestorePhase;
  validationErrors?: string[];
  startTimestamp?: string;
  completionTimestamp?: string;
  errors?: number;
  warnings?: number;
  failureReason?: string;
  progress?: { totalItems?: number; itemsRestored?: number };
  hookStatus?: { hooksAttempted?: number; hooksFailed?: number };
}

export interface Restore {
  apiVersion?: 'velero.io/v1';
  kind?: 'Restore';
  metadata: ObjectMeta;
  spec: RestoreSpec;
  status?: RestoreStatus;
}

export interface ScheduleSpec {
  schedule: string;
  template: BackupSpec;
  paused?: boolean;
  skipImmediately?: boolean;
  useOwnerReferencesInBackup?: boolean;
}

export interface Schedule {
  apiVersion?: 'velero.io/v1';
  kind?: 'Schedule';
  metadata: ObjectMeta;
  spec: ScheduleSpec;
  status?: { phase?: 'New' | 'Enabled' | 'FailedValidation'; lastBackup?: string; validationErrors?: string[] };
}

export interface BackupStorageLocationSpec {
  provider: string;
  objectStorage: { bucket: string; prefix?: string; caCert?: string };
  config?: Record<string, string>;
  credential?: { name: string; key: string };
  default?: boolean;
  accessMode?: 'ReadWrite' | 'ReadOnly';
  backupSyncPeriod?: string;
  validationFrequency?: string;
}

export interface BackupStorageLocation {
  apiVersion?: 'velero.io/v1';
  kind?: 'BackupStorageLocation';
  metadata: ObjectMeta;
  spec: BackupStorageLocationSpec;
  status?: {
    phase?: 'Available' | 'Unavailable';
    lastValidationTime?: string;
    lastSyncedTime?: string;
    message?: string;
  };
}

export interface VolumeProgress {
  totalBytes?: number;
  bytesDone?: number;
}

/** PodVolumeBackup / PodVolumeRestore (v1) and DataUpload / DataDownload (v2alpha1). */
export interface VolumeOperation {
  apiVersion?: string;
  kind?: 'PodVolumeBackup' | 'PodVolumeRestore' | 'DataUpload' | 'DataDownload';
  metadata: ObjectMeta;
  spec: {
    pod?: { name?: string; namespace?: string };
    volume?: string;
    sourceNamespace?: string;
    sourcePVC?: string;
    targetVolume?: { pvc?: string; namespace?: string };
    backupStorageLocation?: string;
  };
  status?: {
    phase?: string;
    message?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    progress?: VolumeProgress;
  };
}

export interface DeleteBackupRequest {
  apiVersion?: 'velero.io/v1';
  kind?: 'DeleteBackupRequest';
  metadata: ObjectMeta;
  spec: { backupName: string };
  status?: { phase?: 'New' | 'InProgress' | 'Processed'; errors?: string[] };
}

export interface ServerStatus {
  serverVersion?: string;
  plugins: { name: string; kind: string }[];
}

/** Velero kinds the VeleroService can list, watch, create and delete. */
export interface VeleroKinds {
  Backup: Backup;
  Restore: Restore;
  Schedule: Schedule;
  BackupStorageLocation: BackupStorageLocation;
  DeleteBackupRequest: DeleteBackupRequest;
  PodVolumeBackup: VolumeOperation;
  PodVolumeRestore: VolumeOperation;
  DataUpload: VolumeOperation;
  DataDownload: VolumeOperation;
}
export type VeleroKind = keyof VeleroKinds;

/** Per-kind API coordinates (plural, version); shared by the real service and tests. */
export const VELERO_KINDS: Record<VeleroKind, { plural: string; version: string }> = {
  Backup: { plural: 'backups', version: 'v1' },
  Restore: { plural: 'restores', version: 'v1' },
  Schedule: { plural: 'schedules', version: 'v1' },
  BackupStorageLocation: { plural: 'backupstoragelocations', version: 'v1' },
  DeleteBackupRequest: { plural: 'deletebackuprequests', version: 'v1' },
  PodVolumeBackup: { plural: 'podvolumebackups', version: 'v1' },
  PodVolumeRestore: { plural: 'podvolumerestores', version: 'v1' },
  DataUpload: { plural: 'datauploads', version: 'v2alpha1' },
  DataDownload: { plural: 'datadownloads', version: 'v2alpha1' },
};

/** Errors/warnings of a backup or restore, as in Velero's `<name>-results.gz`. */
export interface ResultEntries {
  velero?: string[];
  cluster?: string[];
  namespaces?: Record<string, string[]>;
}
export interface OperationResults {
  errors: ResultEntries;
  warnings: ResultEntries;
}
