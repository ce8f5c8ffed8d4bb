// Shared set-up for the demo backend's tests: a fixed clock, the seeded
// destination, and a backend whose timer is paused so only step() advances it.
import { createDemoBackend, type DemoBackend, type DemoOptions } from '../../../src/services/demo/index.js';
import type { S3Destination } from '../../../src/services/interfaces.js';

export const BASE = new Date('2025-06-12T09:30:00Z');

export const DEMO_DEST: S3Destination = {
  bucket: 'harness-snapshots',
  prefix: 'cluster-a',
  region: 'us-east-1',
  endpoint: 'http://minio.velero.svc:9000',
  forcePathStyle: true,
  credentials: { accessKeyId: 'DEMOACCESSKEY1234', secretAccessKey: 'demo-secret-key-not-real' },
};

/** A backend on a fixed clock with its timer paused. */
export function pausedBackend(opts: DemoOptions = {}): DemoBackend {
  const backend = createDemoBackend({ now: () => BASE, ...opts });
  backend.demo.pause();
  return backend;
}

/** Steps until `done` holds (at most `max` steps); returns the steps taken. */
export async function stepUntil(backend: DemoBackend, done: () => Promise<boolean> | boolean, max = 50): Promise<number> {
  for (let i = 0; i <= max; i++) {
    if (await done()) return i;
    backend.demo.step();
  }
  throw new Error(`condition not reached within ${max} steps`);
}

/** Lets queued microtasks (watch resets) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
