// The schedule form as plain data: what the admin has typed, checked field by
// field, turned into ScheduleSettings only when everything is valid. Shared by
// the screen and the command mode (`schedule set`).
import { checkCron, presetOf, SCHEDULE_PRESETS, type ParsedCron, type PresetId } from '../format/cron.js';
import { FORM_UNITS, parseRetentionValue, type RetentionUnit } from '../format/retention.js';
import type { ScheduleSettings } from './schedule-model.js';

export interface ScheduleDraft {
  enabled: boolean;
  cron: string;
  retentionValue: string;
  unit: RetentionUnit;
  /** Custom was picked explicitly (the text may still equal a preset). */
  custom?: boolean;
}

/** Fields in screen order; `preset` and `cron` both edit the schedule. */
export type DraftField = 'enabled' | 'preset' | 'cron' | 'retention' | 'unit';
export const DRAFT_FIELDS: DraftField[] = ['enabled', 'preset', 'cron', 'retention', 'unit'];

export interface DraftCheck {
  errors: Partial<Record<DraftField, string>>;
  /** Set only when nothing is wrong. */
  settings?: ScheduleSettings;
  cron?: ParsedCron;
}

export function draftOf(settings: ScheduleSettings): ScheduleDraft {
  return {
    enabled: settings.enabled,
    cron: settings.cron,
    retentionValue: String(settings.retention.value),
    unit: settings.retention.unit,
  };
}

export function checkDraft(draft: ScheduleDraft): DraftCheck {
  const errors: DraftCheck['errors'] = {};
  const cron = checkCron(draft.cron);
  if (!cron.ok) errors.cron = cron.error;
  const retention = parseRetentionValue(draft.retentionValue, draft.unit);
  if ('error' in retention) errors.retention = retention.error;
  if (!cron.ok || 'error' in retention) return { errors };
  return {
    errors,
    cron: cron.cron,
    settings: { enabled: draft.enabled, cron: cron.cron.text, retention: { value: retention.value, unit: draft.unit } },
  };
}

export function firstInvalid(errors: DraftCheck['errors']): DraftField | undefined {
  return DRAFT_FIELDS.find((f) => errors[f]);
}

export function draftPreset(draft: ScheduleDraft): PresetId {
  return draft.custom ? 'custom' : presetOf(draft.cron);
}

/** Picks a preset: its cron replaces the text; Custom keeps the text for editing. */
export function withPreset(draft: ScheduleDraft, preset: PresetId): ScheduleDraft {
  const cron = SCHEDULE_PRESETS.find((p) => p.id === preset)?.cron;
  return cron ? { ...draft, cron, custom: false } : { ...draft, custom: true };
}

export function cyclePreset(draft: ScheduleDraft, step: 1 | -1): { draft: ScheduleDraft; preset: PresetId } {
  const ids = SCHEDULE_PRESETS.map((p) => p.id);
  const i = ids.indexOf(draftPreset(draft));
  const preset = ids[(i + step + ids.length) % ids.length]!;
  return { draft: withPreset(draft, preset), preset };
}

/** Units to cycle through; `hours` only while a TTL from another tool needs it. */
export function unitChoices(unit: RetentionUnit): RetentionUnit[] {
  return unit === 'hours' ? ['hours', ...FORM_UNITS] : FORM_UNITS;
}

export function cycleUnit(draft: ScheduleDraft, step: 1 | -1): ScheduleDraft {
  const units = unitChoices(draft.unit);
  const i = units.indexOf(draft.unit);
  return { ...draft, unit: units[(i + step + units.length) % units.length]! };
}
