// The snapshots a restore can start from, with what the selected one holds.
// Empty on a fresh cluster until Velero has synced the bucket: say so.
import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge, formatBytes } from '../format/units.js';
import type { Backup } from '../services/model.js';
import { selectDefaultLocation } from '../state/selectors.js';
import { snapshotContents } from '../state/restore-view.js';
import { VirtualList } from '../components/virtual-list.js';
import { cell, TONE_COLOR, useSize } from './restore-parts.js';

interface Props {
  backups: Backup[];
  restorable: Backup[];
  selected: number;
  height: number;
  now: Date;
}

export function SnapshotPicker({ backups, restorable, selected, height, now }: Props) {
  const pvb = useAppState((s) => s.objects.PodVolumeBackup);
  const du = useAppState((s) => s.objects.DataUpload);
  const loaded = useAppState((s) => s.loaded.Backup);
  const { columns } = useSize();
  const nameW = Math.max(20, Math.min(44, columns - 45));
  const others = backups.length - restorable.length;

  if (!restorable.length) return <NoSnapshots loaded={Boolean(loaded)} others={others} now={now} />;
  const current = restorable[selected];
  const contents = current && snapshotContents({ PodVolumeBackup: pvb, DataUpload: du }, current);
  return (
    <Box flexDirection="column">
      <Text bold>Restore from a snapshot</Text>
      <Text dimColor>
        {'  '}
        {cell('NAME', nameW)} {cell('KIND', 7)} {cell('TAKEN', 8)} {cell('ITEMS', 5)} {cell('VOLS', 4)} STATUS
      </Text>
      <VirtualList
        items={restorable}
        cursor={selected}
        height={height}
        rowKey={(b) => b.metadata.name ?? ''}
        renderRow={(b, _i, on) => {
          const c = snapshotContents({ PodVolumeBackup: pvb, DataUpload: du }, b);
          const incomplete = b.status?.phase === 'PartiallyFailed';
          return (
            <Text inverse={on} wrap="truncate-end">
              {on ? '> ' : '  '}
              {cell(b.metadata.name ?? '', nameW)} {cell(c.kind, 7)} {cell(formatAge(c.at, now), 8)} {cell(String(c.items ?? '—'), 5)} {cell(String(c.volumes), 4)}{' '}
              <Text color={incomplete ? 'yellow' : 'green'}>{incomplete ? '⚠ incomplete' : backupPhaseView(b, now).label}</Text>
            </Text>
          );
        }}
      />
      {restorable.length > height && (
        <Text dimColor>
          {'  '}
          {selected + 1} of {restorable.length}
        </Text>
      )}
      {contents && (
        <Text dimColor wrap="truncate-end">
          {'  '}
          Namespaces {safeLine(contents.namespaces.join(', ') || 'all')}
          {contents.volumeBytes ? ` · volumes ${formatBytes(contents.volumeBytes)}` : ''}
          {contents.kind === 'full' ? ' · restores fully or partially' : ' · restores the app only'}
        </Text>
      )}
      {others > 0 && (
        <Text dimColor>
          {'  '}
          {others} other snapshot{others === 1 ? '' : 's'} cannot be restored (failed, expired or still running).
        </Text>
      )}
    </Box>
  );
}

/** Nothing to restore from: loading, or a fresh cluster waiting for Velero to sync the bucket. */
function NoSnapshots({ loaded, others, now }: { loaded: boolean; others: number; now: Date }) {
  const location = useAppState(selectDefaultLocation);
  if (!loaded) return <Text dimColor>Loading snapshots…</Text>;
  const synced = location?.status?.lastSyncedTime;
  return (
    <Box flexDirection="column">
      <Text bold>No snapshot to restore from.</Text>
      {others > 0 && <Text>{others} snapshot{others === 1 ? ' exists but is' : 's exist but are'} failed, expired or still running.</Text>}
      {!location ? (
        <Text wrap="wrap">
          On a new cluster (disaster recovery): open Storage (1) and point it at the bucket that holds the snapshots — read-only access is enough. Velero then lists them here by itself.
        </Text>
      ) : (
        <Text wrap="wrap">
          Storage: bucket <Text bold>{safeLine(location.spec.objectStorage.bucket)}</Text>
          {location.spec.accessMode === 'ReadOnly' ? ' (read-only)' : ''}, <Text color={TONE_COLOR[location.status?.phase === 'Available' ? 'ok' : 'warn']}>{location.status?.phase ?? 'not checked yet'}</Text>
          {synced ? `, last synced ${formatAge(synced, now)}` : ', not synced yet'}. Snapshots in the bucket appear here once Velero has synced them (about a minute).
        </Text>
      )}
    </Box>
  );
}
