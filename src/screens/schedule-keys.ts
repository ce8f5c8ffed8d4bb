// The Schedule screen's key bindings, which depend on the focused field: ←/→
// change a choice, text fields take letters, and the letter keys (p, r) only
// exist while no text field has focus.
import type { KeyBinding } from '../components/keys.js';
import type { AccessAction } from '../state/access.js';
import type { Focus } from './schedule-settings.js';

export interface ScheduleActions {
  focus: Focus;
  move(dir: 1 | -1): void;
  choose(dir: 1 | -1): void;
  save(): void;
  /** Esc: discard edits; also leaves a text field, so digits and letters are screen keys again. */
  discard(): void;
  /** Esc in a text field with nothing to discard. */
  leaveText(): void;
  togglePause(): void;
  applyRetention(): void;
  /** There is a draft that differs from the cluster. */
  dirty: boolean;
  exists: boolean;
  paused: boolean;
  readonly: boolean;
  saving: boolean;
  /** Why the user may not do this (RBAC), from state/access.ts. */
  denied: (action: AccessAction) => string | undefined;
}

export const TEXT_FOCUS: ReadonlySet<Focus> = new Set<Focus>(['cron', 'retention']);

const CHOICE_LABEL: Partial<Record<Focus, string>> = { kind: 'full/partial', enabled: 'on/off', preset: 'preset', unit: 'unit' };

export function scheduleBindings(a: ScheduleActions): KeyBinding[] {
  const typing = TEXT_FOCUS.has(a.focus);
  const writeBlocked = () => (a.readonly ? 'read-only mode' : a.saving ? 'saving…' : undefined);
  const bindings: KeyBinding[] = [
    {
      key: 'enter',
      aliases: ['ctrl-s'],
      label: a.exists ? 'save' : 'create',
      run: a.save,
      changes: true,
      disabledReason: () => writeBlocked() ?? a.denied(a.exists ? 'schedule-update' : 'schedule-create'),
    },
    { key: 'tab', aliases: ['down'], label: 'next', run: () => a.move(1) },
    { key: 'shift-tab', aliases: ['up'], label: 'previous field', run: () => a.move(-1), helpOnly: true },
  ];
  const choice = CHOICE_LABEL[a.focus];
  if (choice) {
    bindings.push(
      { key: 'right', aliases: [' '], label: choice, run: () => a.choose(1) },
      { key: 'left', label: `${choice} (back)`, run: () => a.choose(-1), helpOnly: true },
    );
  }
  if (a.dirty) bindings.push({ key: 'esc', label: 'discard edits', run: a.discard });
  else if (typing) bindings.push({ key: 'esc', label: 'leave field', run: a.leaveText });
  if (!typing) {
    if (a.exists) {
      bindings.push({
        key: 'p',
        label: a.paused ? 'resume' : 'pause',
        run: a.togglePause,
        changes: true,
        disabledReason: () => (a.dirty ? 'save or discard the edits first' : (writeBlocked() ?? a.denied('schedule-update'))),
      });
    }
    bindings.push(
      {
        key: 'r',
        label: 'retention→existing',
        run: a.applyRetention,
        dangerous: true,
        disabledReason: () => (a.dirty ? 'save first; the saved retention is applied' : a.denied('retention-apply')),
      },
    );
  }
  return bindings;
}
