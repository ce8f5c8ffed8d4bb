// Screen router: one component per screen name.
import type { ScreenName } from '../state/types.js';
import { StorageScreen } from './storage.js';
import { SnapshotsScreen } from './snapshots.js';
import { ScheduleScreen } from './schedule.js';
import { RestoreScreen } from './restore.js';

export const SCREEN_TITLES: Record<ScreenName, string> = {
  storage: 'Storage',
  snapshots: 'Snapshots',
  schedule: 'Schedule',
  restore: 'Restore',
};

export function ScreenView({ screen }: { screen: ScreenName }) {
  switch (screen) {
    case 'storage':
      return <StorageScreen />;
    case 'snapshots':
      return <SnapshotsScreen />;
    case 'schedule':
      return <ScheduleScreen />;
    case 'restore':
      return <RestoreScreen />;
  }
}
