// The "many" seed: thousands of completed snapshots, five minutes apart, for
// scale tests. Records share their contents, and no PodVolumeBackup objects
// are made, so even 5000 snapshots start fast.
import { backupContents } from './contents.js';
import { Rng } from './random.js';
import { seedBackup } from './seed-backup.js';
import { DEMO_PREFIX, demoBucket } from './seed-velero.js';
import { composeBackupSpec } from '../profile.js';
import { addMs, DEFAULT_TTL, MINUTE, SECOND } from './time.js';
import type { World } from './world.js';

export const DEFAULT_MANY_COUNT = 5000;

export function seedMany(w: World, base: Date, count: number): void {
  const rng = new Rng(0x3a7);
  const area = w.buckets.area(demoBucket(w.profile), DEMO_PREFIX);
  const contents = {
    full: backupContents(w.cluster, composeBackupSpec(w.profile, 'full', DEFAULT_TTL)),
    partial: backupContents(w.cluster, composeBackupSpec(w.profile, 'partial', DEFAULT_TTL)),
  };
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const kind = i % 3 === 0 ? 'full' : 'partial';
    let name: string;
    do name = `${kind === 'full' ? 'instance' : w.profile.slug}-${rng.suffix()}`;
    while (taken.has(name));
    taken.add(name);
    const record = seedBackup(w, {
      name,
      kind,
      trigger: i % 2 === 0 ? 'manual' : 'schedule',
      phase: 'Completed',
      start: addMs(base, -(i + 1) * 5 * MINUTE),
      durationMs: (kind === 'full' ? 150 : 40) * SECOND,
      contents: contents[kind],
      noVolumeObjects: true,
    });
    area.backups.set(name, record);
  }
}
