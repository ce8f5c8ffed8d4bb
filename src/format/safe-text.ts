// Text from the cluster or the bucket (names, annotations, messages, logs) is
// untrusted: strip terminal control sequences so nothing can move the cursor,
// retitle the terminal, add hyperlinks or hide text, and show bidi overrides
// as � so they cannot reorder what the admin reads.
//
// Removed whole: CSI (ESC [ or C1 0x9b) with its parameters, OSC (ESC ] or
// 0x9d) up to BEL or ST, DCS/SOS/PM/APC strings, other two-byte escapes and
// any C1 control. What is left of C0 (BEL, backspace, carriage return, a lone
// ESC...) and DEL becomes �; tabs become two spaces; newlines stay in text.
// Credentials this process holds (secrets.ts) are replaced by [redacted].
import { hideSecrets } from './secrets.js';

// eslint-disable-next-line no-control-regex
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)|\u001b[@-Z\\-_]|[\u0080-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string | undefined): string {
  if (!text) return '';
  return hideSecrets(text).replace(/\r\n/g, '\n').replace(/\t/g, '  ').replace(ANSI, '').replace(CONTROL, '�').replace(BIDI, '�');
}

/** One line: newlines (and Unicode line/paragraph separators) become spaces too. */
export function safeLine(text: string | undefined): string {
  return safeText(text).replace(/[\n\u2028\u2029]/g, ' ');
}


/** Cuts text longer than `max` characters, ending it with "…". */
export function clipText(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : text;
}
