// When a schedule will run, as instants, and how to show an instant in the
// node's zone and in UTC (the admin compares them with Velero's UTC names).
import { CronExpressionParser } from 'cron-parser';
import { canonical, type FieldSet, type ParsedCron } from './cron.js';

export interface NextRunOptions {
  from: Date;
  count?: number;
  /** The zone Velero's server runs in, used without CRON_TZ (UTC in the Velero image). */
  serverZone?: string;
  /** An @every schedule counts from its last run (status.lastBackup or creation). */
  lastRun?: Date;
}

/** The next `count` runs after `from`, as Velero would start them. */
export function nextRuns(cron: ParsedCron, opts: NextRunOptions): Date[] {
  const count = opts.count ?? 3;
  if (cron.everyMs !== undefined) {
    const first = Math.max((opts.lastRun ?? opts.from).getTime() + cron.everyMs, opts.from.getTime());
    return Array.from({ length: count }, (_, i) => new Date(first + i * cron.everyMs!));
  }
  if (!cron.fields) return [];
  const zone = cron.zone ?? opts.serverZone ?? 'UTC';
  const [minutes, hours] = cron.fields as [FieldSet, FieldSet];
  const expr = CronExpressionParser.parse(canonical(cron.fields), { tz: zone, currentDate: opts.from });
  const runs: Date[] = [];
  // cron-parser moves a time that a DST jump skips to the next hour; robfig
  // (hence Velero) does not run it at all, so drop such shifted times.
  for (let guard = 0; runs.length < count && guard < count * 4 && expr.hasNext(); guard++) {
    const date = expr.next().toDate();
    const wall = wallClock(date, zone);
    if (hours.values.includes(wall.hour) && minutes.values.includes(wall.minute)) runs.push(date);
  }
  return runs;
}

interface Wall {
  date: string;
  hour: number;
  minute: number;
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(date: Date, zone: string | undefined): Wall {
  const timeZone = zone ?? localZone();
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    zoneName: get('timeZoneName'),
  };
}

/** "2026-03-08 03:00 EDT" in `zone` (default: this machine's zone); "… UTC" for UTC. */
export function formatZoned(date: Date, zone?: string): string {
  const w = wallClock(date, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.date} ${pad(w.hour)}:${pad(w.minute)} ${w.zoneName === 'GMT' && zone === 'UTC' ? 'UTC' : w.zoneName}`;
}

/**
 * The UTC side of a run time shown in this machine's zone: "00:00 UTC", with
 * the date when it differs from the local one; undefined where the machine
 * runs in UTC (the local time already is UTC).
 */
export function utcSide(date: Date): string | undefined {
  const zone = localZone();
  if (zone === 'UTC' || zone === 'Etc/UTC') return undefined;
  const local = formatZoned(date);
  const utc = formatZoned(date, 'UTC');
  return local.slice(0, 10) === utc.slice(0, 10) ? utc.slice(11) : utc;
}

/** This machine's time zone name, e.g. "Europe/Berlin". */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
