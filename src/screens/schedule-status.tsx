// What the cluster says about the schedule of one kind — never local state:
// Velero's phase and validation errors, the saved cron and its meaning, the
// next runs in this node's zone and UTC, retention, the last snapshot.
import { Box, Text } from 'ink';
import { formatZoned, utcSide } from '../format/cron-runs.js';
import { backupPhaseView, type Tone } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge } from '../format/units.js';
import type { ScheduleView } from '../state/schedule-view.js';

const TONE: Record<Tone, string | undefined> = { ok: 'green', warn: 'yellow', error: 'red', busy: 'cyan', muted: 'gray' };

export interface StatusProps {
  view: ScheduleView;
  /** The name a first save creates. */
  newName: string;
  saving: boolean;
  now: Date;
  width: number;
}

export function ScheduleStatus({ view, newName, saving, now, width }: StatusProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text bold>In the cluster </Text>
        {view.name ? <Text color="cyan">{safeLine(view.name)} </Text> : null}
        <PhaseText view={view} />
        {saving && <Text color="cyan"> saving…</Text>}
      </Box>
      {view.name ? <Details view={view} now={now} /> : <Text dimColor>  Nothing scheduled yet; ⏎ creates Schedule {newName}.</Text>}
      {view.others.length > 0 && (
        <Text color="yellow" wrap="truncate-end">
          ⚠ Also making {view.kind} snapshots: {view.others.map(safeLine).join(', ')} (left as is)
        </Text>
      )}
    </Box>
  );
}

function PhaseText({ view }: { view: ScheduleView }) {
  if (!view.name) return <Text color="yellow">no {view.kind} snapshot schedule</Text>;
  if (view.phase === 'FailedValidation') return <Text color="red">✖ failed validation</Text>;
  if (view.paused) return <Text color="yellow">⏸ paused (settings kept)</Text>;
  if (view.phase === 'Enabled') return <Text color="green">● enabled</Text>;
  return <Text color="yellow">◌ waiting for Velero to validate it</Text>;
}

function Details({ view, now }: { view: ScheduleView; now: Date }) {
  const snap = view.lastSnapshot;
  const phase = snap ? backupPhaseView(snap, now) : undefined;
  return (
    <>
      {view.validationErrors.map((e, i) => (
        <Text key={i} color="red" wrap="truncate-end">
          {'  '}
          {safeLine(e)}
        </Text>
      ))}
      <Text wrap="truncate-end">
        {'  '}
        <Text bold>{safeLine(view.cron)}</Text>
        {view.description ? ` — ${view.description}${view.zone && view.zone !== 'UTC' ? ` (${view.zone})` : ' (UTC)'}` : ''} · keep {view.retention}
      </Text>
      {view.cronError && (
        <Text color="red" wrap="truncate-end">
          {'  '}Velero refuses this schedule: {safeLine(view.cronError)}
        </Text>
      )}
      {view.nextRuns.map((iso, i) => {
        const d = new Date(iso);
        const utc = utcSide(d);
        return (
          <Text key={iso} wrap="truncate-end">
            {'  '}
            {i === 0 ? 'Next ' : '     '} {formatZoned(d)}
            {utc && <Text dimColor> = {utc}</Text>}
            {i === 0 ? <Text dimColor> ({formatAge(iso, now)})</Text> : null}
          </Text>
        );
      })}
      <Text wrap="truncate-end">
        {'  '}Last{'  '}
        {snap ? (
          <>
            {safeLine(snap.metadata.name)} <Text color={TONE[phase!.tone]}>{phase!.label}</Text>{' '}
            <Text dimColor>{formatAge(snap.status?.startTimestamp ?? snap.metadata.creationTimestamp, now)}</Text>
          </>
        ) : view.lastBackupAt ? (
          <Text dimColor>ran {formatAge(view.lastBackupAt, now)}; its snapshot is gone</Text>
        ) : (
          <Text dimColor>no snapshot from this schedule yet</Text>
        )}
      </Text>
    </>
  );
}
