// The Storage screen: the current destination, the settings form, and the
// check → confirm → save flow. State lives here only as long as the form is
// open; every action goes through state/storage*.ts.
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { LOCATION_NAME } from '../services/storage-location.js';
import { errorText } from '../state/operations.js';
import { selectRunningBackups } from '../state/selectors.js';
import { currentLocation, loadFormContext, resolveLocation, type ResolvedLocation } from '../state/storage.js';
import { applyStorage, checkDestination, isStorageBusy, oldLocationOf } from '../state/storage-apply.js';
import { waitForSync } from '../state/storage-watch.js';
import { emptyForm, formFromLocation, type FormContext, type StorageForm } from '../state/storage-form.js';
import { StorageCurrent } from './storage-current.js';
import { StorageFlow, type ConfirmInfo } from './storage-flow.js';
import { StorageFormView, type FocusId, type Intent } from './storage-form.js';

interface Draft {
  title: string;
  form: StorageForm;
  initial: StorageForm;
  focus: FocusId;
  showAll: boolean;
  fctx: FormContext;
}

type Mode = 'view' | 'loading' | 'form' | 'flow';

export function StorageScreen() {
  const ctx = useEffectContext();
  const run = useAppState((s) => s.storageRun);
  const [mode, setMode] = useState<Mode>(() => (isStorageBusy(run) ? 'flow' : 'view'));
  const [draft, setDraft] = useState<Draft>();
  const [formError, setFormError] = useState<string>();
  const [confirm, setConfirm] = useState<ConfirmInfo>();
  const pending = useRef<ResolvedLocation | undefined>(undefined);

  const openForm = async (purpose: 'edit' | 'attach') => {
    setMode('loading');
    setFormError(undefined);
    try {
      const fctx = await loadFormContext(ctx);
      const location = await currentLocation(ctx);
      const form =
        purpose === 'attach'
          ? emptyForm('ReadOnly')
          : location
            ? formFromLocation(location, fctx.storedKeys || Boolean(location.spec.credential))
            : emptyForm();
      const title =
        purpose === 'attach' ? 'Attach an existing bucket read-only (disaster recovery)' : location ? 'Edit the storage destination' : 'Set up the storage destination';
      setDraft({ title, form, initial: form, focus: 'type', showAll: false, fctx });
      setMode('form');
    } catch (err) {
      setMode('view');
      ctx.store.dispatch({ type: 'notice', notice: { level: 'error', text: `Cannot open the storage settings: ${errorText(err)}`, at: ctx.now().getTime() } });
    }
  };

  const apply = async (resolved: ResolvedLocation) => {
    setConfirm(undefined);
    pending.current = undefined;
    try {
      const outcome = await applyStorage(ctx, resolved);
      if (outcome.verdict.phase === 'Available') await waitForSync(ctx, outcome.stored.status?.lastSyncedTime, outcome.written);
    } catch {
      // The run in the store says what failed and what was rolled back.
    }
  };

  const submit = async (intent: Intent) => {
    if (!draft) return;
    setFormError(undefined);
    let resolved: ResolvedLocation;
    try {
      resolved = await resolveLocation(ctx, draft.form, draft.fctx);
    } catch (err) {
      setFormError(errorText(err));
      return;
    }
    setConfirm(undefined);
    setMode('flow');
    const ok = await checkDestination(ctx, resolved, intent).catch(() => false);
    if (!ok || intent === 'validate') return;
    const oldLocation = oldLocationOf(ctx, resolved);
    const running = selectRunningBackups(ctx.store.getState()).length;
    const toReadOnly = resolved.composed.location.spec.accessMode === 'ReadOnly' && resolved.previous?.spec.accessMode !== 'ReadOnly';
    if ((oldLocation && oldLocation.backups > 0) || running > 0 || (toReadOnly && resolved.previous)) {
      pending.current = resolved;
      setConfirm({ oldLocation, running, toReadOnly });
      return;
    }
    await apply(resolved);
  };

  const checkCurrent = async () => {
    const location = ctx.store.getState().objects.BackupStorageLocation[LOCATION_NAME];
    if (!location) return;
    setMode('loading');
    try {
      const fctx = await loadFormContext(ctx);
      const form = formFromLocation(location, fctx.storedKeys || Boolean(location.spec.credential));
      const resolved = await resolveLocation(ctx, form, fctx);
      setDraft(undefined);
      setMode('flow');
      await checkDestination(ctx, resolved, 'validate');
    } catch (err) {
      setMode('view');
      ctx.store.dispatch({ type: 'notice', notice: { level: 'error', text: `Cannot check the storage: ${errorText(err)}`, at: ctx.now().getTime() } });
    }
  };

  if (mode === 'loading') return <Loading />;
  if (mode === 'form' && draft) {
    return (
      <StorageFormView
        title={draft.title}
        form={draft.form}
        onChange={(update) => setDraft((d) => d && { ...d, form: update(d.form) })}
        focus={draft.focus}
        onFocus={(focus) => setDraft((d) => d && { ...d, focus })}
        fctx={draft.fctx}
        onCaCheck={(caCheck) => setDraft((d) => d && { ...d, fctx: { ...d.fctx, caCheck } })}
        onSubmit={(intent) => void submit(intent)}
        onCancel={() => {
          setDraft(undefined);
          setMode('view');
        }}
        showAll={draft.showAll}
        onShowAll={() => setDraft((d) => d && { ...d, showAll: true })}
        dirty={JSON.stringify(draft.form) !== JSON.stringify(draft.initial)}
        formError={formError}
      />
    );
  }
  if (mode === 'flow' && run) {
    return (
      <StorageFlow
        run={run}
        confirm={confirm}
        onApply={() => pending.current && void apply(pending.current)}
        onBack={() => {
          setConfirm(undefined);
          pending.current = undefined;
          setMode(draft ? 'form' : 'view');
        }}
        onDone={() => {
          setDraft(undefined);
          setMode('view');
        }}
      />
    );
  }
  return (
    <StorageCurrent
      onEdit={() => void openForm('edit')}
      onAttach={() => void openForm('attach')}
      onCheck={() => void checkCurrent()}
      busyReason={isStorageBusy(run) ? 'a storage check is already running' : undefined}
    />
  );
}

function Loading() {
  useScreenKeys([], { typing: true });
  return <Text color="yellow">⟳ Reading the current settings…</Text>;
}
