// What Velero's backup and restore controllers share in the simulation:
// objects created without a phase wait in creation order, one runs at a time,
// and deleting an object drops it from the queue or stops its run.
import type { Controller, World } from './world.js';

export abstract class QueuedController<R extends { name: string }> implements Controller {
  readonly velero = true;
  /** Created but not started yet, in creation order. */
  protected readonly waiting = new Set<string>();
  protected run: R | undefined;

  constructor(
    protected readonly w: World,
    private readonly kind: 'Backup' | 'Restore',
  ) {}

  created(kind: string, name: string): void {
    if (kind === this.kind && !this.w.get(this.kind, name)?.status?.phase) this.waiting.add(name);
  }

  deleted(kind: string, name: string): void {
    if (kind !== this.kind) return;
    this.waiting.delete(name);
    if (this.run?.name === name) this.run = undefined;
  }

  busy(): boolean {
    return this.waiting.size > 0 || this.run !== undefined;
  }

  abstract tick(): void;
}
