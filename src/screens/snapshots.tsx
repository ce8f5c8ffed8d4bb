// The Snapshots screen: the list, and the views opened from it (new snapshot,
// live progress, details, log, delete confirmation) as a stack that esc pops.
// The list's cursor, tab, sort and filter live here so they survive a detour.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { backupPhaseView } from '../format/phase.js';
import { safeLine } from '../format/safe-text.js';
import type { DeletionState } from '../format/snapshot-row.js';
import type { Backup } from '../services/model.js';
import { errorText, notify } from '../state/operations.js';
import { createRefusal } from '../state/snapshots-plan.js';
import { deletionIndex } from '../state/snapshots-list.js';
import { deleteRefusal, refreshSnapshots } from '../state/snapshots.js';
import { SnapshotCreate } from './snapshot-create.js';
import { SnapshotDelete } from './snapshot-delete.js';
import { SnapshotDetails } from './snapshot-details.js';
import { INITIAL_LIST, SnapshotList, type ListState } from './snapshot-list.js';
import { SnapshotLogs } from './snapshot-logs.js';
import { SnapshotProgress } from './snapshot-progress.js';

export type SnapshotView =
  | { view: 'create' }
  | { view: 'progress'; name: string; initial?: Backup }
  | { view: 'details'; name: string }
  | { view: 'logs'; name: string }
  | { view: 'delete'; name: string };

export function SnapshotsScreen() {
  const ctx = useEffectContext();
  const [stack, setStack] = useState<SnapshotView[]>([]);
  const [list, setList] = useState<ListState>(INITIAL_LIST);
  const push = (v: SnapshotView) => setStack((s) => [...s, v]);
  const pop = () => setStack((s) => s.slice(0, -1));
  const replace = (v: SnapshotView) => setStack((s) => [...s.slice(0, -1), v]);
  useDeletionNotices();

  /**
   * Keys that act on one snapshot, offered in view `here`. Whether they are
   * allowed is read from the store when asked: these views re-render on their
   * own subscriptions, not this component's.
   */
  const snapshotActions = (name: string | undefined, here: SnapshotView['view'] | 'list'): KeyBinding[] => {
    const backup = () => (name ? ctx.store.getState().objects.Backup[name] : undefined);
    const running = () => {
      const b = backup();
      return b ? backupPhaseView(b, ctx.now()).running : false;
    };
    const none = () => (name ? undefined : 'no snapshot selected');
    const out: KeyBinding[] = [];
    if (here === 'list') {
      out.push({
        key: 'enter',
        label: running() ? 'progress' : 'open',
        run: () => name && push(running() ? { view: 'progress', name } : { view: 'details', name }),
        disabledReason: none,
      });
    }
    if (here !== 'details') out.push({ key: 'd', label: 'details', run: () => name && push({ view: 'details', name }), disabledReason: none });
    if (here === 'details') out.push({ key: 'p', label: 'progress', run: () => name && push({ view: 'progress', name }) });
    if (here !== 'logs') {
      out.push({
        key: 'l',
        label: 'logs',
        run: () => name && push({ view: 'logs', name }),
        disabledReason: () => none() ?? logRefusal(backup(), running()),
      });
    }
    out.push({
      key: 'ctrl-d',
      label: 'delete',
      dangerous: true,
      run: () => name && push({ view: 'delete', name }),
      disabledReason: () => none() ?? deleteRefusal(ctx, name as string),
    });
    return out;
  };

  async function refresh() {
    try {
      await refreshSnapshots(ctx);
      notify(ctx, 'info', 'Snapshots refreshed.');
    } catch (err) {
      notify(ctx, 'error', `Refresh failed: ${errorText(err)}`);
    }
  }

  const top = stack.at(-1);
  if (!top) {
    return (
      <SnapshotList
        state={list}
        setState={(update) => setList(update)}
        actions={(row) => [
          ...snapshotActions(row?.backup.metadata.name, 'list'),
          {
            key: 'n',
            label: 'new snapshot',
            run: () => push({ view: 'create' }),
            changes: true,
            disabledReason: () => createRefusal(ctx.store.getState(), ctx.now()),
          },
          { key: 'ctrl-r', label: 'refresh', run: () => void refresh(), helpOnly: true },
        ]}
      />
    );
  }

  switch (top.view) {
    case 'create':
      return <SnapshotCreate onCancel={pop} onStarted={(b) => replace({ view: 'progress', name: b.metadata.name ?? '', initial: b })} />;
    case 'progress':
      return <SnapshotProgress name={top.name} initial={top.initial} onBack={pop} actions={snapshotActions(top.name, 'progress')} />;
    case 'details':
      return <SnapshotDetails name={top.name} onBack={pop} actions={snapshotActions(top.name, 'details')} />;
    case 'logs':
      return <SnapshotLogs name={top.name} onBack={pop} actions={snapshotActions(top.name, 'logs')} />;
    case 'delete':
      return <SnapshotDelete name={top.name} onDone={pop} />;
  }
}

/** Velero uploads the log when a backup ends; a refused one never has a log. */
function logRefusal(backup: Backup | undefined, running: boolean): string | undefined {
  if (!backup) return 'the snapshot no longer exists';
  if (running) return 'Velero uploads the log when the snapshot finishes';
  if (backup.status?.phase === 'FailedValidation') return 'Velero refused this snapshot before it started, so there is no log; d shows why';
  return undefined;
}

/** Tells the admin when a deletion requested while watching fails (the snapshot stays). */
function useDeletionNotices(): void {
  const ctx = useEffectContext();
  const requests = useAppState((s) => s.objects.DeleteBackupRequest);
  const index = useMemo(() => deletionIndex(requests), [requests]);
  const seen = useRef<Map<string, DeletionState> | undefined>(undefined);
  useEffect(() => {
    const before = seen.current;
    seen.current = index;
    if (!before) return;
    for (const [name, state] of index) {
      const prev = before.get(name);
      if (state.errors.length && !state.pending && (prev?.pending || (prev?.errors.length ?? 0) === 0)) {
        notify(ctx, 'error', `Deleting ${safeLine(name)} failed: ${safeLine(state.errors[0])}. The snapshot is still there (d shows details).`);
      }
    }
  }, [ctx, index]);
}
