// Human forms of sizes, durations and ages.

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** 0:42, 3m 05s, 1h 02m, 3d 4h. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "5m ago", "in 3d" relative to now. */
export function formatAge(iso: string | undefined, now: Date): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const diff = now.getTime() - t;
  const text = formatDuration(Math.abs(diff)).split(' ')[0] ?? '';
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** Local "2026-11-29 08:36" (the node's time zone), or UTC with a Z. */
export function formatTimestamp(iso: string | undefined, opts: { utc?: boolean } = {}): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (opts.utc) {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Estimated time left from progress so far; undefined until there is a rate. */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | undefined {
  if (done <= 0 || total <= 0 || elapsedMs <= 0 || done >= total) return undefined;
  return ((total - done) * elapsedMs) / done;
}
