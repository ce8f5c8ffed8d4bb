// Small helpers: summaries of samples, /proc readers, sleeping, quoting.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** min / median / max (and n) of numbers, rounded to 0.1. */
export function summary(samples) {
  const xs = samples.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0, min: null, median: null, max: null };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  const r = (x) => Math.round(x * 10) / 10;
  return { n: xs.length, min: r(xs[0]), median: r(median), max: r(xs.at(-1)), p90: r(xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]) };
}

/** Ratios a[i]/b[i] of samples taken in the same iteration. */
export function pairRatios(a, b) {
  const out = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] != null && b[i]) out.push(Math.round((a[i] / b[i]) * 100) / 100);
  return out;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kernel clock ticks per second (for /proc/<pid>/stat). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime+stime of a process in milliseconds. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 102.4) / 10, hwm: Math.round(kb('VmHWM') / 102.4) / 10 };
}

/** The one child process of `pid` (script's child, which exec'ed the program). */
export function childPid(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : undefined;
  } catch {
    return undefined;
  }
}

export function loadAvg() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

export function shq(s) {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`;
}

export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
