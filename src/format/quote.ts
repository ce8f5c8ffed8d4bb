// Naming a bad value in a message: quoted, short enough to read, with
// invisible and lookalike characters made visible. A 10,000-character paste
// is shown by its start and its length; an escape sequence as \u001b[2J; a
// Cyrillic "а" in a Latin word is named by its code point.

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]/g;

const INVISIBLE_ONE = new RegExp(INVISIBLE.source);

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The value between double quotes, at most `max` characters of it, control and invisible characters escaped. */
export function quote(value: string, max = 60): string {
  const chars = [...value];
  const shown = chars.length > max ? chars.slice(0, max).join('') : value;
  const visible = shown.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return chars.length > max ? `"${visible}…" (${chars.length} characters)` : `"${visible}"`;
}

/** One offending character: `"B"`, or `"а" (U+0430)` when it is not plain ASCII, `U+001B` when it cannot be shown. */
export function quoteChar(c: string): string {
  if (c === ' ') return 'a space';
  if (/^[\x21-\x7e]$/.test(c)) return `"${c}"`;
  if (INVISIBLE_ONE.test(c)) return codePoint(c);
  return `"${c}" (${codePoint(c)})`;
}
