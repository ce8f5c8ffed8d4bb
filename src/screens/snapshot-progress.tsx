// Live progress of one snapshot, driven by watch events (the Backup and its
// PodVolumeBackups / DataUploads); a 1 s tick only moves the elapsed counter.
// When it ends, the result: Completed / Incomplete / Failed and why.
import { Box, Text, useStdout } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { ProgressBar } from '../components/progress-bar.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { StallWarning } from '../components/stall-warning.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { noCredentialsHint } from '../format/velero-cause.js';
import { formatBytes, formatDuration } from '../format/units.js';
import { fitCell } from '../format/snapshot-row.js';
import type { Backup } from '../services/model.js';
import { snapshotKindOf, triggerOf } from '../services/profile.js';
import { errorText } from '../state/operations.js';
import { locationHasKeys } from '../state/snapshots-plan.js';
import { firstError, loadSnapshotResults } from '../state/snapshots-storage.js';
import { makeSelectBackupVolumes, volumeTotals, volumeView, type VolumeView } from '../state/snapshots-volumes.js';
import { TONE_COLOR, useNow } from './snapshot-ui.js';

export interface SnapshotProgressProps {
  name: string;
  /** The Backup as created, shown until the watch delivers it. */
  initial?: Backup;
  onBack: () => void;
  /** Screen actions on this snapshot (details, logs, delete). */
  actions: KeyBinding[];
}

export function SnapshotProgress({ name, initial, onBack, actions }: SnapshotProgressProps) {
  const ctx = useEffectContext();
  useScreenKeys([...actions, { key: 'esc', label: 'back', run: onBack }]);
  const { stdout } = useStdout();
  const stored = useAppState((s) => s.objects.Backup[name]);
  const backup = stored ?? initial;
  const selectVolumes = useMemo(() => makeSelectBackupVolumes(name), [name]);
  const ops = useAppState(selectVolumes);
  const serverWarning = useAppState((s) => s.connection.versionWarning);
  const view = backup ? backupPhaseView(backup, ctx.now()) : undefined;
  const running = view?.running ?? false;
  const tick = useNow(1000, running);
  const now = useMemo(() => ctx.now(), [ctx, tick, backup, ops]);
  const volumes = ops.map((op) => volumeView(op, now));
  const totals = volumeTotals(volumes);
  const narrow = (stdout.columns || 80) < 100;

  if (!backup || !view) {
    return <Text color="yellow">Snapshot {safeLine(name)} is gone: it was deleted or expired.</Text>;
  }
  const s = backup.status ?? {};
  const startIso = s.startTimestamp ?? backup.metadata.creationTimestamp;
  const end = s.completionTimestamp ? Date.parse(s.completionTimestamp) : now.getTime();
  const elapsed = startIso ? end - Date.parse(startIso) : undefined;
  const items = s.progress;
  // Leave room for the other lines and the result box; narrow volumes take two rows.
  const maxVolumes = Math.max(1, Math.floor(((stdout.rows || 24) - 17) / (narrow ? 2 : 1)));

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Snapshot {safeLine(name)}</Text> · {snapshotKindOf(backup) === 'full' ? 'full (instance)' : 'partial (application)'} · {triggerOf(backup)}
      </Text>
      <Text>
        {'Status   '}
        <Text color={TONE_COLOR[view.tone]} bold>
          {view.label}
        </Text>
        {'   '}
        {s.startTimestamp ? `${running ? 'elapsed' : 'took'} ${formatDuration(elapsed)}` : ''}
      </Text>
      <Waiting backup={backup} serverWarning={serverWarning} />
      {running && <StallWarning kind="Backup" name={name} />}
      <Text>
        {'Items    '}
        <ProgressBar done={items?.itemsBackedUp ?? 0} total={items?.totalItems} width={narrow ? 20 : 30} />
        {items?.totalItems ? `  ${items.itemsBackedUp ?? 0} of ${items.totalItems} items` : running ? '  counting items…' : '  none backed up'}
      </Text>
      <Text>
        {'Volumes  '}
        {totals.count === 0
          ? `none${running ? ' so far' : ''} (only volumes pods opt in are copied)`
          : `${totals.done} of ${totals.count} done${totals.failed ? `, ${totals.failed} failed` : ''} · ${formatBytes(totals.bytesDone)}${totals.sizeUnknown ? '' : ` of ${formatBytes(totals.totalBytes)}`}`}
      </Text>
      {volumes.slice(0, maxVolumes).map((v) => (
        <VolumeLine key={v.key} v={v} narrow={narrow} />
      ))}
      {volumes.length > maxVolumes && <Text dimColor>{`    …and ${volumes.length - maxVolumes} more (d for details)`}</Text>}
      <Text>
        {'Hooks    '}attempted {s.hookStatus?.hooksAttempted ?? 0}, failed{' '}
        <Text color={s.hookStatus?.hooksFailed ? 'red' : undefined}>{s.hookStatus?.hooksFailed ?? 0}</Text>
        {'   '}
        <Text color={s.errors ? 'red' : undefined}>{s.errors ?? 0} errors</Text>, <Text color={s.warnings ? 'yellow' : undefined}>{s.warnings ?? 0} warnings</Text>
        {running ? ' so far' : ''}
      </Text>
      {!running && <Result backup={backup} name={name} />}
      {running && <Text dimColor>esc goes back to the list; the snapshot keeps running and the header shows it.</Text>}
    </Box>
  );
}

function Waiting({ backup, serverWarning }: { backup: Backup; serverWarning?: string }) {
  const phase = backup.status?.phase;
  if (phase === 'Queued') return <Text color="yellow">Waiting in Velero’s queue behind another backup (position {backup.status?.queuePosition ?? '?'}).</Text>;
  if (!phase || phase === 'New' || phase === 'ReadyToStart') {
    return <Text color="yellow">Waiting for Velero to pick it up…{serverWarning ? ` ${safeLine(serverWarning)}` : ''}</Text>;
  }
  if (phase.startsWith('WaitingForPluginOperations')) return <Text color="cyan">Items are saved; waiting for volume data uploads to finish.</Text>;
  return null;
}

/** One volume: on one line when wide, else the name above its bar. */
function VolumeLine({ v, narrow }: { v: VolumeView; narrow: boolean }) {
  const color = v.state === 'failed' ? 'red' : v.state === 'done' ? 'green' : undefined;
  const rate = v.rate !== undefined && v.state === 'running' ? ` ${formatBytes(v.rate)}/s` : '';
  const left = v.remainingMs !== undefined ? ` ~${formatDuration(v.remainingMs)} left` : '';
  const bytes = v.totalBytes !== undefined ? `${formatBytes(v.bytesDone ?? 0)} of ${formatBytes(v.totalBytes)}` : formatBytes(v.bytesDone);
  const name = <Text color={color}>{narrow ? safeLine(v.target) : fitCell(safeLine(v.target), 34)}</Text>;
  const bar = (
    <>
      <ProgressBar done={v.bytesDone ?? 0} total={v.totalBytes} width={narrow ? 20 : 16} /> {bytes}
      {rate}
      {left}
      {v.state !== 'running' ? ` · ${safeLine(v.phase)}` : ''}
    </>
  );
  return (
    <Box flexDirection="column">
      {narrow ? (
        <>
          <Text wrap="truncate-end">
            {'  '}
            {name} <Text dimColor>({v.kind})</Text>
          </Text>
          <Text wrap="truncate-end">
            {'    '}
            {bar}
          </Text>
        </>
      ) : (
        <Text wrap="truncate-end">
          {'  '}
          {name} {bar}
        </Text>
      )}
      {v.state === 'failed' && v.message && (
        <Text color="red" wrap="truncate-end">
          {'    '}
          {safeLine(v.message)}
        </Text>
      )}
    </Box>
  );
}

/** The outcome, with the first error from the results file for anything short of Completed. */
function Result({ backup, name }: { backup: Backup; name: string }) {
  const ctx = useEffectContext();
  const s = backup.status ?? {};
  const view = backupPhaseView(backup, ctx.now());
  const hasKeys = useAppState((st) => locationHasKeys(st, backup.spec.storageLocation));
  const hint = noCredentialsHint(s.failureReason, hasKeys);
  const needsResults = s.phase === 'Failed' || s.phase === 'PartiallyFailed' || (s.errors ?? 0) > 0;
  const [first, setFirst] = useState<string>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!needsResults) return;
    let live = true;
    loadSnapshotResults(ctx, name).then(
      (r) => live && setFirst(firstError(r) ?? ''),
      (err: unknown) => live && setProblem(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [ctx, name, needsResults]);

  const mark = view.tone === 'ok' ? '✔' : view.tone === 'error' ? '✖' : '⚠';
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor={TONE_COLOR[view.tone]} paddingX={1}>
      <Text bold color={TONE_COLOR[view.tone]}>
        {mark} {view.label}
        {s.phase === 'Completed' ? ' — this snapshot can be restored.' : s.phase === 'PartiallyFailed' ? ' — it can be restored, but something is missing.' : ''}
      </Text>
      {s.failureReason && <Text color="red">Reason: {safeLine(s.failureReason)}</Text>}
      {hint && <Text color="yellow">{hint}</Text>}
      {s.validationErrors?.map((e, i) => (
        <Text key={i} color="red">
          {safeLine(e)}
        </Text>
      ))}
      {needsResults && (
        <Text color="red">
          {first
            ? `First error — ${safeLine(first)}`
            : first === ''
              ? 'The results file lists no errors: the reason above and the log tell more.'
              : problem
                ? `Could not read the results: ${safeLine(problem)}`
                : 'Reading the results file…'}
        </Text>
      )}
      {view.tone !== 'ok' && <Text dimColor>Where to look: d details (every error and warning), l the backup log (e jumps to errors).</Text>}
    </Box>
  );
}
