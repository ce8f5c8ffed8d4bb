// Velero's configuration at start: the `default` location on an in-cluster
// MinIO, its `cloud-credentials` secret, and the daily full-snapshot schedule.
import type { BackupStorageLocation, Schedule } from '../model.js';
import { composeBackupSpec, INSTANCE_ANNOTATION, TRIGGER_ANNOTATION, type AppProfile } from '../profile.js';
import { addMs, DAY, kubeTime, SECOND } from './time.js';
import { VELERO_NAMESPACE, type World } from './world.js';

export const DEMO_ENDPOINT = 'http://minio.velero.svc:9000';
export const DEMO_PREFIX = 'cluster-a';
export const DEMO_ACCESS_KEY = 'DEMOACCESSKEY1234';
export const DEMO_SECRET_KEY = 'demo-secret-key-not-real';
export const SCHEDULE_NAME = 'snapshots-full';

export function demoBucket(profile: AppProfile): string {
  return `${profile.slug}-snapshots`;
}

export function seedLocation(w: World, base: Date): void {
  const bsl: BackupStorageLocation = {
    metadata: { name: w.profile.storageLocation, creationTimestamp: kubeTime(addMs(base, -45 * DAY)), labels: { component: 'velero' } },
    spec: {
      provider: 'aws',
      objectStorage: { bucket: demoBucket(w.profile), prefix: DEMO_PREFIX },
      config: { region: 'us-east-1', s3Url: DEMO_ENDPOINT, s3ForcePathStyle: 'true' },
      default: true,
      accessMode: 'ReadWrite',
    },
    status: {
      phase: 'Available',
      lastValidationTime: kubeTime(addMs(base, -30 * SECOND)),
      lastSyncedTime: kubeTime(addMs(base, -20 * SECOND)),
    },
  };
  w.store.insert('BackupStorageLocation', bsl);
  w.cluster.secrets.set(w.cluster.secretKey(VELERO_NAMESPACE, 'cloud-credentials'), {
    data: { cloud: `[default]\naws_access_key_id=${DEMO_ACCESS_KEY}\naws_secret_access_key=${DEMO_SECRET_KEY}\n` },
  });
}

export function seedSchedule(w: World, base: Date, lastBackup: Date | undefined): void {
  const schedule: Schedule = {
    metadata: {
      name: SCHEDULE_NAME,
      creationTimestamp: kubeTime(addMs(base, -40 * DAY)),
      annotations: { [INSTANCE_ANNOTATION]: 'true', [TRIGGER_ANNOTATION]: 'schedule' },
    },
    spec: {
      schedule: '0 0 * * *',
      template: composeBackupSpec(w.profile, 'full', '720h0m0s'),
      paused: false,
      useOwnerReferencesInBackup: false,
    },
    status: { phase: 'Enabled', ...(lastBackup ? { lastBackup: kubeTime(lastBackup) } : {}) },
  };
  w.store.insert('Schedule', schedule);
}
