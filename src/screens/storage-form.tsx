// The storage settings form: keyboard only. Tab/↓ and ⇧Tab/↑ move between
// fields, ←/→ change a choice, enter moves on (or runs a button), ^S checks and
// saves from anywhere, esc cancels. Errors show as you type; submitting with
// an invalid field focuses it and does nothing else.
import { Box, Text, useStdout } from 'ink';
import { useRef, useState } from 'react';
import { FormButton, FormField, fieldHeight, LABEL_WIDTH, visibleWindow } from '../components/form-field.js';
import type { KeyBinding } from '../components/keys.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { SelectField, cycleOption } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { safeLine } from '../format/safe-text.js';
import { readCaFile } from '../state/storage.js';
import {
  ACCESS_OPTIONS,
  AUTH_OPTIONS,
  CA_NONE,
  FIELD_LABELS,
  fieldError,
  fieldHint,
  firstInvalid,
  internalOptions,
  SELECT_FIELDS,
  selectedStore,
  TYPE_OPTIONS,
  visibleFields,
  withStore,
  withType,
  type FieldId,
  type FormContext,
  type StorageForm,
} from '../state/storage-form.js';
import { InternalWarning } from './storage-notes.js';

export type Intent = 'validate' | 'save';
type ButtonId = 'check' | 'save';
export type FocusId = FieldId | ButtonId;

export interface StorageFormProps {
  title: string;
  form: StorageForm;
  /** Updates the form from its latest value (keys may arrive before a re-render). */
  onChange: (update: (form: StorageForm) => StorageForm) => void;
  focus: FocusId;
  onFocus: (focus: FocusId) => void;
  fctx: FormContext;
  onCaCheck: (check: { path: string; error?: string }) => void;
  onSubmit: (intent: Intent) => void;
  onCancel: () => void;
  /** Show every field's error (after a submit, or when coming back from a failed check). */
  showAll: boolean;
  onShowAll: () => void;
  dirty: boolean;
  formError?: string;
}

const SUFFIX = ' — nothing changes until it is checked and saved';

const BUTTONS: { id: ButtonId; label: string }[] = [
  { id: 'check', label: 'Check only' },
  { id: 'save', label: 'Check and save' },
];

export function StorageFormView(props: StorageFormProps) {
  const { form, onChange, focus, onFocus, fctx, showAll } = props;
  const { stdout } = useStdout();
  const [touched, setTouched] = useState<ReadonlySet<FieldId>>(new Set());
  const [escArmed, setEscArmed] = useState(false);
  const fields = visibleFields(form, fctx);
  const order: FocusId[] = [...fields, 'check', 'save'];
  const index = Math.max(0, order.indexOf(focus));
  const current = order[index]!;
  // Where the focus is now, also between renders: tabs read together (tmux send-keys, a fast hand) each move one field.
  const focusNow = useRef(current);
  focusNow.current = current;
  const width = stdout.columns || 80;
  const rows = stdout.rows || 24;

  const touch = (id: FocusId) => {
    if (id === 'check' || id === 'save' || touched.has(id)) return;
    setTouched((t) => new Set([...t, id]));
  };
  const checkCa = async (): Promise<FormContext['caCheck']> => {
    const path = form.caFile.trim();
    if (form.type === 'aws' || !path || path === CA_NONE) return undefined;
    if (fctx.caCheck?.path === path) return fctx.caCheck;
    const result = await readCaFile(path);
    const check = { path, error: 'error' in result ? result.error : undefined };
    props.onCaCheck(check);
    return check;
  };
  const move = (dir: 1 | -1) => {
    const from = focusNow.current;
    touch(from);
    if (from === 'caFile') void checkCa();
    setEscArmed(false);
    const at = Math.max(0, order.indexOf(from));
    focusNow.current = order[(at + dir + order.length) % order.length]!;
    onFocus(focusNow.current);
  };
  const set = (next: StorageForm | ((form: StorageForm) => StorageForm), id: FieldId) => {
    touch(id);
    setEscArmed(false);
    onChange(typeof next === 'function' ? next : () => next);
  };
  // From the latest form and focus, not this render's: arrows read together each move one option.
  const choose = (dir: 1 | -1) => {
    const at = focusNow.current;
    if (at === 'type') set((f) => withType(f, cycleOption(TYPE_OPTIONS, f.type, dir), fctx), at);
    else if (at === 'internalStore') set((f) => withStore(f, cycleOption(internalOptions(fctx), f.internalStore, dir), fctx), at);
    else if (at === 'auth') set((f) => ({ ...f, auth: cycleOption(AUTH_OPTIONS, f.auth, dir) }), at);
    else if (at === 'accessMode') set((f) => ({ ...f, accessMode: cycleOption(ACCESS_OPTIONS, f.accessMode, dir) }), at);
  };
  const submit = async (intent: Intent) => {
    props.onShowAll();
    setEscArmed(false);
    const caCheck = await checkCa();
    const bad = firstInvalid(form, { ...fctx, caCheck: caCheck ?? fctx.caCheck });
    if (bad) return onFocus(bad);
    props.onSubmit(intent);
  };
  const cancel = () => {
    if (props.dirty && !escArmed) return setEscArmed(true);
    props.onCancel();
  };

  const isSelect = SELECT_FIELDS.has(current as FieldId);
  const bindings: KeyBinding[] = [
    { key: 'tab', aliases: ['down'], label: 'next', run: () => move(1) },
    { key: 'shift-tab', aliases: ['up'], label: 'back', run: () => move(-1) },
    ...(isSelect
      ? [
          { key: 'right', aliases: [' '], label: 'choose', run: () => choose(1) },
          { key: 'left', label: 'choose', run: () => choose(-1), helpOnly: true },
        ]
      : []),
    {
      key: 'enter',
      label: current === 'check' ? 'check' : current === 'save' ? 'check and save' : 'next',
      run: () => (current === 'check' ? void submit('validate') : current === 'save' ? void submit('save') : move(1)),
    },
    { key: 'ctrl-s', label: 'check and save', run: () => void submit('save'), dangerous: true },
    { key: 'esc', label: escArmed ? 'discard changes' : 'cancel', run: cancel },
  ];
  useScreenKeys(bindings, { typing: true });

  const errorOf = (id: FieldId) => (showAll || touched.has(id) ? fieldError(id, form, fctx) : undefined);
  const store = selectedStore(form, fctx);
  const noteOf = (id: FieldId) =>
    id === 'internalStore' && store
      ? store.credentials
        ? `Keys from Secret ${store.credentials.secret} (${store.credentials.maskedKeyId})`
        : `No credentials Secret found for ${store.label}: enter its keys`
      : undefined;
  const heights = [
    ...fields.map((id) => fieldHeight({ error: errorOf(id), hint: fieldHint(id, form, fctx), note: noteOf(id), focused: id === current, width })),
    1,
  ];
  const focusRow = Math.min(index, fields.length);
  const extra = (form.type === 'internal' ? 2 : 0) + (props.formError ? 1 : 0) + (escArmed ? 1 : 0);
  const { start, end } = visibleWindow(heights, focusRow, Math.max(6, rows - 7 - extra));
  const inputWidth = Math.max(16, width - LABEL_WIDTH - 2);

  const input = (id: FieldId, focused: boolean) => {
    switch (id) {
      case 'type':
        return <SelectField options={TYPE_OPTIONS} value={form.type} focused={focused} />;
      case 'internalStore':
        return <SelectField options={internalOptions(fctx)} value={form.internalStore} focused={focused} />;
      case 'auth':
        return <SelectField options={AUTH_OPTIONS} value={form.auth} focused={focused} />;
      case 'accessMode':
        return <SelectField options={ACCESS_OPTIONS} value={form.accessMode} focused={focused} />;
      default: {
        const placeholder =
          id === 'accessKeyId' && fctx.storedKeys
            ? `keep current ${fctx.storedKeyMasked ?? ''}`.trim()
            : id === 'secretAccessKey' && fctx.storedKeys
              ? 'keep current'
              : id === 'caFile'
                ? fctx.storedCa
                  ? 'keep current'
                  : 'not set (optional)'
                : id === 'prefix'
                  ? 'none (bucket root)'
                  : id === 'publicUrl'
                    ? 'same as the endpoint'
                    : '';
        return (
          <TextField
            value={form[id]}
            onChange={(v) => set((f) => ({ ...f, [id]: v }), id)}
            focused={focused}
            mask={id === 'secretAccessKey' ? 'secret' : id === 'accessKeyId' ? 'key-id' : undefined}
            placeholder={placeholder}
            width={inputWidth}
          />
        );
      }
    }
  };

  return (
    <Box flexDirection="column">
      <Text bold>
        {props.title}
        {props.title.length + SUFFIX.length <= width && <Text dimColor>{SUFFIX}</Text>}
      </Text>
      {form.type === 'internal' && <InternalWarning />}
      {start > 0 && <Text dimColor>  ↑ {start} more</Text>}
      {fields.slice(start, Math.min(end, fields.length)).map((id) => (
        <FormField key={id} label={FIELD_LABELS[id]} focused={id === current} error={errorOf(id)} hint={fieldHint(id, form, fctx)} note={noteOf(id)} width={width}>
          {input(id, id === current)}
        </FormField>
      ))}
      {end <= fields.length && <Text dimColor>  ↓ more below (tab)</Text>}
      {props.formError && <Text color="red">✖ {safeLine(props.formError)}</Text>}
      {end > fields.length && (
        <Box columnGap={2}>
          {BUTTONS.map((b) => (
            <FormButton key={b.id} label={b.label} focused={current === b.id} dangerous={b.id === 'save'} />
          ))}
        </Box>
      )}
      {escArmed && <Text color="yellow">Press esc again to discard your changes, or keep editing.</Text>}
    </Box>
  );
}
