import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { keyLabel, keyName, keyNames, visibleBindings, type KeyBinding } from '../../../src/components/keys.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false,
} as Key;

describe('key names', () => {
  it('names special keys and ctrl combinations', () => {
    expect(keyName('', { ...none, upArrow: true })).toBe('up');
    expect(keyName('', { ...none, tab: true, shift: true })).toBe('shift-tab');
    expect(keyName('d', { ...none, ctrl: true })).toBe('ctrl-d');
    expect(keyName('/', none)).toBe('/');
  });

  it('splits a burst of plain keys into single keys', () => {
    expect(keyNames('jjk', none)).toEqual(['j', 'j', 'k']);
    expect(keyNames('\t\t', none)).toEqual(['tab', 'tab']);
    expect(keyNames('a\r', none)).toEqual(['a', 'enter']);
    expect(keyNames('d', { ...none, ctrl: true })).toEqual(['ctrl-d']);
    expect(keyNames('', { ...none, downArrow: true })).toEqual(['down']);
  });

  it('labels keys for the bar', () => {
    expect(keyLabel('ctrl-d')).toBe('^D');
    expect(keyLabel('enter')).toBe('⏎');
  });

  it('hides dangerous and changing bindings in read-only mode', () => {
    const b: KeyBinding[] = [
      { key: 'n', label: 'new', run: () => undefined, dangerous: true },
      { key: 's', label: 'save', run: () => undefined, changes: true },
      { key: 'd', label: 'details', run: () => undefined },
    ];
    expect(visibleBindings(b, true).map((x) => x.key)).toEqual(['d']);
    expect(visibleBindings(b, false)).toHaveLength(3);
  });
});
