// Time helpers: Kubernetes timestamps, Go durations (Velero's ttl), name stamps.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** RFC 3339 without fractions, as the apiserver writes metav1.Time. */
export function kubeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addMs(date: Date | string, ms: number): Date {
  return new Date(new Date(date).getTime() + ms);
}

/** `YYYYMMDDhhmmss` (UTC), as in Velero's schedule and restore names. */
export function nameStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: SECOND, m: MINUTE, h: HOUR };

/** Parses a Go duration ("720h0m0s", "1h30m", "90s") into ms; undefined when invalid. */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(trimmed)) !== null) {
    total += Number(m[1]) * (UNITS[m[2]!] ?? 0);
    matched = re.lastIndex;
  }
  return matched > 0 && matched === trimmed.length ? total : undefined;
}

/** ms → Go's canonical form ("720h0m0s"). */
export function formatGoDuration(ms: number): string {
  const totalSeconds = Math.round(ms / SECOND);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Velero's default backup TTL: 30 days. */
export const DEFAULT_TTL = '720h0m0s';
