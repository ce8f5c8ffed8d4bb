// Hostile text from the cluster or the bucket: whatever an annotation, a
// failure reason or a log line holds, safeText/safeLine output can neither
// drive the terminal (no ESC, C1, BEL, backspace, CR, DEL) nor reorder what
// the admin reads (no bidi embeddings, overrides or isolates).
import { describe, expect, it } from 'vitest';
import { safeLine, safeText } from '../../src/format/safe-text.js';

/** Anything a terminal would act on, or that reorders text; \n is allowed in safeText output. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeText removes whole sequences, not just the ESC', () => {
  it.each([
    ['CSI cursor up and erase line', 'ok\u001b[1A\u001b[2Kfake', 'okfake'],
    ['CSI with intermediate bytes', 'a\u001b[1 qb', 'ab'],
    ['CSI private mode (hide cursor, alt screen)', 'a\u001b[?25l\u001b[?1049hb', 'ab'],
    ['OSC window title ended by BEL', 'a\u001b]0;pwned\u0007b', 'ab'],
    ['OSC 8 hyperlink around text', '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007', 'click'],
    ['OSC 52 clipboard write', 'a\u001b]52;c;ZXZpbA==\u0007b', 'ab'],
    ['C1 CSI', 'a\u009b2Jb', 'ab'],
    ['C1 OSC ended by C1 ST', 'a\u009d0;title\u009cb', 'ab'],
    ['DCS string', 'a\u001bP1$r0m\u001b\\b', 'ab'],
    ['C1 DCS string', 'a\u00901$r\u009cb', 'ab'],
    ['APC string', 'a\u001b_payload\u001b\\b', 'ab'],
    ['two-byte escape (RIS reset)', 'a\u001bcb', 'a�cb'],
    ['save/restore cursor (ESC 7/8)', 'a\u001b7b\u001b8c', 'a�7b�8c'],
    ['lone ESC at the end', 'abc\u001b', 'abc�'],
    ['unterminated CSI', 'a\u001b[31', 'a�[31'],
    ['unterminated OSC', 'a\u001b]0;pwned', 'a0;pwned'],
    ['BEL', 'ding\u0007', 'ding�'],
    ['DEL', 'a\u007fb', 'a�b'],
    ['NUL', 'a\u0000b', 'a�b'],
    ['vertical tab and form feed', 'a\u000bb\u000cc', 'a�b�c'],
    ['right-to-left override', 'invoice-\u202eexe.pdf', 'invoice-�exe.pdf'],
    ['every bidi embedding, override and isolate', '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069x', '���������x'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('an escape split by another escape does not reassemble', () => {
    const out = safeText('\u001b\u001b[31m[2J');
    expect(out).toBe('�[2J');
    expect(out).not.toMatch(UNSAFE);
  });

  it('keeps ordinary Unicode: accents, CJK, emoji, right-to-left letters, marks', () => {
    const text = 'café 日本語 ✓ 🙂 שלום مرحبا \u200e\u200f';
    expect(safeText(text)).toBe(text);
  });

  it('safeLine also flattens CR LF, LF and Unicode line/paragraph separators', () => {
    expect(safeLine('a\r\nb\nc\u2028d\u2029e')).toBe('a b c d e');
  });

  it('handles undefined, empty and very long input', () => {
    expect(safeText(undefined)).toBe('');
    expect(safeLine('')).toBe('');
    const long = '\u001b[31m'.repeat(20_000) + 'x'.repeat(100_000);
    const started = Date.now();
    expect(safeText(long)).toBe('x'.repeat(100_000));
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('no input leaves anything a terminal would act on', () => {
  // Every code point below U+00A0, the bidi controls, and combinations that
  // try to hide a sequence inside another.
  const singles = [...Array(0xa0).keys()].map((c) => String.fromCharCode(c));
  const bidi = [...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'];
  const pieces = [...singles, ...bidi, '\u001b[', '\u001b]', '\u001bP', '\u001b\\', '\u009b', '\u009d', '\u009c', '[', ']', ';', '0', 'm', 'J', '\u0007'];

  it('for every single character and every pair of pieces', () => {
    const bad: string[] = [];
    for (const a of pieces) {
      for (const b of [...pieces, '']) {
        if (UNSAFE.test(safeLine(a + b)) || UNSAFE.test(safeText(`x${a}${b}y`).replace(/\n/g, ''))) bad.push(JSON.stringify(a + b));
      }
    }
    expect(bad).toEqual([]);
  });

  it('for random mixes (seeded)', () => {
    let seed = 0x5eed;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let j = next() % 24; j > 0; j--) s += pieces[next() % pieces.length];
      if (UNSAFE.test(safeLine(s))) bad.push(JSON.stringify(s));
    }
    expect(bad).toEqual([]);
  });
});
