// Progress and outcome of a storage check / save: one line per check step,
// the precise failure with its hint, the writes to the cluster (and their
// rollback), then Velero's own verdict and sync.
import { Box, Text } from 'ink';
import type { KeyBinding } from '../components/keys.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine } from '../format/safe-text.js';
import { formatTimestamp } from '../format/units.js';
import { unavailableHint } from '../format/velero-cause.js';
import { plainMessage } from './storage-current.js';
import { VALIDATION_STEPS, STEP_LABELS, type StepStatus, type StorageRun } from '../state/storage-types.js';

export interface ConfirmInfo {
  oldLocation?: StorageRun['oldLocation'];
  running: number;
  /** The location turns read-only: no new snapshots. */
  toReadOnly: boolean;
}

export interface StorageFlowProps {
  run: StorageRun;
  confirm?: ConfirmInfo;
  onApply: () => void;
  onBack: () => void;
  onDone: () => void;
}

const ICON: Record<StepStatus, { icon: string; color?: string }> = {
  pending: { icon: '·', color: 'gray' },
  running: { icon: '⟳', color: 'yellow' },
  ok: { icon: '✔', color: 'green' },
  failed: { icon: '✖', color: 'red' },
  skipped: { icon: '–', color: 'gray' },
};

function StepLine({ status, label, error }: { status: StepStatus; label: string; error?: string }) {
  const { icon, color } = ICON[status];
  return (
    <Text>
      {'  '}
      <Text color={color}>{icon}</Text> <Text dimColor={status === 'pending' || status === 'skipped'}>{label}</Text>
      {status === 'skipped' && <Text dimColor> (skipped)</Text>}
      {error && <Text color="red">: {safeLine(error)}</Text>}
    </Text>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function flowKeys(run: StorageRun, confirm: ConfirmInfo | undefined, p: StorageFlowProps): KeyBinding[] {
  if (confirm) {
    return [
      { key: 'enter', label: 'apply', run: p.onApply, dangerous: true },
      { key: 'esc', label: 'back to the form', run: p.onBack },
    ];
  }
  switch (run.stage) {
    case 'validating':
    case 'writing':
      return [{ key: 'esc', label: 'back', run: p.onBack, disabledReason: () => `wait: ${run.stage === 'writing' ? 'writing to the cluster' : 'the check is running'}` }];
    case 'invalid':
    case 'write-failed':
    case 'validated':
      return [{ key: 'enter', aliases: ['esc'], label: 'back to the form', run: p.onBack }];
    case 'waiting':
      return [{ key: 'enter', label: 'done (Velero keeps checking)', run: p.onDone }];
    case 'done':
      return [
        { key: 'enter', label: 'done', run: p.onDone },
        ...(run.verdict?.phase === 'Unavailable' ? [{ key: 'esc', label: 'edit again', run: p.onBack }] : []),
      ];
  }
}

export function StorageFlow(props: StorageFlowProps) {
  const { run, confirm } = props;
  useScreenKeys(flowKeys(run, confirm, props), { typing: true });
  const checked = VALIDATION_STEPS.every((s) => run.steps[s] === 'ok' || run.steps[s] === 'skipped');
  const writing = run.writes.length > 0;
  return (
    <Box flexDirection="column">
      <Text bold>
        {run.intent === 'validate' ? 'Checking' : 'Saving'} <Text color="cyan">{safeLine(run.target)}</Text>
        {run.readOnly && <Text color="magenta"> (read-only)</Text>}
      </Text>
      {writing && checked ? (
        <StepLine status="ok" label="Storage check passed" />
      ) : (
        VALIDATION_STEPS.map((s) => <StepLine key={s} status={run.steps[s]} label={STEP_LABELS[s]} />)
      )}
      {run.failure && (
        <Box flexDirection="column" marginTop={1}>
          <Text color="red" bold>
            ✖ {safeLine(run.failure.message)}
          </Text>
          {run.failure.hint && <Text>{safeLine(run.failure.hint)}</Text>}
          <Text dimColor>Nothing in the cluster was changed.</Text>
        </Box>
      )}
      {run.note && <Text color="yellow">! {safeLine(run.note)}</Text>}
      {checked && !writing && run.stage !== 'invalid' && (
        <Text color="green">
          ✔ Storage check passed.
          {run.bucketBackups !== undefined && ` The bucket holds ${plural(run.bucketBackups, 'snapshot')}.`}
          {run.stage === 'validated' && <Text dimColor> Nothing was saved.</Text>}
        </Text>
      )}
      {confirm && <Confirm info={confirm} />}
      {run.writes.map((w) => (
        <StepLine key={w.id} status={w.status} label={w.label} error={w.error} />
      ))}
      {run.writeError && <Text color="red">✖ {safeLine(run.writeError)}</Text>}
      <Outcome run={run} />
    </Box>
  );
}

function Confirm({ info }: { info: ConfirmInfo }) {
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold>Apply these settings?</Text>
      {info.oldLocation && info.oldLocation.backups > 0 && (
        <Text>
          • The {plural(info.oldLocation.backups, 'snapshot')} listed now stay in {safeLine(info.oldLocation.where)}. Velero lists only snapshots of
          its configured locations, so they leave the list at its next sync; point storage back there to list them again.
        </Text>
      )}
      {info.running > 0 && <Text color="yellow">• {plural(info.running, 'snapshot')} running now may fail when the storage changes.</Text>}
      {info.toReadOnly && <Text>• Read-only: Velero will restore from this bucket but take no new snapshots until it is set back to read-write.</Text>}
    </Box>
  );
}

function Outcome({ run }: { run: StorageRun }) {
  const lines = [];
  if (run.stage === 'waiting') lines.push(<Text key="wait" color="yellow">⟳ Saved. Waiting for Velero to check the location itself…</Text>);
  const v = run.verdict;
  if (v?.timedOut) {
    lines.push(
      <Text key="v" color="yellow">
        Saved, but Velero has not checked the location yet{v.phase ? ` (still shows ${v.phase})` : ''}. Is the Velero server running? The Storage screen updates when it does.
      </Text>,
    );
  } else if (v?.phase === 'Available') {
    lines.push(
      <Text key="v" color="green">
        ● Available — Velero can use the location{v.at ? ` (checked ${formatTimestamp(v.at)})` : ''}.
      </Text>,
    );
  } else if (v?.phase === 'Unavailable') {
    lines.push(
      <Text key="v" color="red">
        ● Unavailable — Velero cannot use the location: {safeLine(plainMessage(v.message ?? 'no reason given'))}
      </Text>,
    );
    lines.push(<Text key="vh">{unavailableHint(v.message)}</Text>);
  }
  const s = run.sync;
  if (s?.status === 'waiting') lines.push(<Text key="s" color="yellow">⟳ Waiting for Velero to sync the snapshot list from the bucket (it does every minute)…</Text>);
  if (s?.status === 'done') {
    lines.push(
      <Text key="s" color="green">
        ✔ Velero synced at {formatTimestamp(s.at)}{s.backups !== undefined ? ` and lists ${plural(s.backups, 'snapshot')} from this location` : ''}.
      </Text>,
    );
  }
  if (s?.status === 'timed-out') lines.push(<Text key="s" color="yellow">Velero has not synced yet; the snapshot list fills in when it does.</Text>);
  if (run.stage === 'done' && run.oldLocation && run.oldLocation.backups > 0) {
    lines.push(
      <Text key="o" dimColor>
        Snapshots taken before stay in {safeLine(run.oldLocation.where)}; they are no longer listed.
      </Text>,
    );
  }
  return lines.length ? <Box flexDirection="column" marginTop={1}>{lines}</Box> : null;
}
