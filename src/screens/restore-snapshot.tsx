// One snapshot: what it holds, and how it can be restored (modes explained).
import { Box, Text } from 'ink';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge, formatBytes, formatTimestamp } from '../format/units.js';
import { modesFor, planRestore, type RestoreMode, type RestorePlan } from '../state/restore-plan.js';
import { restoreAccessRefusal, restoreStartBlockReason } from '../state/restore.js';
import { snapshotContents } from '../state/restore-view.js';
import { TONE_COLOR, useClock, useLatest } from './restore-parts.js';
import type { RestoreView } from './restore.js';

export const MODE_TITLES: Record<RestoreMode, string> = {
  'full-new': 'Full restore — into an empty or new cluster',
  'full-in-place': 'Full restore — in place',
  partial: 'Partial restore — the app only',
};

function explain(plan: RestorePlan, slug: string): string {
  switch (plan.mode) {
    case 'full-new':
      return 'Disaster recovery: brings back everything in the snapshot — namespaces, cluster resources and volumes. Objects that already exist are left as they are.';
    case 'full-in-place':
      return `Rolls the whole install back: first deletes namespace${plan.deleteNamespaces.length === 1 ? '' : 's'} ${plan.deleteNamespaces.join(', ') || '(see below)'} with everything in them, waits until gone, then restores everything.`;
    case 'partial':
      return `Rolls the app ${slug} back: removes its current resources (${plan.removeSelector} in ${plan.removeNamespaces.join(', ')}), waits until gone, then restores only those from the snapshot. Nothing else is touched.`;
  }
}

export function RestoreSnapshot({ backup, go, back }: { backup: string; go: (v: RestoreView) => void; back: () => void }) {
  const ctx = useEffectContext();
  const b = useAppState((s) => s.objects.Backup[backup]);
  const profile = useAppState((s) => s.profile);
  const veleroNs = useAppState((s) => s.connection.veleroNamespace) ?? 'velero';
  const pvb = useAppState((s) => s.objects.PodVolumeBackup);
  const du = useAppState((s) => s.objects.DataUpload);
  const blocked = useAppState(restoreStartBlockReason);
  const now = useClock(false);
  const [choice, setChoice, latestChoice] = useLatest(0);
  const plans = b && profile ? modesFor(b).map((mode) => planRestore({ backup: b, mode, profile, veleroNamespace: veleroNs, now })) : [];
  const plan = plans[Math.min(choice, plans.length - 1)];
  const chosen = () => plans[Math.min(latestChoice(), plans.length - 1)];

  useScreenKeys([
    {
      key: 'enter',
      label: 'continue',
      dangerous: true,
      run: () => {
        const p = chosen();
        if (p) go({ name: 'confirm', backup, mode: p.mode });
      },
      disabledReason: () => {
        const p = chosen();
        return blocked ?? p?.refusal ?? (p ? restoreAccessRefusal(ctx.store.getState(), p.mode) : 'snapshot not found');
      },
    },
    { key: 'esc', label: 'back', run: back },
    { key: 'up', aliases: ['k'], label: 'previous mode', run: () => setChoice((c) => Math.max(0, c - 1)), helpOnly: true },
    { key: 'down', aliases: ['j'], label: 'next mode', run: () => setChoice((c) => Math.min(plans.length - 1, c + 1)), helpOnly: true },
  ]);

  if (!b || !profile) return <Text color="yellow">Snapshot {safeLine(backup)} is no longer in the cluster. Press esc.</Text>;
  const c = snapshotContents({ PodVolumeBackup: pvb, DataUpload: du }, b);
  const view = backupPhaseView(b, now);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{safeLine(backup)}</Text> — {c.kind === 'full' ? 'full (instance)' : 'partial (application)'} snapshot,{' '}
        <Text color={TONE_COLOR[view.tone]}>{view.label}</Text>
      </Text>
      <Text wrap="truncate-end">
        Taken {formatTimestamp(c.at)} ({formatAge(c.at, now)}){c.expires ? `, expires ${formatAge(c.expires, now)}` : ''}
      </Text>
      <Text wrap="truncate-end">
        {c.items ?? '?'} items · {c.volumes} volume{c.volumes === 1 ? '' : 's'}
        {c.volumeBytes ? ` (${formatBytes(c.volumeBytes)})` : ''} · Namespaces: {safeLine(c.namespaces.join(', ') || 'all')}
      </Text>
      {plan?.warning && <Text color="yellow">⚠ {safeLine(plan.warning)}</Text>}
      {c.kind === 'partial' && <Text dimColor>A partial snapshot holds only the app: it can only be restored partially.</Text>}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>How to restore (↑↓, enter):</Text>
        {plans.map((p, i) => (
          <Text key={p.mode} inverse={i === choice} color={p.refusal ? 'gray' : undefined}>
            {i === choice ? '> ' : '  '}
            {MODE_TITLES[p.mode]}
            {p.refusal ? ' (not possible)' : ''}
          </Text>
        ))}
      </Box>
      {plan && (
        <Box flexDirection="column" marginTop={1}>
          <Text wrap="wrap">{safeLine(explain(plan, profile.slug))}</Text>
          {plan.refusal && <Text color="red" wrap="wrap">✗ {safeLine(plan.refusal)}</Text>}
          {!plan.refusal && blocked && <Text color="yellow">Cannot start now: {safeLine(blocked)}</Text>}
        </Box>
      )}
    </Box>
  );
}
