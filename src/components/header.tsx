// Top lines: where we are connected, whether Velero and storage are healthy,
// which app, and anything running (so progress stays visible on every screen).
import { Box, Text } from 'ink';
import { useAppState } from './app-context.js';
import { selectDefaultLocation, selectRunningBackups, selectRunningRestore } from '../state/selectors.js';
import { safeLine } from '../format/safe-text.js';
import { backupPhaseView, restorePhaseView } from '../format/phase.js';
import { StallLines } from './stall-warning.js';

export function Header() {
  const mode = useAppState((s) => s.mode);
  const conn = useAppState((s) => s.connection);
  const slug = useAppState((s) => s.profile?.slug);
  const location = useAppState(selectDefaultLocation);
  const running = useAppState(selectRunningBackups);
  const restore = useAppState(selectRunningRestore);
  const readonly = useAppState((s) => s.readonly);
  const locationsLoaded = useAppState((s) => Boolean(s.loaded.BackupStorageLocation));
  const limited = useAppState((s) => Object.values(s.access?.allowed ?? {}).some((ok) => !ok));

  const velero = conn.server?.serverVersion ? `Velero ${safeLine(conn.server.serverVersion)}` : conn.veleroNamespace ? 'Velero' : 'Velero ?';
  // Not connected: say so, and claim nothing about storage (it is unknown, not "not set").
  const offline = conn.status === 'failed';
  const watchText = offline ? 'not connected' : conn.watch === 'reconnecting' ? 'reconnecting…' : conn.watch === 'connecting' ? 'loading…' : 'live';
  const phase = location?.status?.phase;
  const current = running[0];

  return (
    <Box flexDirection="column">
      {mode === 'demo' && (
        <Text backgroundColor="yellow" color="black" bold>
          {' DEMO — simulated cluster, nothing here touches a real cluster '}
        </Text>
      )}
      <Box columnGap={2} flexWrap="wrap">
        <Text bold>snapshots</Text>
        <Text>
          ctx <Text color="cyan">{conn.cluster ? safeLine(conn.cluster.context) : '—'}</Text>
        </Text>
        <Text>
          {velero} <Text color={conn.watch === 'live' ? 'green' : 'yellow'}>{watchText}</Text>
        </Text>
        <Text>
          storage{' '}
          <Text color={phase === 'Available' ? 'green' : phase ? 'red' : 'yellow'}>{phase ?? (location ? 'checking' : offline ? 'unknown' : locationsLoaded ? 'not set' : '…')}</Text>
        </Text>
        <Text>
          app <Text color="cyan">{slug ? safeLine(slug) : '—'}</Text>
        </Text>
        {readonly && <Text color="magenta">read-only</Text>}
        {!readonly && limited && <Text color="magenta">limited rights (? says why)</Text>}
      </Box>
      {current && (
        <Text color="yellow">
          ● snapshot {safeLine(current.metadata.name)} {backupPhaseView(current, new Date()).label}{' '}
          {current.status?.progress?.totalItems ? `${current.status.progress.itemsBackedUp ?? 0}/${current.status.progress.totalItems} items` : ''}
        </Text>
      )}
      {restore && (
        <Text color="yellow">
          ● restore {safeLine(restore.metadata.name)} {restorePhaseView(restore).label}{' '}
          {restore.status?.progress?.totalItems ? `${restore.status.progress.itemsRestored ?? 0}/${restore.status.progress.totalItems} items` : ''}
        </Text>
      )}
      <StallLines />
      {conn.versionWarning && <Text color="yellow">⚠ {safeLine(conn.versionWarning)}</Text>}
      {conn.watch === 'reconnecting' && conn.watchError && <Text color="yellow">⚠ Lost the watch: {safeLine(conn.watchError)} — reconnecting</Text>}
    </Box>
  );
}
