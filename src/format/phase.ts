// Velero phases in plain words, and what they mean for the admin.
import type { Backup, BackupPhase, Restore, RestorePhase } from '../services/model.js';

export type Tone = 'ok' | 'warn' | 'error' | 'busy' | 'muted';

export interface PhaseView {
  label: string;
  tone: Tone;
  /** Still changing: show progress, keep watching. */
  running: boolean;
  /** Finished well enough to restore from. */
  restorable: boolean;
}

const BACKUP: Record<BackupPhase, PhaseView> = {
  New: { label: 'Starting', tone: 'busy', running: true, restorable: false },
  Queued: { label: 'Queued', tone: 'busy', running: true, restorable: false },
  ReadyToStart: { label: 'Starting', tone: 'busy', running: true, restorable: false },
  FailedValidation: { label: 'Failed validation', tone: 'error', running: false, restorable: false },
  InProgress: { label: 'In progress', tone: 'busy', running: true, restorable: false },
  WaitingForPluginOperations: { label: 'Uploading volumes', tone: 'busy', running: true, restorable: false },
  WaitingForPluginOperationsPartiallyFailed: { label: 'Uploading volumes (errors)', tone: 'warn', running: true, restorable: false },
  Finalizing: { label: 'Finalizing', tone: 'busy', running: true, restorable: false },
  FinalizingPartiallyFailed: { label: 'Finalizing (errors)', tone: 'warn', running: true, restorable: false },
  Completed: { label: 'Completed', tone: 'ok', running: false, restorable: true },
  PartiallyFailed: { label: 'Incomplete (partially failed)', tone: 'warn', running: false, restorable: true },
  Failed: { label: 'Failed', tone: 'error', running: false, restorable: false },
  Deleting: { label: 'Deleting', tone: 'muted', running: false, restorable: false },
};

const UNKNOWN: PhaseView = { label: 'Unknown', tone: 'muted', running: false, restorable: false };

export function backupPhaseView(backup: Backup, now: Date): PhaseView {
  const phase = backup.status?.phase;
  if (!phase) return BACKUP.New;
  const view = BACKUP[phase] ?? { ...UNKNOWN, label: phase };
  if (phase === 'Queued' && backup.status?.queuePosition) {
    return { ...view, label: `Queued (#${backup.status.queuePosition})` };
  }
  const expiration = backup.status?.expiration;
  if (view.restorable && expiration && Date.parse(expiration) <= now.getTime()) {
    return { label: 'Expired', tone: 'muted', running: false, restorable: false };
  }
  return view;
}

const RESTORE: Record<RestorePhase, PhaseView> = {
  New: { label: 'Starting', tone: 'busy', running: true, restorable: false },
  FailedValidation: { label: 'Failed validation', tone: 'error', running: false, restorable: false },
  InProgress: { label: 'In progress', tone: 'busy', running: true, restorable: false },
  WaitingForPluginOperations: { label: 'Restoring volumes', tone: 'busy', running: true, restorable: false },
  WaitingForPluginOperationsPartiallyFailed: { label: 'Restoring volumes (errors)', tone: 'warn', running: true, restorable: false },
  Finalizing: { label: 'Finalizing', tone: 'busy', running: true, restorable: false },
  FinalizingPartiallyFailed: { label: 'Finalizing (errors)', tone: 'warn', running: true, restorable: false },
  Completed: { label: 'Completed', tone: 'ok', running: false, restorable: false },
  PartiallyFailed: { label: 'Completed with errors (partially failed)', tone: 'warn', running: false, restorable: false },
  Failed: { label: 'Failed', tone: 'error', running: false, restorable: false },
};

export function restorePhaseView(restore: Restore): PhaseView {
  const phase = restore.status?.phase;
  if (!phase) return RESTORE.New;
  return RESTORE[phase] ?? { ...UNKNOWN, label: phase };
}

export function isBackupRunning(backup: Backup): boolean {
  const phase = backup.status?.phase;
  return !phase || (BACKUP[phase]?.running ?? false);
}

export function isRestoreRunning(restore: Restore): boolean {
  const phase = restore.status?.phase;
  return !phase || (RESTORE[phase]?.running ?? false);
}
