// `n`: choose a full (instance) or partial (application) snapshot, see exactly
// what it will include, and start it with enter — or read why it cannot start.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { useScreenKeys } from '../components/screen-keys.js';
import type { Backup } from '../services/model.js';
import type { SnapshotKind } from '../services/profile.js';
import { safeLine } from '../format/safe-text.js';
import { errorText } from '../state/operations.js';
import { createSnapshot } from '../state/snapshots.js';
import { planSnapshot, retentionText } from '../state/snapshots-plan.js';
import type { AppState } from '../state/types.js';

const CHOICES: { kind: SnapshotKind; title: string; what: string }[] = [
  { kind: 'full', title: 'Full (instance)', what: 'admin console and app; restores fully or partially' },
  { kind: 'partial', title: 'Partial (application)', what: 'only the app; restores partially' },
];

// The plan reads objects, profile and readonly: re-plan only when those change.
const planInputs = (s: AppState) => s.objects;

export function SnapshotCreate({ onCancel, onStarted }: { onCancel: () => void; onStarted: (backup: Backup) => void }) {
  const ctx = useEffectContext();
  useAppState(planInputs);
  const profile = useAppState((s) => s.profile);
  const [choice, setChoice] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const kind = CHOICES[choice]?.kind ?? 'full';
  const plan = profile ? planSnapshot(ctx.store.getState(), profile, kind, ctx.now()) : undefined;

  const start = () => {
    setBusy(true);
    setError(undefined);
    createSnapshot(ctx, kind).then(onStarted, (err: unknown) => {
      setBusy(false);
      setError(errorText(err));
    });
  };
  const pick = (i: number) => {
    setChoice(i);
    setError(undefined);
  };
  const bindings: KeyBinding[] = [
    { key: 'enter', label: `start ${kind} snapshot`, run: start, changes: true, disabledReason: () => (busy ? 'already starting' : plan?.refusal) },
    { key: 'up', aliases: ['k'], label: 'choose', run: () => pick(0), helpOnly: true },
    { key: 'down', aliases: ['j'], label: 'choose', run: () => pick(1), helpOnly: true },
    { key: 'f', label: 'full', run: () => pick(0) },
    { key: 'p', label: 'partial', run: () => pick(1) },
    { key: 'esc', label: 'cancel', run: onCancel },
  ];
  useScreenKeys(bindings);

  if (!plan) return <Text color="yellow">Resolving the app profile…</Text>;
  const location = plan.location;
  const bucket = location ? `${location.spec.objectStorage.bucket}${location.spec.objectStorage.prefix ? `/${location.spec.objectStorage.prefix}` : ''}` : '';
  return (
    <Box flexDirection="column">
      <Text bold>New snapshot</Text>
      {CHOICES.map((c, i) => (
        <Text key={c.kind} inverse={i === choice}>
          {i === choice ? '› ' : '  '}
          <Text bold>{c.title}</Text> — {c.what}
        </Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>It will include</Text>
        <Field label="Namespaces" value={plan.namespaces.map(safeLine).join(', ') || 'all'} />
        <Field label="Resources" value={`labelled ${safeLine(plan.selector)}, ${clusterScope(plan.backup.spec.includeClusterResources)}`} />
        <Field label="Volumes" value={plan.backup.spec.defaultVolumesToFsBackup ? 'every pod volume (file-system backup)' : 'volumes pods opt in (backup.velero.io/backup-volumes)'} />
        <Field label="Kept for" value={retentionText(plan.retention)} />
        <Field
          label="Stored in"
          value={location ? `location ${safeLine(location.metadata.name)} — ${safeLine(bucket)} (${location.status?.phase ?? 'not validated'})` : 'no storage location'}
        />
        <Field label="Name" value={`${safeLine(plan.backup.metadata.generateName)}<random> (Velero completes it)`} />
      </Box>
      <Box marginTop={1} flexDirection="column">
        {plan.refusal ? (
          <Text color="red">✖ Cannot start: {plan.refusal}.</Text>
        ) : busy ? (
          <Text color="yellow">Creating the snapshot…</Text>
        ) : (
          <Text color="green">Press enter to start the {kind} snapshot; progress shows as it runs.</Text>
        )}
        {error && <Text color="red">✖ {safeLine(error)}</Text>}
      </Box>
    </Box>
  );
}

/** What includeClusterResources means for the selected resources. */
function clusterScope(include: boolean | null | undefined): string {
  if (include === true) return 'namespaced and cluster-scoped';
  if (include === false) return 'namespaced only';
  return 'namespaced, plus the cluster-scoped ones they use';
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Text wrap="wrap">
      {'  '}
      <Text dimColor>{label.padEnd(11)}</Text>
      {value}
    </Text>
  );
}
