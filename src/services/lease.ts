// Leases (coordination.k8s.io/v1) as a cross-process marker: "this program, on
// that host, is doing X right now". The apiserver's optimistic concurrency
// (resourceVersion) makes taking one a compare-and-swap, so two sessions on
// two SSH connections cannot both win.

export interface Lease {
  name: string;
  /** Who holds it, e.g. "master-1 pid 4242". */
  holder: string;
  /** ISO times, as the apiserver stores them (microseconds). */
  acquiredAt: string;
  renewedAt: string;
  /** Past renewedAt + durationSeconds, the holder is presumed gone. */
  durationSeconds: number;
  /** What the holder is doing, for the others to show. */
  annotations: Record<string, string>;
  /** Set on leases read from the apiserver; a replace must carry it. */
  resourceVersion?: string;
}

export interface LeaseService {
  read(namespace: string, name: string): Promise<Lease | undefined>;
  /** Creates it; ServiceError 'conflict' when it already exists. */
  create(namespace: string, lease: Lease): Promise<Lease>;
  /** Replaces the version read (lease.resourceVersion); 'conflict' when it changed since. */
  replace(namespace: string, lease: Lease): Promise<Lease>;
  /** Deletes it if it is still that version; gone already is fine. */
  delete(namespace: string, name: string, resourceVersion?: string): Promise<void>;
}

/** Has the holder stopped renewing it? */
export function leaseExpired(lease: Lease, now: Date): boolean {
  const renewed = Date.parse(lease.renewedAt);
  return Number.isNaN(renewed) || now.getTime() > renewed + lease.durationSeconds * 1000;
}
