// Derived views for restores: what a snapshot holds, which volumes a restore
// is bringing back, results grouped by namespace and what to do next. Pure.
import type { Backup, OperationResults, Restore, VolumeOperation } from '../services/model.js';
import { APP_SLUG_LABEL, snapshotKindOf, type AppProfile, type SnapshotKind } from '../services/profile.js';
import { backupPhaseView } from '../format/phase.js';
import { estimateRemainingMs } from '../format/units.js';
import { noCredentialsHint } from '../format/velero-cause.js';
import type { ObjectsState } from './types.js';

export const RESTORE_NAME_LABEL = 'velero.io/restore-name';
export const BACKUP_NAME_LABEL = 'velero.io/backup-name';

/** Snapshots that can be restored from, newest first (input order kept). */
export function restorableBackups(backups: Backup[], now: Date): Backup[] {
  return backups.filter((b) => backupPhaseView(b, now).restorable);
}

export interface SnapshotContents {
  kind: SnapshotKind;
  namespaces: string[];
  items?: number;
  /** Pod volumes / data uploads recorded for the snapshot. */
  volumes: number;
  volumeBytes?: number;
  /** When it finished (or started). */
  at?: string;
  expires?: string;
  warnings: number;
  errors: number;
}

function labelled(byName: Record<string, VolumeOperation>, label: string, value: string): VolumeOperation[] {
  return Object.values(byName).filter((v) => v.metadata.labels?.[label] === value);
}

/** What a snapshot holds; `objects` needs only the volume backups (pass state.objects). */
export function snapshotContents(objects: Pick<ObjectsState, 'PodVolumeBackup' | 'DataUpload'>, backup: Backup): SnapshotContents {
  const name = backup.metadata.name ?? '';
  const vols = [...labelled(objects.PodVolumeBackup, BACKUP_NAME_LABEL, name), ...labelled(objects.DataUpload, BACKUP_NAME_LABEL, name)];
  const bytes = vols.reduce((sum, v) => sum + (v.status?.progress?.totalBytes ?? 0), 0);
  const st = backup.status;
  return {
    kind: snapshotKindOf(backup),
    namespaces: backup.spec.includedNamespaces ?? [],
    items: st?.progress?.totalItems ?? st?.progress?.itemsBackedUp,
    volumes: vols.length,
    volumeBytes: bytes || undefined,
    // When it started, as the Snapshots list shows it: the same snapshot reads the same age on both screens.
    at: st?.startTimestamp ?? backup.metadata.creationTimestamp ?? st?.completionTimestamp,
    expires: st?.expiration,
    warnings: st?.warnings ?? 0,
    errors: st?.errors ?? 0,
  };
}

export interface VolumeRow {
  key: string;
  kind: 'PodVolumeRestore' | 'DataDownload';
  /** namespace/pod volume, or namespace/pvc. */
  target: string;
  phase: string;
  bytesDone: number;
  totalBytes?: number;
  remainingMs?: number;
  message?: string;
}

/** Volumes a restore brings back (PodVolumeRestores and DataDownloads labelled with its name). */
export function restoreVolumes(objects: Pick<ObjectsState, 'PodVolumeRestore' | 'DataDownload'>, restoreName: string, now: Date): VolumeRow[] {
  const row = (kind: VolumeRow['kind']) => (v: VolumeOperation): VolumeRow => {
    const p = v.status?.progress ?? {};
    const started = Date.parse(v.status?.startTimestamp ?? '');
    const target =
      kind === 'PodVolumeRestore'
        ? `${v.spec.pod?.namespace ?? '?'}/${v.spec.pod?.name ?? '?'} ${v.spec.volume ?? ''}`.trim()
        : `${v.spec.targetVolume?.namespace ?? v.spec.sourceNamespace ?? '?'}/${v.spec.targetVolume?.pvc ?? v.spec.sourcePVC ?? '?'}`;
    const phase = v.status?.phase || 'New';
    return {
      key: `${kind}/${v.metadata.name}`,
      kind,
      target,
      phase,
      bytesDone: p.bytesDone ?? 0,
      totalBytes: p.totalBytes,
      remainingMs: Number.isNaN(started) || phase !== 'InProgress' ? undefined : estimateRemainingMs(p.bytesDone ?? 0, p.totalBytes ?? 0, now.getTime() - started),
      message: v.status?.message,
    };
  };
  return [
    ...labelled(objects.PodVolumeRestore, RESTORE_NAME_LABEL, restoreName).map(row('PodVolumeRestore')),
    ...labelled(objects.DataDownload, RESTORE_NAME_LABEL, restoreName).map(row('DataDownload')),
  ].sort((a, b) => a.target.localeCompare(b.target));
}

/** Partial when it selects the app's label, full otherwise. */
export function restoreKindOf(restore: Restore): SnapshotKind {
  return restore.spec.labelSelector?.matchLabels?.[APP_SLUG_LABEL] ? 'partial' : 'full';
}

export interface ResultGroup {
  /** "Velero", "Cluster-wide" or the namespace name. */
  scope: string;
  namespace?: string;
  errors: string[];
  warnings: string[];
}

/** Errors and warnings grouped by where they happened; groups with errors first. */
export function groupResults(results: OperationResults): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  const add = (scope: string, namespace: string | undefined, which: 'errors' | 'warnings', lines: string[] | undefined) => {
    if (!lines?.length) return;
    const key = namespace === undefined ? `#${scope}` : namespace;
    const g = groups.get(key) ?? { scope, namespace, errors: [], warnings: [] };
    g[which].push(...lines);
    groups.set(key, g);
  };
  for (const which of ['errors', 'warnings'] as const) {
    const r = results[which];
    add('Velero', undefined, which, r.velero);
    add('Cluster-wide', undefined, which, r.cluster);
    for (const [ns, lines] of Object.entries(r.namespaces ?? {})) add(`namespace ${ns}`, ns, which, lines);
  }
  return [...groups.values()].sort((a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.scope.localeCompare(b.scope));
}

/** The result in plain words. */
export function resultHeadline(restore: Restore): { text: string; tone: 'ok' | 'warn' | 'error' } {
  const st = restore.status ?? {};
  const counts = [st.errors ? `${st.errors} error${st.errors === 1 ? '' : 's'}` : '', st.warnings ? `${st.warnings} warning${st.warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  switch (st.phase) {
    case 'Completed':
      return counts
        ? { text: `Restore completed with ${counts}: read them below.`, tone: 'warn' }
        : { text: 'Restore completed: everything selected was restored.', tone: 'ok' };
    case 'PartiallyFailed':
      return { text: `Restore finished with errors${counts ? ` (${counts})` : ''}: some resources or volumes were not restored.`, tone: 'warn' };
    case 'Failed':
      return { text: `Restore failed${st.failureReason ? `: ${st.failureReason}` : ''}. Some resources may have been restored.`, tone: 'error' };
    case 'FailedValidation':
      return { text: `Velero refused the restore: ${(st.validationErrors ?? []).join('; ') || 'validation failed'}.`, tone: 'error' };
    default:
      return { text: 'Restore still running.', tone: 'warn' };
  }
}

/** What the admin should do now, given how the restore ended. */
/** `snapshotNamespaces`: what the snapshot held, for a full restore (whose spec names none). */
/** `locationHasKeys`: the snapshot's location has access keys (see noCredentialsHint). */
export function nextSteps(restore: Restore, profile: AppProfile | undefined, snapshotNamespaces?: string[], locationHasKeys = false): string[] {
  const phase = restore.status?.phase;
  const nsList = restore.spec.includedNamespaces?.length
    ? restore.spec.includedNamespaces
    : (snapshotNamespaces?.filter((ns) => ns !== '*') ?? profile?.appNamespaces ?? []);
  const checkPods = nsList.map((ns) => `Check pods in namespace ${ns}: kubectl -n ${ns} get pods`);
  if (phase === 'Completed') {
    return [...checkPods, 'You might need to log into the admin console again.'];
  }
  if (phase === 'PartiallyFailed') {
    return [
      'Read the errors below (by namespace) and the restore log (l).',
      ...checkPods,
      'Objects that already existed were left as they were; remove them and restore again to replace them.',
      'You might need to log into the admin console again.',
    ];
  }
  if (phase === 'Failed' || phase === 'FailedValidation') {
    const hint = noCredentialsHint(restore.status?.failureReason, locationHasKeys);
    return [
      ...(hint ? [hint] : []),
      'Read the restore log (l) for the cause.',
      restoreKindOf(restore) === 'partial' ? "The app's resources were removed before restoring: fix the cause and restore again." : 'Fix the cause and restore again.',
    ];
  }
  return [];
}
