import type { WatchEventType } from '../services/interfaces.js';
import type { VeleroKind, VeleroKinds } from '../services/model.js';
import type { AppProfile } from '../services/profile.js';
import type { StorageRun } from './storage-types.js';
import type { AccessState, ConnectionState, Notice, Operation, Overlay, ScreenName, Stall } from './types.js';

export type Action =
  | { type: 'mode/set'; mode: 'real' | 'demo' }
  | { type: 'route/screen'; screen: ScreenName }
  | { type: 'route/overlay'; overlay?: Overlay }
  | { type: 'connection/update'; patch: Partial<ConnectionState> }
  | { type: 'profile/set'; profile: AppProfile }
  | { type: 'objects/reset'; kind: VeleroKind; items: VeleroKinds[VeleroKind][] }
  | { type: 'objects/event'; kind: VeleroKind; event: WatchEventType; obj: VeleroKinds[VeleroKind] }
  | { type: 'operation/start'; op: Omit<Operation, 'status' | 'startedAt'>; at: number }
  | { type: 'operation/update'; id: string; detail: string; progress?: { done: number; total: number } }
  | { type: 'operation/end'; id: string; ok: boolean; detail?: string; at: number }
  | { type: 'operation/clear'; id: string }
  | { type: 'notice'; notice?: Notice }
  | { type: 'storage/run'; run?: StorageRun }
  | { type: 'access/set'; access?: AccessState }
  | { type: 'stalls/set'; stalls: Record<string, Stall> };
