// Retention as the admin console shows it (value + unit) and as Velero stores
// it (a Go duration in a Backup's or Schedule template's `ttl`).
import { quote } from './quote.js';

export type RetentionUnit = 'hours' | 'days' | 'weeks' | 'months' | 'years';

/** The admin console's units, in hours; a month is 30 days, a year 365.25 days. */
export const UNIT_HOURS: Record<RetentionUnit, number> = { hours: 1, days: 24, weeks: 168, months: 720, years: 8766 };

/** Units offered in the form; `hours` only appears for TTLs written by other tools. */
export const FORM_UNITS: RetentionUnit[] = ['days', 'weeks', 'months', 'years'];

export interface Retention {
  value: number;
  unit: RetentionUnit;
}

export const DEFAULT_RETENTION: Retention = { value: 1, unit: 'months' };
/** Velero's own default when a Backup has no ttl. */
export const VELERO_DEFAULT_TTL = '720h0m0s';

const MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds; undefined when Go would refuse the text. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)(.*)$/.exec(text);
  const body = match?.[2] ?? '';
  if (body === '0') return 0;
  if (body === '') return undefined;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < body.length) {
    part.lastIndex = pos;
    const m = part.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * MS[m[2]!]!;
    pos = part.lastIndex;
  }
  return match?.[1] === '-' ? -total : total;
}

/** Go's Duration.String() for whole seconds: 720h0m0s, 2h30m0s, 1m30s, 45s. */
export function goDurationString(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export function retentionMs(r: Retention): number {
  return r.value * UNIT_HOURS[r.unit] * 3_600_000;
}

/** The template/backup `ttl`: 1 month → `720h0m0s`. */
export function retentionToTtl(r: Retention): string {
  return goDurationString(retentionMs(r));
}

/**
 * A TTL written by anyone, in the largest unit that fits exactly
 * (`720h0m0s` → 1 month, `336h` → 2 weeks); otherwise hours, possibly
 * fractional (`2h30m` → 2.5 hours). Undefined when it is not a Go duration.
 */
export function ttlToRetention(ttl: string | undefined): Retention | undefined {
  if (!ttl) return undefined;
  const ms = parseGoDuration(ttl.trim());
  if (ms === undefined || ms <= 0) return undefined;
  const hours = ms / 3_600_000;
  for (const unit of ['years', 'months', 'weeks', 'days'] as const) {
    const value = hours / UNIT_HOURS[unit];
    if (Number.isInteger(value)) return { value, unit };
  }
  return { value: Math.round(hours * 3600) / 3600, unit: 'hours' };
}

/** "1 month", "2 weeks", "2.5 hours". */
export function describeRetention(r: Retention): string {
  const singular = r.unit.slice(0, -1);
  const value = Number.isInteger(r.value) ? String(r.value) : String(Number(r.value.toFixed(4)));
  return `${value} ${r.value === 1 ? singular : r.unit}`;
}

/** A TTL in words, falling back to the raw text when it cannot be read. */
export function describeTtl(ttl: string | undefined): string {
  if (!ttl) return `${describeRetention(DEFAULT_RETENTION)} (Velero default)`;
  const r = ttlToRetention(ttl);
  return r ? describeRetention(r) : ttl;
}

/** Checks what the admin typed as the retention value; returns the number or why it is refused. */
export function parseRetentionValue(text: string, unit: RetentionUnit): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Enter how many ' + unit + ' to keep snapshots.' };
  if (/^-\d+(\.\d+)?$/.test(t)) return { error: `${quote(t)} is negative; enter a positive number such as 2.` };
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: `${quote(t)} is not a number; enter a positive number such as 2.` };
  const value = Number(t);
  if (value <= 0) return { error: 'Retention must be more than 0: Velero would use its 30-day default instead.' };
  const hours = value * UNIT_HOURS[unit];
  if (hours < 1) return { error: 'Retention must be at least 1 hour.' };
  // Go durations overflow at about 292 years; stay far below that.
  if (hours > 100 * UNIT_HOURS.years) return { error: 'Retention longer than 100 years is not supported.' };
  return { value };
}
