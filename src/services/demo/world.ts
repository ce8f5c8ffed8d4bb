// Everything the simulation knows, shared by the services and controllers.
import { ServiceError } from '../interfaces.js';
import type { BackupStorageLocation, VeleroKind, VeleroKinds } from '../model.js';
import type { AppProfile } from '../profile.js';
import { DemoAccess } from './access.js';
import { Buckets } from './bucket.js';
import { ClusterState } from './cluster-state.js';
import { ObjectStore } from './object-store.js';
import { Rng } from './random.js';

export interface DemoCall {
  method: string;
  args: unknown[];
}

export type FailureTarget = 'backup' | 'restore' | 'validate';

/** A piece of Velero (or the apiserver) that advances once per tick. */
export interface Controller {
  /** True when it is part of the Velero server and so stops when Velero is stopped. */
  readonly velero: boolean;
  busy(): boolean;
  tick(): void;
  created?(kind: VeleroKind, name: string): void;
  updated?(kind: VeleroKind, name: string): void;
  deleted?(kind: VeleroKind, name: string): void;
}

export const VELERO_NAMESPACE = 'velero';
/** What a dialled but dead S3 endpoint looks like from inside the cluster. */
export const S3_DIAL_ERROR = 'dial tcp 10.96.114.2:9000: connect: connection refused';

export class World {
  readonly cluster = new ClusterState();
  readonly buckets = new Buckets();
  readonly calls: DemoCall[] = [];
  readonly access = new DemoAccess();
  readonly controllers: Controller[] = [];
  readonly names = new Rng(0x5eed);
  readonly store: ObjectStore;
  private readonly stores = new Map<string, ObjectStore>();
  private readonly failures: Record<FailureTarget, string[]> = { backup: [], restore: [], validate: [] };
  apiError: ServiceError | undefined;
  storageDown = false;
  veleroStopped = false;
  veleroInstalled = true;
  closed = false;
  kick: () => void = () => {};

  constructor(
    readonly profile: AppProfile,
    readonly clock: () => Date,
    readonly server: string,
  ) {
    this.store = this.storeFor(VELERO_NAMESPACE);
  }

  storeFor(namespace: string): ObjectStore {
    let store = this.stores.get(namespace);
    if (!store) {
      store = new ObjectStore(namespace, this.clock, () => this.names.uid());
      if (this.apiError) store.setDisconnected(this.apiError);
      this.stores.set(namespace, store);
    }
    return store;
  }

  allStores(): ObjectStore[] {
    return [...this.stores.values()];
  }

  /** Calls to the apiserver fail while it is "down". */
  guardApi(): void {
    if (this.closed) throw new ServiceError('unknown', 'The demo backend was closed');
    if (this.apiError) throw this.apiError;
  }

  failNext(target: FailureTarget, reason: string): void {
    this.failures[target].push(reason);
  }

  takeFailure(target: FailureTarget): string | undefined {
    return this.failures[target].shift();
  }

  record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args: structuredClone(args) });
  }

  get veleroRunning(): boolean {
    return this.veleroInstalled && !this.veleroStopped;
  }

  busy(): boolean {
    if (this.cluster.busy()) return true;
    return this.controllers.some((c) => (!c.velero || this.veleroRunning) && c.busy());
  }

  tick(): void {
    this.cluster.tick();
    for (const c of this.controllers) if (!c.velero || this.veleroRunning) c.tick();
  }

  notify(event: 'created' | 'updated' | 'deleted', kind: VeleroKind, name: string): void {
    for (const c of this.controllers) c[event]?.(kind, name);
    this.kick();
  }

  /** The BSL a spec names, or the default one. */
  location(name: string | undefined): BackupStorageLocation | undefined {
    if (name) return this.store.peek('BackupStorageLocation', name);
    return this.store.all('BackupStorageLocation').find((l) => l.spec.default);
  }

  get<K extends VeleroKind>(kind: K, name: string): VeleroKinds[K] | undefined {
    return this.store.peek(kind, name);
  }

  now(): Date {
    return this.clock();
  }
}
