// The demo backend: a simulated Velero, cluster and bucket behind the same
// interfaces as the real ones. Used by --demo and by screen and state tests,
// which drive it step by step through `demo` (DemoControls).
import { ServiceError, type AccessCheck, type Backend, type ResourceRef, type VeleroService } from '../interfaces.js';
import type { Backup } from '../model.js';
import type { AppProfile } from '../profile.js';
import { BackupController } from './backup-controller.js';
import { createDemoCluster } from './cluster.js';
import { toRef } from './cluster-state.js';
import { DeletionController } from './deletion-controller.js';
import { Engine } from './engine.js';
import { GcController } from './gc-controller.js';
import { createDemoLeases } from './leases.js';
import { LocationController } from './location-controller.js';
import { RestoreController } from './restore-controller.js';
import { ScheduleController } from './schedule-controller.js';
import { DEFAULT_MANY_COUNT } from './seed-many.js';
import { seedWorld, type DemoSeed } from './seed.js';
import { createDemoStorage } from './storage.js';
import { createDemoVelero } from './velero.js';
import { World, type DemoCall, type FailureTarget } from './world.js';

export type { DemoSeed } from './seed.js';
export type { DemoCall, FailureTarget } from './world.js';
export { SEEDED_BACKUPS, SEEDED_RESTORES } from './seed-snapshots.js';
export { DEMO_ACCESS_KEY, DEMO_ENDPOINT, DEMO_PREFIX, DEMO_SECRET_KEY, SCHEDULE_NAME, demoBucket } from './seed-velero.js';
export { MISSING_BUCKET, SHARED_BUCKET } from './bucket.js';
export { WRONG_SECRET } from './location-check.js';
export { DEMO_USER } from './access.js';

export const DEMO_PROFILE: AppProfile = {
  slug: 'harness',
  appNamespaces: ['harness'],
  adminNamespace: 'kotsadm',
  extraNamespaces: [],
  storageLocation: 'default',
  defaultVolumesToFsBackup: false,
  source: 'demo',
};

export interface DemoOptions {
  /** Clock for every timestamp; the seed's times are relative to its value at start. */
  now?: () => Date;
  /** Milliseconds per simulation step of the automatic timer (default 500). */
  tick?: number;
  /** Speed multiplier of the automatic timer: 2 runs steps twice as often (default 1). */
  speed?: number;
  seed?: DemoSeed;
  /** Snapshots in the "many" seed (default 5000). */
  manyCount?: number;
  profile?: Partial<AppProfile>;
}

export interface DemoControls {
  readonly seed: DemoSeed;
  readonly profile: AppProfile;
  /** Runs n simulation steps now, synchronously (works while paused). */
  step(n?: number): void;
  /** Stops the automatic timer; only step() advances the simulation. */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Is the automatic timer armed? False whenever nothing is in progress. */
  readonly timerActive: boolean;
  /** Is anything in progress (a step would change something)? */
  busy(): boolean;
  /** Steps run so far. */
  readonly ticks: number;
  /** The next backup / restore fails part-way (failureReason = reason); the next validate fails at "write". */
  failNext(kind: FailureTarget, reason: string): void;
  /** The S3 endpoint refuses connections: locations go Unavailable, reads and validate fail. */
  setStorageDown(down: boolean): void;
  /** The Kubernetes API is unreachable: calls reject ('unreachable'), watches go "reconnecting". */
  setApiDown(down: boolean): void;
  /** The Velero server is stopped: in-progress operations stop advancing, serverStatus fails. */
  setVeleroStopped(stopped: boolean): void;
  /** RBAC: these checks are denied from now on (`can` says no, the calls they cover fail with 403); no namespace = everywhere. */
  denyAccess(checks: AccessCheck[]): void;
  /** RBAC: allow everything again. */
  allowAllAccess(): void;
  /** Creates the backup the schedule's cron would create now (undefined when paused, invalid or missing). */
  fireSchedule(name: string): Backup | undefined;
  /** Every accepted mutating call (create, update, delete, setBackupExpiration, putSecret, deleteResources, deleteNamespaces), args as passed. */
  readonly calls: DemoCall[];
  /** The cluster's app-level objects right now (including ones being deleted). */
  resources(namespace?: string): ResourceRef[];
}

export type DemoBackend = Backend & { readonly mode: 'demo'; readonly demo: DemoControls };

export function createDemoBackend(opts: DemoOptions = {}): DemoBackend {
  const profile: AppProfile = { ...DEMO_PROFILE, ...opts.profile };
  const clock = opts.now ?? (() => new Date());
  const seed = opts.seed ?? 'default';
  const server = seed === 'unreachable' ? 'https://10.0.0.1:6443' : 'https://demo.invalid';
  const w = new World(profile, clock, server);
  const locations = new LocationController(w);
  const schedules = new ScheduleController(w);
  const gc = new GcController(w);
  // Order matters within a tick: locations before the backups that need them.
  w.controllers.push(locations, schedules, gc, new DeletionController(w), new BackupController(w), new RestoreController(w));
  seedWorld(w, seed, clock(), opts.manyCount ?? DEFAULT_MANY_COUNT);

  const interval = Math.max(1, (opts.tick ?? 500) / (opts.speed && opts.speed > 0 ? opts.speed : 1));
  const engine = new Engine(interval, () => w.tick(), () => w.busy());
  w.kick = () => engine.kick();

  const setApiDown = (down: boolean) => {
    w.apiError = down
      ? new ServiceError('unreachable', `Cannot reach the Kubernetes API at ${server}: connection refused`, 'Check that the cluster is running and that this machine can reach it')
      : undefined;
    for (const store of w.allStores()) store.setDisconnected(w.apiError);
  };
  if (seed === 'unreachable') setApiDown(true);

  const services = new Map<string, VeleroService>();
  const demo: DemoControls = {
    seed,
    profile,
    step: (n = 1) => engine.step(n),
    pause: () => engine.pause(),
    resume: () => engine.resume(),
    get paused() {
      return engine.isPaused;
    },
    get timerActive() {
      return engine.armed;
    },
    busy: () => w.busy(),
    get ticks() {
      return engine.ticks;
    },
    failNext: (kind, reason) => w.failNext(kind, reason),
    setStorageDown(down) {
      w.storageDown = down;
      locations.revalidateAll();
    },
    setApiDown,
    setVeleroStopped(stopped) {
      w.veleroStopped = stopped;
      engine.kick();
    },
    denyAccess: (checks) => w.access.deny(checks),
    allowAllAccess: () => w.access.allowAll(),
    fireSchedule: (name) => schedules.fire(name),
    calls: w.calls,
    resources: (namespace) => w.cluster.live().filter((r) => namespace === undefined || r.namespace === namespace).map(toRef),
  };

  return {
    mode: 'demo',
    cluster: createDemoCluster(w, () => locations.revalidateAll()),
    velero(namespace: string) {
      let service = services.get(namespace);
      if (!service) {
        service = createDemoVelero(w, namespace, () => gc.schedule());
        services.set(namespace, service);
      }
      return service;
    },
    storage: createDemoStorage(w),
    leases: createDemoLeases(w),
    demo,
    close() {
      if (w.closed) return;
      w.closed = true;
      engine.stop();
      for (const store of w.allStores()) store.closeWatches();
      w.cluster.cancelWaiters();
    },
  };
}
