// Velero's garbage collector: a finished backup past its expiration gets a
// DeleteBackupRequest. Velero checks hourly; the demo checks right after an
// expiration is changed (setBackupExpiration), so no timer runs when idle.
import type { BackupPhase } from '../model.js';
import { generateName } from './random.js';
import type { Controller, World } from './world.js';

const FINISHED: (BackupPhase | undefined)[] = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

export class GcController implements Controller {
  readonly velero = true;
  private due = false;

  constructor(private readonly w: World) {}

  /** Look for expired backups on the next tick. */
  schedule(): void {
    this.due = true;
    this.w.kick();
  }

  busy(): boolean {
    return this.due;
  }

  tick(): void {
    if (!this.due) return;
    this.due = false;
    const w = this.w;
    const now = w.now().getTime();
    const requested = new Set(
      w.store.all('DeleteBackupRequest').filter((d) => d.status?.phase !== 'Processed').map((d) => d.spec.backupName),
    );
    for (const b of w.store.all('Backup')) {
      const name = b.metadata.name!;
      const expiration = b.status?.expiration ? Date.parse(b.status.expiration) : NaN;
      if (!(expiration <= now) || !FINISHED.includes(b.status?.phase) || requested.has(name)) continue;
      const dbr = generateName(w.names, `${name}-`, (n) => w.get('DeleteBackupRequest', n) !== undefined);
      w.store.insert('DeleteBackupRequest', {
        metadata: { name: dbr, labels: { 'velero.io/backup-name': name, 'velero.io/backup-uid': b.metadata.uid ?? '' } },
        spec: { backupName: name },
      });
      w.notify('created', 'DeleteBackupRequest', dbr);
    }
  }
}
