// Pure parts of the log viewer: splitting untrusted text into safe lines,
// telling error and warning lines apart, searching, and scroll limits.
import type { Tone } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';

export interface ViewerLine {
  text: string;
  tone?: Tone | 'heading';
}

/** Velero writes logrus lines (`level=error msg=...`); other text falls back to keywords. */
export function classifyLogLine(line: string): ViewerLine['tone'] {
  const level = /\blevel=("?)(\w+)\1/.exec(line)?.[2]?.toLowerCase();
  if (level) {
    if (level === 'error' || level === 'fatal' || level === 'panic') return 'error';
    if (level === 'warning' || level === 'warn') return 'warn';
    if (level === 'debug' || level === 'trace') return 'muted';
    return undefined;
  }
  if (/\b(error|fatal|panic|failed)\b/i.test(line)) return 'error';
  if (/\bwarn(ing)?\b/i.test(line)) return 'warn';
  return undefined;
}

const FIELD = /([\w.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;

/**
 * A logrus line (`time="…" level=info msg="…" k=v`) as `04:06:12 INFO  msg  k=v`,
 * without the fields in `drop` (the same on every line of one log). Lines that
 * are not logrus are returned unchanged.
 */
export function compactLogrus(line: string, drop: readonly string[] = []): string {
  const fields: [string, string][] = [];
  for (const m of line.matchAll(FIELD)) {
    const value = m[2] ?? '';
    fields.push([m[1] ?? '', value.startsWith('"') ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value]);
  }
  const get = (k: string) => fields.find(([key]) => key === k)?.[1];
  const level = get('level');
  const msg = get('msg');
  if (level === undefined || msg === undefined) return line;
  const time = /T(\d\d:\d\d:\d\d)/.exec(get('time') ?? '')?.[1] ?? '';
  const rest = fields
    .filter(([k, v]) => !['time', 'level', 'msg', ...drop].includes(k) && v !== '')
    .map(([k, v]) => `${k}=${/\s/.test(v) ? JSON.stringify(v) : v}`);
  const shown = level === 'warning' ? 'WARN' : level.toUpperCase();
  return [time, shown.padEnd(5), msg, ...rest].filter(Boolean).join(' ');
}

export interface LogLineOptions {
  /** Show logrus lines compactly (see compactLogrus). */
  compact?: boolean;
  /** Fields to leave out of compact lines, e.g. ["backup", "logSource"]. */
  drop?: readonly string[];
}

/** Log text (from the bucket, untrusted) → safe, classified lines; no trailing empty line. */
export function logLines(text: string, opts: LogLineOptions = {}): ViewerLine[] {
  const raw = text.split(/\r?\n/);
  if (raw.length && raw[raw.length - 1] === '') raw.pop();
  return raw.map((line) => {
    const safe = safeLine(line);
    const tone = classifyLogLine(safe);
    const shown = opts.compact ? compactLogrus(safe, opts.drop) : safe;
    return tone ? { text: shown, tone } : { text: shown };
  });
}

/**
 * A line cut into rows of at most `width` characters, at a space when one is
 * in the second half of the row, else mid-word. Done here rather than by Ink
 * so the pane knows exactly how many rows each line takes.
 */
export function chunks(text: string, width: number): string[] {
  const chars = [...text];
  if (width <= 0 || chars.length <= width) return [text];
  const out: string[] = [];
  let start = 0;
  while (chars.length - start > width) {
    let cut = start + width;
    for (let i = cut; i > start + width / 2; i--) {
      if (chars[i] === ' ') {
        cut = i;
        break;
      }
    }
    out.push(chars.slice(start, cut).join(''));
    start = chars[cut] === ' ' ? cut + 1 : cut;
  }
  out.push(chars.slice(start).join(''));
  return out;
}

/** The first line to show so that `target` sits about a third down the pane. */
export function topFor(lines: readonly ViewerLine[], target: number, height: number, width: number, wrap: boolean): number {
  let rows = rowsOf(lines[target] ?? { text: '' }, width, wrap);
  let top = target;
  const room = Math.floor(height / 3);
  while (top > 0 && rows + rowsOf(lines[top - 1] as ViewerLine, width, wrap) <= room) {
    top--;
    rows += rowsOf(lines[top] as ViewerLine, width, wrap);
  }
  return top;
}

/** Indices of lines containing `query` (case-insensitive). */
export function findMatches(lines: readonly ViewerLine[], query: string): number[] {
  const q = query.toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.text.toLowerCase().includes(q)) out.push(i);
  });
  return out;
}

export function linesWithTone(lines: readonly ViewerLine[], tone: ViewerLine['tone']): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.tone === tone) out.push(i);
  });
  return out;
}

/** The next (dir 1) or previous (dir -1) index after `from`, wrapping around; undefined if none. */
export function nextIndex(indices: readonly number[], from: number, dir: 1 | -1): number | undefined {
  if (!indices.length) return undefined;
  if (dir === 1) return indices.find((i) => i > from) ?? indices[0];
  for (let k = indices.length - 1; k >= 0; k--) if ((indices[k] as number) < from) return indices[k];
  return indices[indices.length - 1];
}

/** Screen rows a line takes at this width. */
export function rowsOf(line: ViewerLine, width: number, wrap: boolean): number {
  if (!wrap || width <= 0 || line.text.length <= width) return 1;
  return chunks(line.text, width).length;
}

/** The largest first line that still fills the pane (so the end is reachable but not scrolled past). */
export function maxTop(lines: readonly ViewerLine[], height: number, width: number, wrap: boolean): number {
  let rows = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    rows += rowsOf(lines[i] as ViewerLine, width, wrap);
    if (rows > height) return Math.min(lines.length - 1, i + 1);
  }
  return 0;
}

/** Splits text around case-insensitive matches of `query`, for highlighting. */
export function splitMatches(text: string, query: string): { text: string; match: boolean }[] {
  if (!query) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const parts: { text: string; match: boolean }[] = [];
  let pos = 0;
  for (let at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + q.length)) {
    if (at > pos) parts.push({ text: text.slice(pos, at), match: false });
    parts.push({ text: text.slice(at, at + q.length), match: true });
    pos = at + q.length;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), match: false });
  return parts;
}
