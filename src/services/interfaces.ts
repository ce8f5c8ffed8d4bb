// The boundaries between the program and the outside world. Each has a real
// implementation (kube.ts, velero.ts, storage.ts) and a simulated one
// (demo/). The state layer only ever sees these interfaces.
import type { LeaseService } from './lease.js';
import type { OperationResults, ServerStatus, VeleroKind, VeleroKinds } from './model.js';

/** Why a call to the outside failed, in words an admin can act on. */
export type FailureKind =
  | 'unreachable' // no route / refused / DNS / timeout
  | 'unauthorized' // 401: credentials wrong or expired
  | 'forbidden' // 403: RBAC says no
  | 'not-found'
  | 'conflict'
  | 'invalid' // 422 / bad input
  | 'tls' // certificate not trusted
  | 'clock-skew'
  | 'unknown';

/** Errors thrown by services carry a kind and a human message (never a secret). */
export class ServiceError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type WatchState = 'connecting' | 'live' | 'reconnecting';

export interface WatchHandlers<T> {
  /** Full set of objects: called after the first list and after every re-list. */
  onReset(items: T[]): void;
  onEvent(type: WatchEventType, obj: T): void;
  /** Connection state changes; `error` is set while reconnecting. */
  onState?(state: WatchState, error?: ServiceError): void;
  /** Anything arrived on the watch, bookmarks included: the server is alive (state/heartbeat.ts). */
  onAlive?(): void;
}

export type Unsubscribe = () => void;

export interface ClusterInfo {
  context: string;
  server: string;
  user?: string;
  /** Where the kubeconfig came from: a path, "in-cluster", or "demo". */
  source: string;
  contexts: string[];
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  phase?: string;
}

/** A namespaced (or cluster) object found by label, for listing and deleting app resources. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  /** plural resource name, e.g. "configmaps" */
  resource: string;
  namespace?: string;
  name: string;
  /** The object's labels, when the lister read them (used to detect the app slug). */
  labels?: Record<string, string>;
}

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  /** e.g. "status" for backups/status */
  subresource?: string;
  /** One object; without it the check is about the resource as a whole. */
  name?: string;
}

/** One resource rule of a SelfSubjectRulesReview ("*" is a wildcard in each list but resourceNames). */
export interface AccessRule {
  verbs: string[];
  apiGroups: string[];
  /** Plural names, "name/subresource", "*" or "*\/subresource". */
  resources: string[];
  /** When set, the rule grants only these objects. */
  resourceNames?: string[];
}

/** What the user may do in one namespace, as the apiserver enumerates it. */
export interface AccessRules {
  rules: AccessRule[];
  /**
   * The apiserver could not enumerate everything (a webhook or other authorizer
   * that cannot list its rules): a check the rules do not grant may still be allowed.
   */
  incomplete: boolean;
}

/** The Kubernetes cluster itself: connection, namespaces, secrets, access checks, app resources. */
export interface ClusterService {
  info(): ClusterInfo;
  /** Cheap request that proves the apiserver answers and we are authenticated. */
  ping(): Promise<void>;
  listNamespaces(labelSelector?: string): Promise<NamespaceInfo[]>;
  /** Does a Deployment with this name exist in this namespace? */
  deploymentExists(namespace: string, name: string): Promise<boolean>;
  findDeployments(name: string): Promise<string[]>;
  can(check: AccessCheck): Promise<boolean>;
  /**
   * Every rule the user has in a namespace (SelfSubjectRulesReview): answers many
   * checks in one request. The rules include those bound cluster-wide, so they
   * cannot tell a cluster-scoped grant from a namespaced one. Optional; without it
   * each check is asked with can().
   */
  accessRules?(namespace: string): Promise<AccessRules>;
  getSecret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** Create or replace a Secret (string data). */
  putSecret(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): Promise<void>;
  /**
   * Deployments, StatefulSets and ConfigMaps in all namespaces matching the selector, with
   * labels: a cheap way to find an app. Optional; without it detection uses namespace labels.
   */
  findLabelled?(labelSelector: string): Promise<ResourceRef[]>;
  /** Every namespaced object matching the selector in these namespaces (all listable kinds). */
  listLabelled(namespaces: string[], labelSelector: string): Promise<ResourceRef[]>;
  deleteResources(refs: ResourceRef[]): Promise<void>;
  /** Resolves when none of `refs` exist any more (or rejects after timeoutMs). */
  waitGone(refs: ResourceRef[], timeoutMs: number, onProgress?: (left: number) => void): Promise<void>;
  /** Delete namespaces and wait until they are gone. */
  deleteNamespaces(names: string[], timeoutMs: number, onProgress?: (left: string[]) => void): Promise<void>;
}

/** Velero's custom resources in its namespace. */
export interface VeleroService {
  readonly namespace: string;
  list<K extends VeleroKind>(kind: K, labelSelector?: string): Promise<VeleroKinds[K][]>;
  get<K extends VeleroKind>(kind: K, name: string): Promise<VeleroKinds[K] | undefined>;
  /** Create; honours metadata.generateName. Returns the created object. */
  create<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]>;
  /** Replace the object's spec (and labels/annotations); returns the stored object. */
  update<K extends VeleroKind>(kind: K, obj: VeleroKinds[K]): Promise<VeleroKinds[K]>;
  delete(kind: VeleroKind, name: string): Promise<void>;
  /**
   * Sets a Backup's status.expiration (Velero's GC deletes it once past).
   * Velero 1.18's Backup CRD has no status subresource, so writing the object
   * stores its status; `update` keeps the stored status and cannot do this.
   */
  setBackupExpiration?(name: string, expiration: string): Promise<VeleroKinds['Backup']>;
  /** List+watch that re-lists and reconnects by itself until unsubscribed. */
  watch<K extends VeleroKind>(kind: K, handlers: WatchHandlers<VeleroKinds[K]>, labelSelector?: string): Unsubscribe;
  /** ServerStatusRequest round trip; rejects when no Velero server answers within timeoutMs. */
  serverStatus(timeoutMs: number): Promise<ServerStatus>;
}

/** Where Velero keeps snapshots: an S3 or S3-compatible bucket. Secrets stay inside. */
export interface S3Destination {
  bucket: string;
  prefix?: string;
  region: string;
  /** Absent for AWS S3. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** PEM text of a CA bundle to trust. */
  caCert?: string;
  insecureSkipTLSVerify?: boolean;
  /** Absent means: use the instance role / default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export type ValidationStep = 'reach' | 'bucket' | 'write' | 'read' | 'delete' | 'layout';

export interface ValidateOptions {
  /** false: leave out the write/read/delete of a probe object (nothing is written to the bucket). */
  writeProbe?: boolean;
}

export interface ValidationResult {
  ok: boolean;
  /** The step that failed, when not ok. */
  failedStep?: ValidationStep;
  kind?: FailureKind | 'no-bucket' | 'foreign-objects';
  message?: string;
  hint?: string;
  /** Top-level entries under the prefix that Velero does not allow. */
  foreignEntries?: string[];
}

export interface BucketUsage {
  bytes: number;
  objects: number;
  backups: number;
}

/** Velero's object layout in a bucket, read with the location's own credentials. */
export interface StorageService {
  validate(dest: S3Destination, onStep?: (step: ValidationStep) => void, opts?: ValidateOptions): Promise<ValidationResult>;
  /** Backup names under `<prefix>/backups/`. */
  listBackups(dest: S3Destination): Promise<string[]>;
  usage(dest: S3Destination): Promise<BucketUsage>;
  /** Parsed `velero-backup.json`. */
  readBackupMetadata(dest: S3Destination, backup: string): Promise<VeleroKinds['Backup'] | undefined>;
  readBackupLog(dest: S3Destination, backup: string): Promise<string>;
  readBackupResults(dest: S3Destination, backup: string): Promise<OperationResults | undefined>;
  /** `<b>-resource-list.json.gz`: resource → ["ns/name", ...]. */
  readBackupResourceList(dest: S3Destination, backup: string): Promise<Record<string, string[]> | undefined>;
  /** Total size of the backup's objects in bytes. */
  backupSize(dest: S3Destination, backup: string): Promise<number | undefined>;
  readRestoreLog(dest: S3Destination, restore: string): Promise<string>;
  readRestoreResults(dest: S3Destination, restore: string): Promise<OperationResults | undefined>;
}

/** Everything the state layer needs from the outside world. */
export interface Backend {
  readonly mode: 'real' | 'demo';
  cluster: ClusterService;
  /** Velero's API in the given namespace (detected or from --velero-namespace). */
  velero(namespace: string): VeleroService;
  storage: StorageService;
  /** Leases (cross-session markers, see state/restore-marker.ts). Optional: without them the marker is skipped. */
  leases?: LeaseService;
  /** Release watches and sockets. */
  close(): void;
}
