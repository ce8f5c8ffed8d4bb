// Picks the starting world for a seed. Every start with the same seed and
// clock gives the same objects, names and timestamps.
import { seedCluster } from './seed-cluster.js';
import { seedMany } from './seed-many.js';
import { seedSnapshots } from './seed-snapshots.js';
import { seedLocation, seedSchedule } from './seed-velero.js';
import type { World } from './world.js';

export type DemoSeed = 'default' | 'empty' | 'no-velero' | 'unreachable' | 'many';

export function seedWorld(w: World, seed: DemoSeed, base: Date, manyCount: number): void {
  w.veleroInstalled = seed !== 'no-velero';
  seedCluster(w.cluster, w.profile, w.veleroInstalled);
  if (seed === 'no-velero' || seed === 'empty') return;
  seedLocation(w, base);
  if (seed === 'many') {
    seedMany(w, base, manyCount);
    seedSchedule(w, base, undefined);
    return;
  }
  const lastScheduled = seedSnapshots(w, base);
  seedSchedule(w, base, lastScheduled);
}
