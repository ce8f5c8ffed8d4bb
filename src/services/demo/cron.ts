// Velero parses schedules with robfig/cron's standard parser: five fields,
// the @-descriptors, "@every <duration>" and an optional CRON_TZ=/TZ= prefix.
// Field syntax is checked with cron-parser (the same library the UI uses).
import { CronExpressionParser } from 'cron-parser';
import { parseGoDuration } from './time.js';

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Velero's validationErrors for a Schedule's `spec.schedule` ([] when valid). */
export function cronErrors(expression: string): string[] {
  let spec = expression.trim();
  if (!spec) return ['Schedule must be a non-empty valid Cron expression'];
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(spec);
  if (tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz[1] });
    } catch {
      return [`invalid schedule: provided bad location ${tz[1]}: unknown time zone ${tz[1]}`];
    }
    spec = spec.slice(tz[0].length);
  }
  if (spec.startsWith('@every ')) {
    const text = spec.slice('@every '.length).trim();
    return parseGoDuration(text) !== undefined ? [] : [`invalid schedule: failed to parse duration ${spec}: time: invalid duration "${text}"`];
  }
  if (spec.startsWith('@')) return DESCRIPTORS.includes(spec) ? [] : [`invalid schedule: unrecognized descriptor: ${spec}`];
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return [`invalid schedule: expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`];
  try {
    CronExpressionParser.parse(spec);
    return [];
  } catch (err) {
    return [`invalid schedule: ${err instanceof Error ? err.message : String(err)}`];
  }
}
