// Plain data about storage settings kept in the store or returned by the
// storage actions. Never holds a secret: keys appear masked at most.
import type { BucketUsage, ValidationStep } from '../services/interfaces.js';

export const VALIDATION_STEPS: readonly ValidationStep[] = ['reach', 'bucket', 'write', 'read', 'delete', 'layout'];

export const STEP_LABELS: Record<ValidationStep, string> = {
  reach: 'Reach the server',
  bucket: 'Open the bucket',
  write: 'Write a test object',
  read: 'Read it back',
  delete: 'Delete it',
  layout: "Check Velero's folder layout",
};

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

/** An S3-compatible store running inside the cluster, found by its Deployment. */
export interface InternalStore {
  id: string;
  label: string;
  namespace: string;
  inClusterUrl: string;
  /** Its credentials Secret, when found (keys are read only when validating). */
  credentials?: { secret: string; maskedKeyId: string };
}

/** How the current location authenticates, as shown on the screen. */
export type CredentialsView =
  | { source: 'secret'; name: string; key: string; maskedKeyId: string }
  | { source: 'instance-role' }
  | { source: 'problem'; name: string; key: string; problem: string };

export interface StorageInfo {
  credentials: CredentialsView;
  usage?: BucketUsage;
  usageError?: string;
}

export interface WriteStep {
  id: 'secret' | 'location' | 'rollback';
  label: string;
  status: StepStatus;
  error?: string;
}

export type RunStage =
  | 'validating' // storage checks running
  | 'invalid' // a check failed: nothing written
  | 'validated' // validate-only run passed
  | 'writing' // Secret and BSL being written
  | 'write-failed' // a write failed (and was rolled back where possible)
  | 'waiting' // written; waiting for Velero's own check
  | 'done';

/** The last validate / save run, so it survives switching screens. */
export interface StorageRun {
  /** Increases with every run; effects of an older run stop updating the store. */
  id: number;
  intent: 'validate' | 'save';
  stage: RunStage;
  /** "bucket b (prefix p) at URL" in words. */
  target: string;
  readOnly: boolean;
  steps: Record<ValidationStep, StepStatus>;
  failure?: { step?: ValidationStep; message: string; hint?: string; foreignEntries?: string[] };
  /** Snapshots found in the bucket after a passed check. */
  bucketBackups?: number;
  /** A passed check with a remark (e.g. no write access, fine for read-only). */
  note?: string;
  writes: WriteStep[];
  writeError?: string;
  /** What Velero said about the location after the write. */
  verdict?: { phase?: 'Available' | 'Unavailable'; message?: string; at?: string; timedOut?: boolean };
  /** Velero's sync of snapshots from the bucket (read-only locations, or a changed bucket). */
  sync?: { status: 'waiting' | 'done' | 'timed-out'; at?: string; backups?: number };
  /** Where the snapshots listed before the change live, when the place changed. */
  oldLocation?: { where: string; backups: number };
  startedAt: number;
  endedAt?: number;
}
