// Opens the real backend. The Kubernetes and S3 SDKs take most of a second to
// load, so they are imported here, lazily, after the first frame is drawn.
import type { Backend, VeleroService } from './interfaces.js';
import type { ConnectOptions } from './options.js';

export async function openRealBackend(opts: ConnectOptions): Promise<Backend> {
  const [{ loadKubeConfig }, { createClusterService }, { KubeVeleroService }, { createS3StorageService }] = await Promise.all([
    import('./kube-config.js'),
    import('./kube.js'),
    import('./velero.js'),
    import('./storage.js'),
  ]);
  const loaded = loadKubeConfig(opts);
  const cluster = createClusterService(loaded);
  const veleros = new Map<string, InstanceType<typeof KubeVeleroService>>();
  return {
    mode: 'real',
    cluster,
    storage: createS3StorageService(),
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
    },
  };
}
