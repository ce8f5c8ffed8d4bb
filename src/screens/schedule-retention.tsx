// Confirmation for applying the saved retention to existing snapshots: which
// ones would expire sooner (and which are then already past expiry, so
// Velero's garbage collection deletes them within the hour), which later.
import { Box, Text } from 'ink';
import { ConfirmTyped } from '../components/confirm-typed.js';
import { formatZoned } from '../format/cron-runs.js';
import { describeTtl } from '../format/retention.js';
import { safeLine } from '../format/safe-text.js';
import type { SnapshotKind } from '../services/profile.js';
import type { ExpiryChange, RetentionImpact } from '../state/schedule-retention.js';

export interface RetentionConfirmProps {
  kind: SnapshotKind;
  impact: RetentionImpact;
  /** Rows available for the lists. */
  rows: number;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RetentionConfirm({ kind, impact, rows, onConfirm, onCancel }: RetentionConfirmProps) {
  const due = impact.sooner.filter((c) => c.pastDue);
  const sooner = impact.sooner.filter((c) => !c.pastDue);
  // Deletions first: they matter most. Each list gets a share of the rows.
  const room = Math.max(3, rows - 10);
  const dueRoom = Math.min(due.length, Math.max(1, Math.ceil(room / 2)));
  const soonerRoom = Math.min(sooner.length, Math.max(1, room - dueRoom - 1));
  const laterRoom = Math.max(0, room - dueRoom - soonerRoom);
  return (
    <ConfirmTyped
      title={`Apply retention ${describeTtl(impact.ttl)} to existing ${kind} snapshots?`}
      expected={kind}
      what="the snapshot kind"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <Text>Each snapshot will then expire {describeTtl(impact.ttl)} after it was taken (its status.expiration is rewritten).</Text>
      <List
        title={`${due.length} already past the new expiry — Velero deletes ${due.length === 1 ? 'it' : 'them'} within the hour:`}
        color="red"
        items={due}
        max={dueRoom}
      />
      <List title={`${sooner.length} will expire sooner:`} color="yellow" items={sooner} max={soonerRoom} />
      <List title={`${impact.later.length} will be kept longer:`} color="green" items={impact.later} max={laterRoom} />
      {(impact.unchanged > 0 || impact.skipped.length > 0) && (
        <Text dimColor wrap="truncate-end">
          {impact.unchanged} unchanged
          {impact.skipped.length > 0 ? `; left alone: ${impact.skipped.map((s) => `${safeLine(s.name)} (${s.reason})`).join(', ')}` : ''}
        </Text>
      )}
    </ConfirmTyped>
  );
}

function List({ title, color, items, max }: { title: string; color: string; items: ExpiryChange[]; max: number }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, max);
  return (
    <Box flexDirection="column">
      <Text color={color} bold>
        {title}
      </Text>
      {shown.map((c) => (
        <Text key={c.name} wrap="truncate-end">
          {'  '}
          {safeLine(c.name)} <Text dimColor>{c.current ? formatZoned(new Date(c.current)) : 'never'}</Text> → {formatZoned(new Date(c.next))}
        </Text>
      ))}
      {items.length > shown.length && <Text dimColor>  … and {items.length - shown.length} more</Text>}
    </Box>
  );
}
