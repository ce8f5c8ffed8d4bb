// The Restore screen: pick a snapshot, choose how to restore, confirm, watch
// progress, read the result. Each view registers its own keys (only leaves
// do, so the active one is always the one on screen).
import { useState } from 'react';
import type { RestoreMode } from '../state/restore-plan.js';
import { RestoreHome } from './restore-home.js';
import { RestoreSnapshot } from './restore-snapshot.js';
import { RestoreConfirm } from './restore-confirm.js';
import { RestoreWatch } from './restore-watch.js';
import { RestoreLog } from './restore-log.js';

export type RestoreView =
  | { name: 'home'; pane: 'snapshots' | 'history' }
  | { name: 'snapshot'; backup: string }
  | { name: 'confirm'; backup: string; mode: RestoreMode }
  | { name: 'watch'; restore: string; from: RestoreView }
  | { name: 'log'; restore: string; from: RestoreView };

export function RestoreScreen() {
  const [view, setView] = useState<RestoreView>({ name: 'home', pane: 'snapshots' });
  const home: RestoreView = { name: 'home', pane: 'snapshots' };
  switch (view.name) {
    case 'home':
      return <RestoreHome pane={view.pane} go={setView} />;
    case 'snapshot':
      return <RestoreSnapshot backup={view.backup} go={setView} back={() => setView(home)} />;
    case 'confirm':
      return <RestoreConfirm backup={view.backup} mode={view.mode} go={setView} back={() => setView({ name: 'snapshot', backup: view.backup })} />;
    case 'watch':
      return <RestoreWatch name={view.restore} back={() => setView(view.from)} showLog={() => setView({ name: 'log', restore: view.restore, from: view })} />;
    case 'log':
      return <RestoreLog name={view.restore} back={() => setView(view.from)} />;
  }
}
