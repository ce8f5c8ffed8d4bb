// A one-line text input for forms. Unlike ink-text-input it ignores ctrl/meta
// combinations, tab, arrows up/down, enter and esc (the form's key bindings
// own those), strips control characters from pasted text, scrolls long values
// and can mask what it shows. Edits are applied to a ref first so keys that
// arrive faster than React renders are not lost. Every field listens; only the
// focused one acts.
import { Text, useInput } from 'ink';
import { useReducer, useRef } from 'react';

/** `secret`: every character is a bullet. `key-id`: bullets but the last 4 (at most half). */
export type MaskKind = 'secret' | 'key-id';

export interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  focused: boolean;
  mask?: MaskKind;
  placeholder?: string;
  /** Visible cells; longer values scroll around the cursor. */
  width?: number;
}

export function maskText(value: string, mask: MaskKind | undefined): string {
  if (!mask) return value;
  const chars = [...value];
  if (mask === 'secret') return '•'.repeat(chars.length);
  const shown = Math.min(4, Math.floor(chars.length / 2));
  return '•'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function TextField({ value, onChange, focused, mask, placeholder, width = 48 }: TextFieldProps) {
  const edit = useRef({ value, cursor: value.length });
  // Focus is read from a ref set while rendering: a key that arrives before React
  // re-subscribed the input handlers still goes to the field that shows focus.
  const hasFocus = useRef(focused);
  hasFocus.current = focused;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The parent replaced the value (prefill, reset): put the cursor at its end.
  if (edit.current.value !== value) edit.current = { value, cursor: value.length };

  useInput(
    (input, key) => {
      if (!hasFocus.current) return;
      if (key.tab || key.upArrow || key.downArrow || key.return || key.escape || key.pageUp || key.pageDown) return;
      const { value: v, cursor } = edit.current;
      let next = v;
      let at = cursor;
      if (key.ctrl) {
        if (input === 'u') [next, at] = ['', 0];
        else if (input === 'a') at = 0;
        else if (input === 'e') at = v.length;
        else return;
      } else if (key.meta) {
        return;
      } else if (key.leftArrow) at = Math.max(0, cursor - 1);
      else if (key.rightArrow) at = Math.min(v.length, cursor + 1);
      else if (key.home) at = 0;
      else if (key.end) at = v.length;
      else if (key.backspace || key.delete) {
        if (cursor === 0) return;
        next = v.slice(0, cursor - 1) + v.slice(cursor);
        at = cursor - 1;
      } else {
        const text = input.replace(CONTROL, '');
        if (!text) return;
        next = v.slice(0, cursor) + text + v.slice(cursor);
        at = cursor + text.length;
      }
      edit.current = { value: next, cursor: at };
      if (next !== v) onChange(next);
      else rerender();
    },
    { isActive: true },
  );

  const shown = maskText(value, mask);
  if (!shown && !focused) return <Text dimColor>{placeholder ?? ''}</Text>;
  if (!shown) {
    return (
      <Text>
        <Text inverse> </Text>
        <Text dimColor>{placeholder ?? ''}</Text>
      </Text>
    );
  }
  const cursor = Math.min(edit.current.cursor, shown.length);
  // Window of `width` cells that keeps the cursor visible.
  const room = Math.max(8, width - 1);
  const start = shown.length < room ? 0 : Math.max(0, Math.min(cursor - room + 1, shown.length - room + 1));
  const visible = shown.slice(start, start + room);
  const lead = start > 0 ? '…' : '';
  const body = lead ? visible.slice(1) : visible;
  const offset = start + (lead ? 1 : 0);
  if (!focused) return <Text>{lead + body}</Text>;
  const at = cursor - offset;
  return (
    <Text>
      {lead}
      {body.slice(0, at)}
      <Text inverse>{body[at] ?? ' '}</Text>
      {body.slice(at + 1)}
    </Text>
  );
}
