// Schedules exactly as Velero 1.18 reads them: robfig/cron v3 ParseStandard —
// five fields (minute hour day-of-month month day-of-week), the descriptors
// @yearly @annually @monthly @weekly @daily @midnight @hourly @every <go
// duration>, and an optional `CRON_TZ=<zone> ` (or `TZ=`) prefix. Anything
// robfig refuses is refused here with the field and range named, because
// Velero would only report it later as FailedValidation. Next run times come
// from cron-parser, fed the value sets robfig would compute (cron-runs.ts);
// plain words from cronstrue (cron-words.ts).
import { CronExpressionParser } from 'cron-parser';
import { quote } from './quote.js';
import { parseGoDuration } from './retention.js';

export type CronFieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

interface FieldSpec {
  name: CronFieldName;
  min: number;
  max: number;
  names?: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: DAYS },
];
const FIELD_LIST = 'minute hour day-of-month month day-of-week';
/** Longer than any sensible cron line (CRON_TZ=America/Argentina/ComodRivadavia 0,15,30,45 … is under 120). */
const MAX_CRON = 200;

/** Descriptors as the five fields robfig expands them to. */
export const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const DESCRIPTOR_LIST = '@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>';

/** A field's values; `star` is robfig's star bit (it decides AND vs OR of the two day fields). */
export interface FieldSet {
  values: number[];
  star: boolean;
}

export interface ParsedCron {
  /** What to write to spec.schedule: trimmed, runs of spaces collapsed. */
  text: string;
  /** From a CRON_TZ= / TZ= prefix; otherwise Velero uses its server's zone. */
  zone?: string;
  /** The five fields (descriptors expanded); absent for @every. */
  fields?: FieldSet[];
  /** Interval of an `@every` schedule, in ms. */
  everyMs?: number;
}

export type CronCheck = { ok: true; cron: ParsedCron } | { ok: false; error: string; field?: CronFieldName };

export type PresetId = 'hourly' | 'daily' | 'weekly' | 'custom';
export const SCHEDULE_PRESETS: { id: PresetId; label: string; cron?: string }[] = [
  { id: 'hourly', label: 'Hourly', cron: '0 * * * *' },
  { id: 'daily', label: 'Daily', cron: '0 0 * * *' },
  { id: 'weekly', label: 'Weekly', cron: '0 0 * * MON' },
  { id: 'custom', label: 'Custom' },
];

export function normaliseCron(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

export function presetOf(text: string): PresetId {
  const t = normaliseCron(text);
  return SCHEDULE_PRESETS.find((p) => p.cron === t)?.id ?? 'custom';
}

/** Quartz/Jenkins extensions (last, weekday, nth, hashed) that robfig does not know. */
const QUARTZ = /#|^L$|^LW$|^\d+[LW]$|^(sun|mon|tue|wed|thu|fri|sat)L$|^H(\(\d+-\d+\))?$/i;

class FieldError extends Error {
  constructor(
    readonly field: CronFieldName,
    message: string,
  ) {
    super(message);
  }
}

function parseValue(token: string, spec: FieldSpec, item: string): number {
  const where = token === item ? `'${token}'` : `'${token}' in '${item}'`;
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (spec.name === 'day-of-week' && n === 7) {
      throw new FieldError(spec.name, `day-of-week field ${where} is out of range 0-6: Velero counts Sunday as 0 (or SUN), not 7`);
    }
    if (n < spec.min || n > spec.max) throw new FieldError(spec.name, `${spec.name} field ${where} is out of range ${spec.min}-${spec.max}`);
    return n;
  }
  const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (QUARTZ.test(token)) {
    throw new FieldError(spec.name, `${spec.name} field ${where}: L, W, # and H are not supported by Velero's cron parser`);
  }
  const allowed = spec.names ? ` or a name ${spec.names[0]!.toUpperCase()}-${spec.names.at(-1)!.toUpperCase()}` : '';
  throw new FieldError(spec.name, `${spec.name} field ${where} is not a number ${spec.min}-${spec.max}${allowed}`);
}

/** One field, the way robfig's getField/getRange read it. */
function parseField(text: string, spec: FieldSpec): FieldSet {
  const values = new Set<number>();
  let star = false;
  const items = text.split(',').filter(Boolean);
  if (items.length === 0) throw new FieldError(spec.name, `${spec.name} field '${text}' has no values`);
  for (const item of items) {
    const [range = '', stepText, ...extraSlash] = item.split('/');
    if (extraSlash.length) throw new FieldError(spec.name, `${spec.name} field '${item}' has more than one '/'`);
    const bounds = range.split('-');
    if (bounds.length > 2) throw new FieldError(spec.name, `${spec.name} field '${item}' has more than one '-'`);
    let start: number;
    let end: number;
    let itemStar = false;
    if (range === '*' || range === '?') {
      [start, end, itemStar] = [spec.min, spec.max, true];
    } else {
      start = parseValue(bounds[0]!, spec, item);
      end = bounds.length === 2 ? parseValue(bounds[1]!, spec, item) : start;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw new FieldError(spec.name, `${spec.name} field '${item}': step '${stepText}' is not a whole number`);
      step = Number(stepText);
      if (step === 0) throw new FieldError(spec.name, `${spec.name} field '${item}': step must be 1 or more`);
      if (bounds.length === 1) end = spec.max; // robfig: "N/step" means N-max/step
      if (step > 1) itemStar = false;
    }
    if (start > end) throw new FieldError(spec.name, `${spec.name} field '${item}': range start ${start} is after its end ${end}`);
    for (let v = start; v <= end; v += step) values.add(v);
    star ||= itemStar;
  }
  return { values: [...values].sort((a, b) => a - b), star };
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** robfig accepts e.g. "0 0 31 2 *" but it never fires; say so instead. */
function neverRuns(fields: FieldSet[]): string | undefined {
  const [, , dom, month, dow] = fields as [FieldSet, FieldSet, FieldSet, FieldSet, FieldSet];
  if (dom.star || !dow.star) return undefined; // day-of-week alone (or ORed in) always finds a day
  const longest = Math.max(...month.values.map((m) => MONTH_DAYS[m - 1]!));
  if (Math.min(...dom.values) <= longest) return undefined;
  const names = month.values.map((m) => MONTHS[m - 1]!.toUpperCase()).join(',');
  return `day-of-month ${dom.values.join(',')} never occurs in month ${names}: this schedule would never run`;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a schedule the way Velero's schedule controller will; explains the first problem. */
export function checkCron(input: string): CronCheck {
  let text = normaliseCron(input);
  if (!text) return { ok: false, error: `Enter a schedule: 5 fields (${FIELD_LIST}) or ${DESCRIPTOR_LIST}.` };
  const length = [...text].length;
  if (length > MAX_CRON) return { ok: false, error: `Schedule ${quote(text, 40)} is ${length} characters long; a cron line is 5 short fields (${FIELD_LIST}), e.g. 0 3 * * *` };
  const full = text;
  let zone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S*)(?: (.*))?$/.exec(text);
  if (tz) {
    zone = tz[1]!;
    if (!tz[2]) return { ok: false, error: `A schedule must follow the time zone: CRON_TZ=${zone} 0 3 * * *` };
    if (!validZone(zone)) return { ok: false, error: `'${zone}' is not a time zone name (IANA, e.g. America/New_York or UTC)` };
    text = tz[2];
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const arg = text.slice(7);
      const ms = parseGoDuration(arg);
      if (ms === undefined) return { ok: false, error: `'${arg}' is not a duration: use h, m and s, e.g. @every 6h or @every 1h30m` };
      if (ms < 60_000) return { ok: false, error: `@every ${arg} is shorter than a minute; Velero checks schedules once a minute` };
      return { ok: true, cron: { text: full, zone, everyMs: ms } };
    }
    const expanded = DESCRIPTORS[text];
    if (!expanded) return { ok: false, error: `'${text}' is not a schedule Velero knows; use ${DESCRIPTOR_LIST}` };
    return { ok: true, cron: { text: full, zone, fields: parseFields(expanded.split(' ')) } };
  }
  const parts = text.split(' ');
  if (parts.length === 6 || parts.length === 7) {
    const extra = parts.length === 7 ? 'seconds or year' : 'seconds';
    return { ok: false, error: `${parts.length} fields: Velero does not accept a ${extra} field; use 5: ${FIELD_LIST}` };
  }
  if (parts.length !== 5) {
    return { ok: false, error: `Expected 5 fields (${FIELD_LIST}), found ${parts.length}` };
  }
  try {
    const fields = parseFields(parts);
    const never = neverRuns(fields);
    if (never) return { ok: false, error: never, field: 'day-of-month' };
    // Second opinion from cron-parser on the exact sets Velero would use.
    CronExpressionParser.parse(canonical(fields), { tz: zone ?? 'UTC' });
    return { ok: true, cron: { text: full, zone, fields } };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, error: err.message, field: err.field };
    return { ok: false, error: `Not a schedule Velero can run: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parseFields(parts: string[]): FieldSet[] {
  return parts.map((p, i) => parseField(p, FIELDS[i]!));
}

/** The value sets as a plain cron line, '*' where robfig sets its star bit. */
export function canonical(fields: FieldSet[]): string {
  return fields.map((f) => (f.star ? '*' : f.values.join(','))).join(' ');
}
