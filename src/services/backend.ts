// Opens the real backend. The Kubernetes SDK takes a good part of a second to
// load, so it is imported here, lazily, after the first frame is drawn; the
// S3 SDK loads only when the bucket is first read (sizes, logs, validation),
// not on the way to the snapshot list.
import type { Backend, StorageService, VeleroService } from './interfaces.js';
import type { ConnectOptions } from './options.js';

export async function openRealBackend(opts: ConnectOptions): Promise<Backend> {
  const [{ loadKubeConfig }, { createClusterService }, { KubeVeleroService }, { KubeLeaseService }] = await Promise.all([
    import('./kube-config.js'),
    import('./kube.js'),
    import('./velero.js'),
    import('./kube-lease.js'),
  ]);
  const loaded = loadKubeConfig(opts);
  const cluster = createClusterService(loaded);
  const veleros = new Map<string, InstanceType<typeof KubeVeleroService>>();
  return {
    mode: 'real',
    cluster,
    storage: lazyStorage(),
    leases: new KubeLeaseService(cluster.client, loaded.info.server),
    velero(namespace: string): VeleroService {
      let service = veleros.get(namespace);
      if (!service) {
        service = new KubeVeleroService(cluster.client, namespace);
        veleros.set(namespace, service);
      }
      return service;
    },
    close() {
      for (const service of veleros.values()) service.close();
      cluster.client.close();
    },
  };
}

/** The S3 StorageService, its module (and the AWS SDK) imported on first use. */
export function lazyStorage(load: () => Promise<StorageService> = () => import('./storage.js').then((m) => m.createS3StorageService())): StorageService {
  let loading: Promise<StorageService> | undefined;
  const real = () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined; // try again next time
      throw err;
    }));
  return {
    validate: async (dest, onStep, opts) => (await real()).validate(dest, onStep, opts),
    listBackups: async (dest) => (await real()).listBackups(dest),
    usage: async (dest) => (await real()).usage(dest),
    readBackupMetadata: async (dest, backup) => (await real()).readBackupMetadata(dest, backup),
    readBackupLog: async (dest, backup) => (await real()).readBackupLog(dest, backup),
    readBackupResults: async (dest, backup) => (await real()).readBackupResults(dest, backup),
    readBackupResourceList: async (dest, backup) => (await real()).readBackupResourceList(dest, backup),
    backupSize: async (dest, backup) => (await real()).backupSize(dest, backup),
    readRestoreLog: async (dest, restore) => (await real()).readRestoreLog(dest, restore),
    readRestoreResults: async (dest, restore) => (await real()).readRestoreResults(dest, restore),
  };
}
