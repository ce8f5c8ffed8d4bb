// Key bindings are data: the key bar, the help overlay and the input handler
// are all driven by the same list.
import type { Key } from 'ink';

export interface KeyBinding {
  /** Normalised key name: "a", "/", "enter", "esc", "tab", "shift-tab", "up", "ctrl-d", "pgdn"... */
  key: string;
  /** Extra keys that do the same (e.g. "d" besides "enter"). Not shown in the key bar. */
  aliases?: string[];
  label: string;
  /** `typed`: with takesText, the printable keys that came in the same read. */
  run: (typed?: string) => void;
  /**
   * Opens a text field. Keys read together with this one (a paste, tmux
   * send-keys, fast typing) arrive before the field exists: their printable
   * run is passed to `run` as the field's first text, not read as commands.
   */
  takesText?: boolean;
  /** Removes or overwrites something (asks for a typed confirmation); hidden with --readonly. */
  dangerous?: boolean;
  /** Writes to the cluster without a typed confirmation (create, save, pause); hidden with --readonly too. */
  changes?: boolean;
  /** Returns why the action cannot run now; shown instead of running it. */
  disabledReason?: () => string | undefined;
  /** Only in the help overlay, not the key bar (keeps the bar short at 80 columns). */
  helpOnly?: boolean;
}

/** Turns Ink's (input, key) pair into one name such as "ctrl-d" or "enter". */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
  return input;
}

export function matches(binding: KeyBinding, name: string): boolean {
  return binding.key === name || (binding.aliases?.includes(name) ?? false);
}

/** Label for a key in the bar: "ctrl-d" → "^D", "enter" → "⏎". */
export function keyLabel(key: string): string {
  if (key.startsWith('ctrl-')) return `^${key.slice(5).toUpperCase()}`;
  const names: Record<string, string> = { enter: '⏎', esc: 'esc', up: '↑', down: '↓', left: '←', right: '→', tab: 'tab', 'shift-tab': '⇧tab' };
  return names[key] ?? key;
}

/** Bindings a user may see: every action that changes anything vanishes in read-only mode. */
export function visibleBindings(bindings: KeyBinding[], readonly: boolean): KeyBinding[] {
  return readonly ? bindings.filter((b) => !b.dangerous && !b.changes) : bindings;
}

/**
 * Ink delivers a burst of plain keys (held-down `j`, two quick tabs, keys sent
 * by tmux) as one input string; split it so each key acts once.
 */
export function keyNames(input: string, key: Key): string[] {
  const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.escape || key.meta;
  const chars = [...input];
  if (special || chars.length <= 1) return [keyName(input, key)];
  return chars.map(charName);
}

function charName(c: string): string {
  if (c === '\t') return 'tab';
  if (c === '\r' || c === '\n') return 'enter';
  if (c === '\u007f' || c === '\b') return 'backspace';
  const code = c.codePointAt(0) ?? 0;
  if (code > 0 && code < 27) return `ctrl-${String.fromCharCode(code + 96)}`;
  return c;
}
