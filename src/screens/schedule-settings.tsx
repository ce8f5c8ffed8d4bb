// The settings form of one snapshot kind: on/off, schedule (preset or cron),
// retention. Presentational: the screen owns focus, drafts and keys.
import { Box, Text } from 'ink';
import { FieldError } from '../components/field-error.js';
import { FormField, LABEL_WIDTH } from '../components/form-field.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { SCHEDULE_PRESETS } from '../format/cron.js';
import { describeCron } from '../format/cron-words.js';
import { parseRetentionValue, retentionToTtl } from '../format/retention.js';
import type { SnapshotKind } from '../services/profile.js';
import type { DraftCheck, DraftField, ScheduleDraft } from '../state/schedule-form.js';
import { draftPreset, unitChoices } from '../state/schedule-form.js';

export type Focus = 'kind' | DraftField;

export const KIND_LABEL: Record<SnapshotKind, string> = {
  full: 'Full snapshots (instance)',
  partial: 'Partial snapshots (application)',
};

const PRESET_OPTIONS = SCHEDULE_PRESETS.map((p) => ({ value: p.id, label: p.label }));

export function KindTabs({ kind, focused, dirty }: { kind: SnapshotKind; focused: boolean; dirty: Partial<Record<SnapshotKind, boolean>> }) {
  return (
    <Box>
      <Text color={focused ? 'cyan' : undefined} bold={focused}>
        {focused ? '› ' : '  '}
      </Text>
      {(['full', 'partial'] as const).map((k) => (
        <Text key={k} inverse={k === kind} bold={k === kind} color={k === kind && focused ? 'cyan' : undefined}>
          {` ${KIND_LABEL[k]}${dirty[k] ? ' *' : ''} `}
        </Text>
      ))}
    </Box>
  );
}

export interface SettingsProps {
  kind: SnapshotKind;
  draft: ScheduleDraft;
  check: DraftCheck;
  focus: Focus;
  /** Inactive while a confirmation is open, so its input gets the keys. */
  active: boolean;
  onCron: (text: string) => void;
  onRetention: (text: string) => void;
  width: number;
}

export function ScheduleSettingsForm({ kind, draft, check, focus, active, onCron, onRetention, width }: SettingsProps) {
  const cronNote = check.errors.cron ? undefined : check.cron ? describeCron(check.cron) + zoneNote(check.cron.zone) : undefined;
  const units = unitChoices(draft.unit).map((u) => ({ value: u, label: u }));
  const value = parseRetentionValue(draft.retentionValue, draft.unit);
  const ttl = 'value' in value ? retentionToTtl({ value: value.value, unit: draft.unit }) : '';
  const retentionFocused = focus === 'retention' || focus === 'unit';
  return (
    <Box flexDirection="column" width={width}>
      <FormField label="Automatic" focused={focus === 'enabled'}>
        <Text color={draft.enabled ? 'green' : 'yellow'}>
          {draft.enabled ? '[x]' : '[ ]'} {draft.enabled ? `scheduled ${kind} snapshots on` : 'off (settings are kept)'}
        </Text>
      </FormField>
      <FormField label="Schedule" focused={focus === 'preset'}>
        <SelectField options={PRESET_OPTIONS} value={draftPreset(draft)} focused={focus === 'preset'} />
      </FormField>
      <FormField label="Cron" focused={focus === 'cron'} error={check.errors.cron} note={cronNote}>
        <TextField value={draft.cron} onChange={onCron} focused={active && focus === 'cron'} width={width - LABEL_WIDTH} placeholder="0 0 * * MON" />
      </FormField>
      <Box>
        <Text color={retentionFocused ? 'cyan' : undefined} bold={retentionFocused}>
          {retentionFocused ? '› ' : '  '}
          {'Retention'.padEnd(LABEL_WIDTH - 2)}
        </Text>
        <Box width={7}>
          <TextField value={draft.retentionValue} onChange={onRetention} focused={active && focus === 'retention'} width={7} />
        </Box>
        <SelectField options={units} value={draft.unit} focused={focus === 'unit'} />
      </Box>
      <Box paddingLeft={LABEL_WIDTH} flexDirection="column">
        {check.errors.retention ? (
          <FieldError text={check.errors.retention} />
        ) : (
          <Text dimColor>
            ttl {ttl} · affects only snapshots taken after saving
          </Text>
        )}
      </Box>
    </Box>
  );
}

function zoneNote(zone: string | undefined): string {
  return zone ? ` (${zone} time)` : ' (Velero server time, UTC)';
}
