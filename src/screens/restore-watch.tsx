// Watching one restore: preparation done here (removal before the Restore
// exists), then Velero's live progress from the watches, then the result.
import { Box, Text } from 'ink';
import { useAppState } from '../components/app-context.js';
import { ProgressBar } from '../components/progress-bar.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { StallWarning } from '../components/stall-warning.js';
import { restorePhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { formatBytes, formatDuration } from '../format/units.js';
import type { Restore } from '../services/model.js';
import { RESTORE_OP_PREFIX } from '../state/restore.js';
import { restoreKindOf, restoreVolumes } from '../state/restore-view.js';
import type { Operation } from '../state/types.js';
import { cell, TONE_COLOR, useClock, useSize } from './restore-parts.js';
import { RestoreResult } from './restore-result.js';

export function RestoreWatch({ name, back, showLog }: { name: string; back: () => void; showLog: () => void }) {
  const op = useAppState((s) => s.operations[`${RESTORE_OP_PREFIX}${name}`]);
  const restore = useAppState((s) => s.objects.Restore[name]);
  const running = !restore || restorePhaseView(restore).running;
  if (restore && !running) return <RestoreResult restore={restore} back={back} showLog={showLog} />;
  return <Progress name={name} op={op} restore={restore} back={back} />;
}

function Progress({ name, op, restore, back }: { name: string; op?: Operation; restore?: Restore; back: () => void }) {
  const now = useClock(true);
  useScreenKeys([
    { key: 'esc', label: 'back', run: back },
    { key: 'l', label: 'log', run: () => undefined, disabledReason: () => 'Velero writes the restore log to the bucket when the restore finishes' },
  ]);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Restore {safeLine(name)}
        {restore?.spec.backupName ? ` from ${safeLine(restore.spec.backupName)}` : ''}
        {restore ? ` · ${restoreKindOf(restore)}` : ''}
      </Text>
      {op && <Preparation op={op} now={now} />}
      {restore ? (
        <Live restore={restore} now={now} />
      ) : op?.status === 'done' ? (
        <Text dimColor>Restore created; waiting for Velero to pick it up…</Text>
      ) : !op ? (
        <Text color="yellow">Restore {safeLine(name)} is not in the cluster (deleted?). Press esc.</Text>
      ) : null}
    </Box>
  );
}

/** Removing what the restore replaces: done by this program, before Velero starts. */
function Preparation({ op, now }: { op: Operation; now: Date }) {
  const took = Math.max(0, (op.endedAt ?? now.getTime()) - op.startedAt);
  if (op.status === 'failed') {
    return (
      <Box flexDirection="column">
        <Text color="red" wrap="wrap">
          ✗ The restore was not started: {safeLine(op.detail)}
        </Text>
        <Text wrap="wrap">
          {/^Cannot restore now/.test(op.detail ?? '')
            ? 'Nothing was removed. Start the restore again once the other one is under way or finished.'
            : 'Some of what was to be removed may already be gone. Fix the cause, then start the restore again from the snapshot.'}
        </Text>
      </Box>
    );
  }
  if (op.status === 'done') return <Text color="green">✓ Prepared in {formatDuration(took)}</Text>;
  return (
    <Box flexDirection="column">
      <Text color="cyan" wrap="truncate-end">
        Preparing: {safeLine(op.detail ?? 'starting')}
      </Text>
      {op.progress && (
        <Box columnGap={1}>
          <ProgressBar done={op.progress.done} total={op.progress.total} width={30} />
          <Text>
            {op.progress.done} of {op.progress.total} gone · {formatDuration(took)}
          </Text>
        </Box>
      )}
      <Text color="yellow">This program does this step: keep it open until the restore is created.</Text>
    </Box>
  );
}

function Live({ restore, now }: { restore: Restore; now: Date }) {
  const view = restorePhaseView(restore);
  const st = restore.status ?? {};
  const began = Date.parse(st.startTimestamp ?? restore.metadata.creationTimestamp ?? '');
  const volumes = useAppState((s) => s.objects.PodVolumeRestore);
  const downloads = useAppState((s) => s.objects.DataDownload);
  const rows = restoreVolumes({ PodVolumeRestore: volumes, DataDownload: downloads }, restore.metadata.name ?? '', now);
  const { rows: height, columns } = useSize();
  // Wide: one line per volume; 80 columns: name and phase, then the bar.
  const wide = columns >= 110;
  const room = Math.max(1, Math.floor((height - 16) / (wide ? 1 : 2)));
  const targetW = wide ? Math.min(48, columns - 70) : Math.max(20, columns - 16);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        Phase <Text color={TONE_COLOR[view.tone]}>{view.label}</Text>
        {Number.isNaN(began) ? '' : ` · elapsed ${formatDuration(Math.max(0, now.getTime() - began))}`}
        {st.warnings ? ` · ${st.warnings} warnings` : ''}
        {st.errors ? ` · ${st.errors} errors` : ''}
      </Text>
      {view.running && <StallWarning kind="Restore" name={restore.metadata.name ?? ''} />}
      <Box columnGap={1}>
        <Text>Items </Text>
        <ProgressBar done={st.progress?.itemsRestored ?? 0} total={st.progress?.totalItems} width={30} />
        <Text>
          {st.progress?.itemsRestored ?? 0} of {st.progress?.totalItems ?? '?'}
        </Text>
      </Box>
      <Text bold>Volumes{rows.length ? ` (${rows.filter((r) => r.phase === 'Completed').length} of ${rows.length} done)` : ''}</Text>
      {rows.length === 0 && <Text dimColor>  none being restored{view.running ? ' (yet)' : ''}</Text>}
      {rows.slice(0, room).map((v) => (
        <Box key={v.key} flexDirection={wide ? 'row' : 'column'}>
          <Text wrap="truncate-end">
            {'  '}
            {cell(v.target, targetW)} <Text color={v.phase === 'Failed' ? 'red' : v.phase === 'Completed' ? 'green' : 'cyan'}>{cell(v.phase, 10)}</Text>{' '}
          </Text>
          <Text wrap="truncate-end">
            {wide ? '' : '    '}
            <ProgressBar done={v.bytesDone} total={v.totalBytes} width={wide ? 10 : 20} /> {formatBytes(v.bytesDone)} of {formatBytes(v.totalBytes)}
            {v.remainingMs !== undefined ? ` · ${formatDuration(v.remainingMs)} left` : ''}
          </Text>
        </Box>
      ))}
      {rows.length > room && <Text dimColor>  +{rows.length - room} more</Text>}
      <Text dimColor wrap="wrap">
        The restore runs in the cluster: quitting or leaving this screen does not stop it; reopen to see it again.
      </Text>
    </Box>
  );
}
