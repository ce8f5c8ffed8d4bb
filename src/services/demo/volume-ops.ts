// PodVolumeBackups / PodVolumeRestores: created with a backup or restore,
// their bytesDone grows every tick until the whole volume is copied.
import type { VolumeOperation } from '../model.js';
import type { VolumeRecord } from './bucket.js';
import { generateName } from './random.js';
import { kubeTime } from './time.js';
import type { World } from './world.js';

/** Ticks a volume copy takes. */
export const VOLUME_TICKS = 8;

export interface VolumeRun {
  name: string;
  total: number;
  done: number;
}

type OpKind = 'PodVolumeBackup' | 'PodVolumeRestore';

export function createVolumeOps(
  w: World,
  kind: OpKind,
  owner: { name: string; uid: string },
  volumes: VolumeRecord[],
  location: string,
  mapNamespace: (ns: string) => string = (ns) => ns,
): VolumeRun[] {
  const label = kind === 'PodVolumeBackup' ? 'backup' : 'restore';
  return volumes.map((v) => {
    const name = generateName(w.names, `${owner.name}-`, (n) => w.get(kind, n) !== undefined);
    const op: VolumeOperation = {
      metadata: {
        name,
        labels: { [`velero.io/${label}-name`]: owner.name, [`velero.io/${label}-uid`]: owner.uid },
      },
      spec: {
        pod: { name: v.pod, namespace: mapNamespace(v.namespace) },
        volume: v.volume,
        backupStorageLocation: location,
        ...(kind === 'PodVolumeRestore' ? { sourceNamespace: v.namespace } : {}),
      },
      status: { phase: 'New', progress: { totalBytes: v.bytes, bytesDone: 0 } },
    };
    w.store.insert(kind, op);
    return { name, total: v.bytes, done: 0 };
  });
}

/** One tick of copying; true when every volume is done. */
export function advanceVolumeOps(w: World, kind: OpKind, runs: VolumeRun[]): boolean {
  const now = kubeTime(w.now());
  for (const run of runs) {
    if (run.done >= run.total) continue;
    run.done = Math.min(run.total, run.done + Math.ceil(run.total / VOLUME_TICKS));
    w.store.modify(kind, run.name, (op) => {
      const status = (op.status ??= {});
      status.startTimestamp ??= now;
      status.progress = { totalBytes: run.total, bytesDone: run.done };
      status.phase = run.done >= run.total ? 'Completed' : 'InProgress';
      if (run.done >= run.total) status.completionTimestamp = now;
    });
  }
  return runs.every((r) => r.done >= r.total);
}

/** Marks unfinished volume operations Failed (their backup or restore failed). */
export function failVolumeOps(w: World, kind: OpKind, runs: VolumeRun[], message: string): void {
  const now = kubeTime(w.now());
  for (const run of runs) {
    if (run.done >= run.total) continue;
    w.store.modify(kind, run.name, (op) => {
      op.status = { ...op.status, phase: 'Failed', message, completionTimestamp: now };
    });
  }
}
