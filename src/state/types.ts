// The shape of everything the UI shows. Plain data only: no functions, no SDK objects.
import type { ClusterInfo, FailureKind, WatchState } from '../services/interfaces.js';
import type { ServerStatus, VeleroKind, VeleroKinds } from '../services/model.js';
import type { AppProfile } from '../services/profile.js';
import type { StorageRun } from './storage-types.js';

export type ScreenName = 'storage' | 'snapshots' | 'schedule' | 'restore';
export const SCREENS: ScreenName[] = ['storage', 'snapshots', 'schedule', 'restore'];

export type Overlay = 'help' | 'quit';

export interface Problem {
  kind: FailureKind | 'no-velero' | 'no-kubeconfig';
  message: string;
  hint?: string;
}

export interface ConnectionState {
  status: 'connecting' | 'ready' | 'failed';
  /** What is being done right now while connecting, for the progress line. */
  step?: string;
  cluster?: ClusterInfo;
  problem?: Problem;
  veleroNamespace?: string;
  server?: ServerStatus;
  /** Set when Velero is older than the oldest version we test against. */
  versionWarning?: string;
  /** Worst state of all open watches. */
  watch: WatchState;
  watchError?: string;
}

/** Objects of each Velero kind, by name, as last seen from the cluster. */
export type ObjectsState = { [K in VeleroKind]: Record<string, VeleroKinds[K]> };

/** A long-running action started by this program (validate, apply, delete, restore prep...). */
export interface Operation {
  id: string;
  title: string;
  status: 'running' | 'done' | 'failed';
  detail?: string;
  /** Countable progress (e.g. resources removed of total), for a progress bar. */
  progress?: { done: number; total: number };
  startedAt: number;
  endedAt?: number;
}

export interface Notice {
  level: 'info' | 'warn' | 'error';
  text: string;
  at: number;
}

/** What the connected user may change (state/access.ts); absent until checked. */
export interface AccessState {
  /** "create restores.velero.io in namespace velero" → allowed, for every check asked. */
  allowed: Record<string, boolean>;
  /** The first check that could not be asked (those count as allowed). */
  error?: string;
  checkedAt?: number;
}

/** A running snapshot or restore whose status stopped changing (state/stall.ts). */
export interface Stall {
  kind: 'Backup' | 'Restore';
  name: string;
  /** When its status (or its volumes') last changed, as seen here. */
  since: number;
  /** The Velero server's answer to a status request made during the stall (answering undefined: this user may not ask). */
  server?: { answering?: boolean; detail?: string; at: number };
}

export interface AppState {
  mode: 'real' | 'demo';
  readonly: boolean;
  route: { screen: ScreenName; overlay?: Overlay };
  connection: ConnectionState;
  profile?: AppProfile;
  /** Which kinds have completed their first list (so "no snapshots" is not shown while loading). */
  loaded: Partial<Record<VeleroKind, boolean>>;
  objects: ObjectsState;
  operations: Record<string, Operation>;
  notice?: Notice;
  /** The last storage validate/save run (see state/storage-types.ts). */
  storageRun?: StorageRun;
  access?: AccessState;
  /** Running snapshots/restores with no progress for a while, by `Kind/name`. */
  stalls?: Record<string, Stall>;
}
