// Restore home: a running restore first (enter to watch it), then the
// snapshots that can be restored from, or (tab) the restore history.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useAppState } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import type { KeyBinding } from '../components/keys.js';
import { ProgressBar } from '../components/progress-bar.js';
import { moveCursor, navigationBindings, type CursorMove } from '../components/virtual-list.js';
import { safeLine } from '../format/safe-text.js';
import { formatDuration } from '../format/units.js';
import { selectBackups, selectRestores, selectRunningRestore } from '../state/selectors.js';
import { RESTORE_OP_PREFIX, selectPreparingRestore } from '../state/restore.js';
import { restorableBackups } from '../state/restore-view.js';
import { RestoreHistory } from './restore-history.js';
import { MARKER_BANNER_LINES, RestoreMarkerBanner, useForeignRestoreMarker } from './restore-marker-banner.js';
import { SnapshotPicker } from './restore-picker.js';
import { useClock, useLatest, useSize } from './restore-parts.js';
import type { RestoreView } from './restore.js';

export function RestoreHome({ pane, go }: { pane: 'snapshots' | 'history'; go: (v: RestoreView) => void }) {
  const backups = useAppState(selectBackups);
  const restores = useAppState(selectRestores);
  const running = useAppState(selectRunningRestore);
  const preparing = useAppState(selectPreparingRestore);
  const marker = useForeignRestoreMarker();
  const now = useClock(Boolean(running || preparing || (marker && !marker.stale)));
  const restorable = useMemo(() => restorableBackups(backups, now), [backups, now]);
  const [pick, setPick, latestPick] = useLatest(0);
  const [hist, setHist, latestHist] = useLatest(0);
  const { rows } = useSize();
  const busyName = preparing ? preparing.id.slice(RESTORE_OP_PREFIX.length) : running?.metadata.name;
  const self: RestoreView = { name: 'home', pane };
  const listHeight = Math.max(3, rows - (busyName ? 16 : 14) - (marker ? MARKER_BANNER_LINES : 0));

  const count = pane === 'snapshots' ? restorable.length : restores.length;
  const clamp = (i: number) => Math.min(i, Math.max(0, count - 1));
  const index = clamp(pane === 'snapshots' ? pick : hist);
  const move = (m: CursorMove) => (pane === 'snapshots' ? setPick : setHist)((i) => moveCursor(clamp(i), m, count, listHeight));
  const watch = (name: string) => go({ name: 'watch', restore: name, from: self });
  const open = () => {
    const index = clamp(pane === 'snapshots' ? latestPick() : latestHist());
    if (pane === 'history') {
      const r = restores[index];
      if (r?.metadata.name) watch(r.metadata.name);
    } else if (busyName) watch(busyName);
    else {
      const b = restorable[index];
      if (b?.metadata.name) go({ name: 'snapshot', backup: b.metadata.name });
    }
  };
  const bindings: KeyBinding[] = [
    {
      key: 'enter',
      label: pane === 'history' ? 'open' : busyName ? 'watch restore' : 'restore from…',
      run: open,
      disabledReason: () => (count === 0 && !(pane === 'snapshots' && busyName) ? (pane === 'history' ? 'no restores yet' : 'no snapshot to restore from') : undefined),
    },
    { key: 'tab', label: pane === 'history' ? 'snapshots' : 'history', run: () => go({ name: 'home', pane: pane === 'history' ? 'snapshots' : 'history' }) },
    ...navigationBindings(move),
  ];
  if (busyName && pane === 'history') bindings.splice(1, 0, { key: 'w', label: 'watch running', run: () => watch(busyName) });
  useScreenKeys(bindings);

  return (
    <Box flexDirection="column">
      {marker && <RestoreMarkerBanner marker={marker} now={now} />}
      {preparing && (
        <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
          <Text bold color="yellow" wrap="truncate-end">
            ● Preparing restore {safeLine(busyName)}: {safeLine(preparing.detail ?? 'starting')}
          </Text>
          <Text dimColor>Press enter to watch. Runs in this program: do not quit until the restore is created.</Text>
        </Box>
      )}
      {!preparing && running && (
        <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
          <Text bold color="yellow" wrap="truncate-end">
            ● Restore {safeLine(running.metadata.name)} is running ({running.status?.phase ?? 'New'}) · {formatDuration(elapsed(running, now))}
          </Text>
          <Box columnGap={1}>
            <ProgressBar done={running.status?.progress?.itemsRestored ?? 0} total={running.status?.progress?.totalItems} width={24} />
            <Text dimColor>
              {running.status?.progress?.itemsRestored ?? 0}/{running.status?.progress?.totalItems ?? '?'} items · enter to watch
            </Text>
          </Box>
        </Box>
      )}
      {pane === 'snapshots' ? (
        <SnapshotPicker backups={backups} restorable={restorable} selected={index} height={listHeight} now={now} />
      ) : (
        <RestoreHistory restores={restores} selected={index} height={listHeight} now={now} />
      )}
    </Box>
  );
}

function elapsed(r: { metadata: { creationTimestamp?: string }; status?: { startTimestamp?: string } }, now: Date): number | undefined {
  const t = Date.parse(r.status?.startTimestamp ?? r.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? undefined : Math.max(0, now.getTime() - t);
}
