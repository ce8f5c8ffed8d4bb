// Before anything happens: what will be removed and restored, the same thing
// as commands, an extra question for an incomplete snapshot, then the typed
// confirmation (snapshot name for a full restore, app slug for a partial one).
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { ConfirmTyped } from '../components/confirm-typed.js';
import { useRowsHeight } from '../components/rows-height.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine } from '../format/safe-text.js';
import type { ResourceRef } from '../services/interfaces.js';
import { errorText, notify } from '../state/operations.js';
import { planCommands, type RestoreMode, type RestorePlan } from '../state/restore-plan.js';
import { inspectRestoreTarget, planFor, restoreAccessRefusal, restoreStartBlockReason, startRestore } from '../state/restore.js';
import { selectDefaultLocation } from '../state/selectors.js';
import { Commands, foldCommands, useSize } from './restore-parts.js';
import { MODE_TITLES } from './restore-snapshot.js';
import type { RestoreView } from './restore.js';

type Stage = 'review' | 'incomplete' | 'typed';
interface Target {
  resources?: ResourceRef[];
  existingNamespaces?: string[];
  error?: string;
}

export function RestoreConfirm({ backup, mode, go, back }: { backup: string; mode: RestoreMode; go: (v: RestoreView) => void; back: () => void }) {
  const ctx = useEffectContext();
  const [at] = useState(() => ctx.now());
  const [stage, setStage] = useState<Stage>('review');
  const [target, setTarget] = useState<Target>();
  const b = useAppState((s) => s.objects.Backup[backup]);
  const profile = useAppState((s) => s.profile);
  const veleroNs = useAppState((s) => s.connection.veleroNamespace) ?? 'velero';
  const plan = b && profile ? planFor(ctx.store.getState(), backup, mode, at) : undefined;

  useEffect(() => {
    if (!plan || plan.refusal) return;
    let live = true;
    inspectRestoreTarget(ctx, plan).then(
      (t) => live && setTarget(t),
      (err: unknown) => live && setTarget({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
    // Inspect once per snapshot and mode, not on every store change.
  }, [backup, mode]);

  if (!plan || !profile) return <Gone backup={backup} back={back} />;
  const full = mode !== 'partial';
  const start = () => {
    startRestore(ctx, { backup, mode, slug: profile.slug, at, onName: (name) => go({ name: 'watch', restore: name, from: { name: 'home', pane: 'snapshots' } }) }).catch(
      (err: unknown) => notify(ctx, 'error', `Restore not started: ${errorText(err)}`),
    );
  };
  if (stage === 'incomplete') return <Incomplete plan={plan} onYes={() => setStage('typed')} onNo={() => setStage('review')} />;
  if (stage === 'typed') {
    return (
      <ConfirmTyped
        title={`${MODE_TITLES[mode]} from ${safeLine(backup)}`}
        expected={full ? backup : profile.slug}
        what={full ? 'the snapshot name' : 'the app slug'}
        onConfirm={start}
        onCancel={() => setStage('review')}
      >
        <Steps plan={plan} target={target} />
      </ConfirmTyped>
    );
  }
  return (
    <Review plan={plan} target={target} veleroNs={veleroNs} back={back} next={() => setStage(plan.warning ? 'incomplete' : 'typed')} />
  );
}

function Review({ plan, target, veleroNs, back, next }: { plan: RestorePlan; target?: Target; veleroNs: string; back: () => void; next: () => void }) {
  const blocked = useAppState(restoreStartBlockReason);
  const denied = useAppState((s) => restoreAccessRefusal(s, plan.mode));
  const location = useAppState((s) => {
    const name = s.objects.Backup[plan.backup]?.spec.storageLocation;
    return name ? s.objects.BackupStorageLocation[name] : selectDefaultLocation(s);
  });
  const unavailable = location?.status?.phase === 'Unavailable';
  const { columns, rows } = useSize();
  const commands = foldCommands(planCommands(plan, veleroNs, target?.resources), columns);
  // The commands take the rows left under the steps; when they do not fit
  // (80x24, many kinds to remove), `c` shows them in place of the steps.
  const [ref, room] = useRowsHeight(rows);
  const fits = commands.length + 1 <= room;
  const [commandsOnly, setCommandsOnly] = useState(false);
  useScreenKeys([
    { key: 'enter', label: 'confirm…', dangerous: true, run: next, disabledReason: () => plan.refusal ?? blocked ?? denied },
    ...(fits && !commandsOnly ? [] : [{ key: 'c', label: commandsOnly ? 'steps' : 'commands', run: () => setCommandsOnly(!commandsOnly) }]),
    { key: 'esc', label: 'back', run: back },
  ]);
  if (commandsOnly) {
    return (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          {MODE_TITLES[plan.mode]} from {safeLine(plan.backup)}
        </Text>
        <Commands lines={commands} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text bold wrap="truncate-end">
        {MODE_TITLES[plan.mode]} from {safeLine(plan.backup)}
      </Text>
      {plan.warning && <Text color="yellow">⚠ {safeLine(plan.warning)}</Text>}
      {plan.refusal ? <Text color="red" wrap="wrap">✗ {safeLine(plan.refusal)}</Text> : <Steps plan={plan} target={target} />}
      {blocked && <Text color="yellow">Cannot start now: {safeLine(blocked)}</Text>}
      {!blocked && denied && <Text color="red">✗ Cannot restore: {safeLine(denied)}</Text>}
      {unavailable && (
        <Text color="yellow" wrap="wrap">
          ⚠ Storage {safeLine(location?.metadata.name)} is unavailable ({short(location?.status?.message ?? 'no detail')}): Velero reads the snapshot from it, so the restore fails until it is Available again.
        </Text>
      )}
      <Box ref={ref} marginTop={1} flexGrow={1} flexDirection="column" overflow="hidden">
        {fits ? <Commands lines={commands} /> : <Text dimColor>c: the same thing as commands, for the record ({commands.length} lines).</Text>}
      </Box>
    </Box>
  );
}

/** The numbered steps, with what the cluster holds now. */
function Steps({ plan, target }: { plan: RestorePlan; target?: Target }) {
  const name = plan.restore.metadata.name ?? '';
  const steps: string[] = [];
  if (plan.deleteNamespaces.length) steps.push(`Delete namespaces ${plan.deleteNamespaces.join(', ')} with everything in them; wait until they are gone.`);
  if (plan.removeSelector) steps.push(`Remove the app's current resources (${removalSummary(target)}); wait until they are gone.`);
  steps.push(
    plan.mode === 'partial'
      ? `Create restore ${name}: only resources labelled ${plan.removeSelector} in ${plan.removeNamespaces.join(', ')}, volumes included.`
      : `Create restore ${name}: everything in the snapshot, cluster resources and volumes included.`,
  );
  return (
    <Box flexDirection="column">
      {steps.map((s, i) => (
        <Text key={s} wrap="wrap">
          {i + 1}. {safeLine(s)}
        </Text>
      ))}
      {plan.mode === 'full-new' && target?.existingNamespaces && (
        <Text color={target.existingNamespaces.length ? 'yellow' : 'green'} wrap="wrap">
          {target.existingNamespaces.length
            ? `Already in this cluster: ${safeLine(target.existingNamespaces.join(', '))} — existing objects are kept, not replaced (use in place to replace them).`
            : 'None of the snapshot’s namespaces exist in this cluster.'}
        </Text>
      )}
      {target?.error && <Text color="yellow">Could not look at the cluster: {safeLine(target.error)}</Text>}
    </Box>
  );
}

function short(text: string): string {
  const t = safeLine(text);
  return t.length > 110 ? `${t.slice(0, 109)}…` : t;
}

function removalSummary(target: Target | undefined): string {
  if (!target) return 'looking…';
  if (!target.resources) return 'listed when it starts';
  if (!target.resources.length) return 'none found now';
  const byKind = new Map<string, number>();
  for (const r of target.resources) byKind.set(r.resource, (byKind.get(r.resource) ?? 0) + 1);
  const kinds = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
  return `${target.resources.length} now: ${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', …' : ''}`;
}

function Incomplete({ plan, onYes, onNo }: { plan: RestorePlan; onYes: () => void; onNo: () => void }) {
  useScreenKeys([
    { key: 'y', label: 'use it anyway', dangerous: true, run: onYes },
    { key: 'n', aliases: ['esc'], label: 'back', run: onNo },
  ]);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold color="yellow">
        Restore from an incomplete snapshot?
      </Text>
      <Text wrap="wrap">{safeLine(plan.warning)}</Text>
      <Text wrap="wrap">What is missing from it will be missing after the restore. Check its errors on the Snapshots screen (2) first if unsure.</Text>
      <Text>
        <Text bold>y</Text> use it anyway · <Text bold>n</Text>/esc back
      </Text>
    </Box>
  );
}

function Gone({ backup, back }: { backup: string; back: () => void }) {
  useScreenKeys([{ key: 'esc', label: 'back', run: back }]);
  return <Text color="yellow">Snapshot {safeLine(backup)} is no longer in the cluster. Press esc.</Text>;
}
