// Details of one snapshot (what `velero backup describe --details` tells), in
// the scrollable, searchable pane. The cluster's part is live; errors,
// warnings, the resource list and the size are read from the bucket.
import { Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { LogViewer } from '../components/log-viewer.js';
import { safeLine } from '../format/safe-text.js';
import { deletionIndex } from '../state/snapshots-list.js';
import { snapshotDetailLines } from '../state/snapshots-details.js';
import { sizeCache } from '../state/snapshots-sizes.js';
import { loadSnapshotBucketInfo, type SnapshotBucketInfo } from '../state/snapshots-storage.js';
import { makeSelectBackupVolumes, volumeView } from '../state/snapshots-volumes.js';
import { useNow } from './snapshot-ui.js';

export interface SnapshotDetailsProps {
  name: string;
  onBack: () => void;
  /** Screen actions on this snapshot (progress, logs, delete). */
  actions: KeyBinding[];
}

export function SnapshotDetails({ name, onBack, actions }: SnapshotDetailsProps) {
  const ctx = useEffectContext();
  const backup = useAppState((s) => s.objects.Backup[name]);
  const requests = useAppState((s) => s.objects.DeleteBackupRequest);
  const locations = useAppState((s) => s.objects.BackupStorageLocation);
  const selectVolumes = useMemo(() => makeSelectBackupVolumes(name), [name]);
  const ops = useAppState(selectVolumes);
  const now = useNow(30_000);
  const [bucket, setBucket] = useState<SnapshotBucketInfo>();
  const [reloads, setReloads] = useState(0);
  // Read the bucket again once the snapshot finishes: results exist only then.
  const finished = Boolean(backup?.status?.completionTimestamp) || backup?.status?.phase === 'FailedValidation';

  useEffect(() => {
    let live = true;
    setBucket(undefined);
    void loadSnapshotBucketInfo(ctx, name).then((info) => {
      if (!live) return;
      setBucket(info);
      if (info.size !== undefined) sizeCache(ctx).set(name, info.size);
    });
    return () => {
      live = false;
    };
  }, [ctx, name, finished, reloads]);

  const deletion = useMemo(() => deletionIndex(requests).get(name), [requests, name]);
  const lines = useMemo(
    () => {
      if (!backup) return [];
      const location = locations[backup.spec.storageLocation ?? ''];
      return snapshotDetailLines({ backup, location, volumes: ops.map((op) => volumeView(op, now)), bucket, deletion, now });
    },
    [backup, locations, ops, bucket, deletion, now],
  );
  const bindings: KeyBinding[] = [...actions, { key: 'ctrl-r', label: 'reload', run: () => setReloads((n) => n + 1), helpOnly: true }];

  if (!backup) {
    return (
      <LogViewer
        title={`Snapshot ${safeLine(name)}`}
        lines={[{ text: 'This snapshot no longer exists: it was deleted or expired.', tone: 'muted' }]}
        onBack={onBack}
      />
    );
  }
  return (
    <LogViewer
      title={`Details of ${safeLine(name)}`}
      lines={lines}
      onBack={onBack}
      bindings={bindings}
      status={bucket?.problems.length ? <Text color="yellow">Some bucket data could not be read; see below.</Text> : undefined}
    />
  );
}
