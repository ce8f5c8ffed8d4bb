// Snapshot actions: create, delete, refresh. UI-agnostic so that command mode
// reuses them; they return what they created and report through the store.
import type { Backup, DeleteBackupRequest, VeleroKind, VeleroKinds } from '../services/model.js';
import type { SnapshotKind } from '../services/profile.js';
import { safeLine } from '../format/safe-text.js';
import { requireSession, type EffectContext } from './context.js';
import { runOperation } from './operations.js';
import { accessRefusal } from './access.js';
import { refuseWhileRestorePrepared } from './restore-marker.js';
import { planSnapshot, type SnapshotPlan } from './snapshots-plan.js';
import { BACKUP_NAME_LABEL } from './snapshots-list.js';
import { validLabelValue } from './snapshots-volumes.js';
import { isBackupRunning, isRestoreRunning } from '../format/phase.js';

export const BACKUP_UID_LABEL = 'velero.io/backup-uid';

export function currentPlan(ctx: EffectContext, kind: SnapshotKind): SnapshotPlan {
  const state = ctx.store.getState();
  if (!state.profile) throw new Error('The app profile is not resolved yet.');
  return planSnapshot(state, state.profile, kind, ctx.now());
}

/** Creates a full or partial snapshot as planned; refuses (throws) when the plan says no. */
export async function createSnapshot(ctx: EffectContext, kind: SnapshotKind): Promise<Backup> {
  const { velero } = requireSession(ctx);
  const plan = currentPlan(ctx, kind);
  if (plan.refusal) throw new Error(`Cannot start a snapshot: ${plan.refusal}.`);
  await refuseWhileRestorePrepared(ctx, 'start a snapshot');
  const title = kind === 'full' ? 'Starting a full (instance) snapshot' : 'Starting a partial (application) snapshot';
  return runOperation(ctx, `snapshot-create-${kind}`, title, async (report) => {
    report('Creating the Backup');
    const created = await velero.create('Backup', plan.backup);
    // Show it at once; the watch delivers the same object a moment later — or already did, with
    // Velero's first status: then the created copy is older and must not replace it.
    showCreated(ctx, 'Backup', created);
    return created;
  });
}

function showCreated<K extends 'Backup' | 'DeleteBackupRequest'>(ctx: EffectContext, kind: K, created: VeleroKinds[K]): void {
  const name = created.metadata.name;
  if (name && !ctx.store.getState().objects[kind][name]) ctx.store.dispatch({ type: 'objects/event', kind, event: 'ADDED', obj: created });
}

/** Why this snapshot cannot be deleted now; undefined when it can. */
export function deleteRefusal(ctx: EffectContext, name: string): string | undefined {
  const state = ctx.store.getState();
  if (state.readonly) return 'read-only mode (started with --readonly)';
  const denied = accessRefusal(state, 'snapshot-delete');
  if (denied) return denied;
  const backup = state.objects.Backup[name];
  if (!backup) return `snapshot ${safeLine(name)} no longer exists`;
  // Velero's deletion controller answers "backup is still in progress".
  if (isBackupRunning(backup)) return `snapshot ${safeLine(name)} is still running; Velero deletes it only after it finishes`;
  // A Deleting backup without a pending request is a failed deletion: asking again is allowed.
  const pending = Object.values(state.objects.DeleteBackupRequest).some((r) => r.spec.backupName === name && r.status?.phase !== 'Processed');
  if (pending) return `snapshot ${safeLine(name)} is already being deleted`;
  const restore = Object.values(state.objects.Restore).find((r) => r.spec.backupName === name && isRestoreRunning(r));
  if (restore) return `restore ${safeLine(restore.metadata.name)} is reading from this snapshot right now`;
  const location = state.objects.BackupStorageLocation[backup.spec.storageLocation ?? ''];
  if (location?.spec.accessMode === 'ReadOnly') {
    return `storage location "${safeLine(location.metadata.name)}" is read-only, so Velero cannot remove the data`;
  }
  return undefined;
}

/** The DeleteBackupRequest `velero backup delete` creates: bucket data goes too, not only the object. */
export function composeDeleteRequest(backup: Backup): DeleteBackupRequest {
  const name = backup.metadata.name ?? '';
  const labels: Record<string, string> = { [BACKUP_NAME_LABEL]: validLabelValue(name) };
  if (backup.metadata.uid) labels[BACKUP_UID_LABEL] = backup.metadata.uid;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'DeleteBackupRequest',
    metadata: { generateName: `${name}-`, labels },
    spec: { backupName: name },
  };
}

export async function deleteSnapshot(ctx: EffectContext, name: string): Promise<DeleteBackupRequest> {
  const { velero } = requireSession(ctx);
  const refusal = deleteRefusal(ctx, name);
  if (refusal) throw new Error(`Cannot delete: ${refusal}.`);
  return runOperation(ctx, `snapshot-delete-${name}`, `Deleting snapshot ${safeLine(name)}`, async (report) => {
    // Read the Backup fresh: the uid label must be the live object's.
    const backup = (await velero.get('Backup', name)) ?? ctx.store.getState().objects.Backup[name];
    if (!backup) throw new Error(`Snapshot ${safeLine(name)} no longer exists.`);
    report('Asking Velero to delete the snapshot and its data');
    const created = await velero.create('DeleteBackupRequest', composeDeleteRequest(backup));
    showCreated(ctx, 'DeleteBackupRequest', created);
    return created;
  });
}

const REFRESH_KINDS: VeleroKind[] = ['Backup', 'DeleteBackupRequest', 'PodVolumeBackup', 'DataUpload', 'BackupStorageLocation', 'Schedule'];

/** Re-lists what the snapshot screens show (ctrl-r): a safety net for a watch that missed something. */
export async function refreshSnapshots(ctx: EffectContext): Promise<void> {
  const { velero } = requireSession(ctx);
  await runOperation(ctx, 'snapshot-refresh', 'Refreshing snapshots', async () => {
    const lists = await Promise.all(REFRESH_KINDS.map((kind) => velero.list(kind)));
    REFRESH_KINDS.forEach((kind, i) => ctx.store.dispatch({ type: 'objects/reset', kind, items: lists[i] ?? [] }));
  });
}
