import { describe, expect, it } from 'vitest';
import { clipText, safeLine, safeText } from '../../../src/format/safe-text.js';

describe('safeText neutralises terminal control sequences', () => {
  it.each([
    ['colour codes', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['cursor movement', 'x\u001b[2J\u001b[Hy', 'xy'],
    ['window title (OSC)', 'a\u001b]0;pwned\u0007b', 'ab'],
    ['OSC with ST', 'a\u001b]8;;http://x\u001b\\b', 'ab'],
    ['C1 control sequence', 'a\u009b31mb', 'ab'],
    ['backspace hiding text', 'secret\b\b\b\b\b\bpublic', 'secret������public'],
    ['carriage return overwrite', 'evil\rgood', 'evil�good'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('keeps newlines in text and flattens them in lines', () => {
    expect(safeText('a\nb')).toBe('a\nb');
    expect(safeLine('a\nb\r\nc')).toBe('a b c');
  });

  it('keeps Unicode text', () => {
    expect(safeText('snapshot-日本語-✓')).toBe('snapshot-日本語-✓');
  });
});

describe('clipText', () => {
  it('keeps short text and cuts long text with an ellipsis, by characters', () => {
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('日本語テキスト', 4)).toBe('日本語…');
  });
});
