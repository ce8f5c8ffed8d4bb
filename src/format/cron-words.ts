// A schedule in plain words, e.g. "At 00:00, only on Monday" (cronstrue),
// including robfig's descriptors and @every intervals.
import cronstrue from 'cronstrue';
import { DESCRIPTORS, type ParsedCron } from './cron.js';

/** The schedule in plain words, e.g. "At 00:00, only on Monday". */
export function describeCron(cron: ParsedCron): string {
  const body = cron.zone ? cron.text.slice(cron.text.indexOf(' ') + 1) : cron.text;
  if (cron.everyMs !== undefined) return `Every ${interval(cron.everyMs)}, counted from the previous run`;
  // cronstrue does not read robfig's '?' (= '*').
  const words = DESCRIPTORS[body] ?? body.replace(/\?/g, '*');
  try {
    return cronstrue.toString(words, { use24HourTimeFormat: true, dayOfWeekStartIndexZero: true });
  } catch {
    return words;
  }
}

/** 21600000 → "6 hours", 5400000 → "1 hour 30 minutes". */
function interval(ms: number): string {
  const s = Math.round(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(s / 3600), 'hour'],
    [Math.floor((s % 3600) / 60), 'minute'],
    [s % 60, 'second'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}
