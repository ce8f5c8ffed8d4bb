// Velero's schedule controller: validates a Schedule when it is created or
// changed (Enabled / FailedValidation). Nothing fires by the clock — a daily
// cron would never run during a demo — fire() does what the cron would.
import type { Backup } from '../model.js';
import { SCHEDULE_NAME_LABEL } from '../profile.js';
import { cronErrors } from './cron.js';
import { kubeTime, nameStamp } from './time.js';
import type { Controller, World } from './world.js';

export class ScheduleController implements Controller {
  readonly velero = true;
  private readonly pending = new Set<string>();

  constructor(private readonly w: World) {}

  created(kind: string, name: string): void {
    if (kind === 'Schedule') this.pending.add(name);
  }

  updated(kind: string, name: string): void {
    this.created(kind, name);
  }

  deleted(kind: string, name: string): void {
    if (kind === 'Schedule') this.pending.delete(name);
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  tick(): void {
    for (const name of this.pending) {
      this.pending.delete(name);
      const s = this.w.get('Schedule', name);
      if (!s) continue;
      const errors = cronErrors(s.spec.schedule ?? '');
      if (s.spec.template?.labelSelector && (s.spec.template.orLabelSelectors?.length ?? 0) > 0) {
        errors.push('encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified');
      }
      this.w.store.modify('Schedule', name, (x) => {
        const { validationErrors: _old, ...rest } = x.status ?? {};
        x.status = errors.length > 0 ? { ...rest, phase: 'FailedValidation', validationErrors: errors } : { ...rest, phase: 'Enabled' };
      });
    }
  }

  /** Creates the backup the schedule's cron would create now; undefined when paused, invalid or already fired this second. */
  fire(name: string): Backup | undefined {
    const w = this.w;
    const s = w.get('Schedule', name);
    if (!s || s.spec.paused || s.status?.phase !== 'Enabled') return undefined;
    const now = w.now();
    const backupName = `${name}-${nameStamp(now)}`;
    if (w.get('Backup', backupName)) return undefined;
    const backup = w.store.insert('Backup', {
      metadata: {
        name: backupName,
        labels: { ...s.metadata.labels, [SCHEDULE_NAME_LABEL]: name },
        ...(s.metadata.annotations ? { annotations: { ...s.metadata.annotations } } : {}),
      },
      spec: structuredClone(s.spec.template),
    });
    w.store.modify('Schedule', name, (x) => {
      x.status = { ...x.status, lastBackup: kubeTime(now) };
    });
    w.notify('created', 'Backup', backupName);
    return structuredClone(backup);
  }
}
