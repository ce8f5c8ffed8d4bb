// ctrl-d: delete a snapshot after typing its name. Creates a
// DeleteBackupRequest, so Velero removes the bucket data too.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { ConfirmTyped } from '../components/confirm-typed.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge } from '../format/units.js';
import { snapshotKindOf } from '../services/profile.js';
import { errorText, notify } from '../state/operations.js';
import { deleteSnapshot } from '../state/snapshots.js';

export function SnapshotDelete({ name, onDone }: { name: string; onDone: () => void }) {
  const ctx = useEffectContext();
  const backup = useAppState((s) => s.objects.Backup[name]);
  const location = useAppState((s) => s.objects.BackupStorageLocation[backup?.spec.storageLocation ?? '']);
  const [sending, setSending] = useState(false);

  const confirm = () => {
    setSending(true);
    deleteSnapshot(ctx, name).then(
      () => {
        notify(ctx, 'info', `Deleting snapshot ${safeLine(name)}: it shows "Deleting" until Velero has removed it and its data.`);
        onDone();
      },
      (err: unknown) => {
        notify(ctx, 'error', `Could not delete ${safeLine(name)}: ${errorText(err)}`);
        onDone();
      },
    );
  };

  if (sending) return <Text color="yellow">Asking Velero to delete {safeLine(name)}…</Text>;
  const bucket = location ? `${location.spec.objectStorage.bucket}${location.spec.objectStorage.prefix ? `/${location.spec.objectStorage.prefix}` : ''}` : undefined;
  return (
    <ConfirmTyped title={`Delete snapshot ${safeLine(name)}?`} expected={name} what="the snapshot name" onConfirm={confirm} onCancel={onDone}>
      <Box flexDirection="column">
        {backup && (
          <Text>
            {snapshotKindOf(backup) === 'full' ? 'Full (instance)' : 'Partial (application)'} snapshot, {backupPhaseView(backup, ctx.now()).label.toLowerCase()}, started{' '}
            {formatAge(backup.status?.startTimestamp ?? backup.metadata.creationTimestamp, ctx.now())}.
          </Text>
        )}
        <Text>
          Velero removes the snapshot and its data{bucket ? ` in ${safeLine(bucket)}` : ' in the bucket'}, and the records of restores made from it.
        </Text>
        <Text color="red">This cannot be undone.</Text>
      </Box>
    </ConfirmTyped>
  );
}
