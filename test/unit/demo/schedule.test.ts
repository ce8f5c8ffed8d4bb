import { afterEach, describe, expect, it } from 'vitest';
import { cronErrors } from '../../../src/services/demo/cron.js';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import type { Schedule } from '../../../src/services/model.js';
import { composeBackupSpec } from '../../../src/services/profile.js';
import { pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => backend?.close());

function schedule(name: string, cron: string, paused = false): Schedule {
  return {
    metadata: { name, annotations: { 'kots.io/snapshot-trigger': 'schedule' } },
    spec: { schedule: cron, template: composeBackupSpec(backend.demo.profile, 'partial', '168h0m0s'), paused },
  };
}

describe('cron validation (Velero/robfig rules)', () => {
  it('accepts five-field crons, descriptors, @every and a time zone prefix', () => {
    for (const ok of ['0 0 * * *', '0 * * * *', '0 0 * * MON', '*/15 2-4 1,15 * 1-5', '@daily', '@midnight', '@every 6h', 'CRON_TZ=Europe/Paris 0 3 * * *']) {
      expect(cronErrors(ok), ok).toEqual([]);
    }
  });

  it('rejects what Velero rejects, with its messages', () => {
    expect(cronErrors('')).toEqual(['Schedule must be a non-empty valid Cron expression']);
    expect(cronErrors('0 0 * *')).toEqual(['invalid schedule: expected exactly 5 fields, found 4: [0 0 * *]']);
    expect(cronErrors('0 0 0 * * *')).toEqual(['invalid schedule: expected exactly 5 fields, found 6: [0 0 0 * * *]']);
    expect(cronErrors('@fortnightly')).toEqual(['invalid schedule: unrecognized descriptor: @fortnightly']);
    expect(cronErrors('@every soon')[0]).toContain('invalid duration "soon"');
    expect(cronErrors('61 * * * *')[0]).toMatch(/^invalid schedule: .*61/);
    expect(cronErrors('TZ=Mars/Olympus 0 0 * * *')[0]).toContain('unknown time zone Mars/Olympus');
  });
});

describe('demo schedules', () => {
  it('starts with the daily full schedule enabled', async () => {
    backend = pausedBackend();
    const [s] = await backend.velero('velero').list('Schedule');
    expect(s?.metadata.name).toBe('snapshots-full');
    expect(s?.spec).toMatchObject({ schedule: '0 0 * * *', paused: false, template: { ttl: '720h0m0s', orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }] } });
    expect(s?.status).toEqual({ phase: 'Enabled', lastBackup: '2025-06-12T00:30:00Z' });
  });

  it('validates a created or updated schedule on the next step', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    await velero.create('Schedule', schedule('snapshots-partial', '0 */6 * * *'));
    expect((await velero.get('Schedule', 'snapshots-partial'))?.status).toBeUndefined();
    backend.demo.step();
    expect((await velero.get('Schedule', 'snapshots-partial'))?.status).toEqual({ phase: 'Enabled' });

    await velero.update('Schedule', schedule('snapshots-partial', 'every day at noon'));
    backend.demo.step();
    const invalid = (await velero.get('Schedule', 'snapshots-partial'))!;
    expect(invalid.status?.phase).toBe('FailedValidation');
    expect(invalid.status?.validationErrors).toEqual(['invalid schedule: expected exactly 5 fields, found 4: [every day at noon]']);
    expect(backend.demo.fireSchedule('snapshots-partial')).toBeUndefined();

    await velero.update('Schedule', schedule('snapshots-partial', '@weekly'));
    backend.demo.step();
    expect((await velero.get('Schedule', 'snapshots-partial'))?.status).toEqual({ phase: 'Enabled' });
    expect(backend.demo.calls.map((c) => c.method)).toEqual(['create', 'update', 'update']);
  });

  it('fireSchedule creates <schedule>-YYYYMMDDhhmmss from the template and runs it', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    const backup = backend.demo.fireSchedule('snapshots-full')!;
    expect(backup.metadata.name).toBe('snapshots-full-20250612093000');
    expect(backup.metadata.labels).toEqual({ 'velero.io/schedule-name': 'snapshots-full' });
    expect(backup.metadata.annotations).toEqual({ 'kots.io/instance': 'true', 'kots.io/snapshot-trigger': 'schedule' });
    expect(backup.spec.orLabelSelectors).toEqual([{ matchLabels: { 'kots.io/backup': 'velero' } }]);
    expect((await velero.get('Schedule', 'snapshots-full'))?.status?.lastBackup).toBe('2025-06-12T09:30:00Z');
    // Same second again: Velero would get "already exists" and create nothing.
    expect(backend.demo.fireSchedule('snapshots-full')).toBeUndefined();
    backend.demo.step();
    expect((await velero.get('Backup', backup.metadata.name!))?.status?.phase).toBe('InProgress');
    expect(backend.demo.calls).toEqual([]);
  });

  it('does not fire a paused schedule', async () => {
    backend = pausedBackend();
    const velero = backend.velero('velero');
    await velero.create('Schedule', schedule('snapshots-partial', '0 0 * * *', true));
    backend.demo.step();
    expect((await velero.get('Schedule', 'snapshots-partial'))?.status?.phase).toBe('Enabled');
    expect(backend.demo.fireSchedule('snapshots-partial')).toBeUndefined();
    expect(backend.demo.fireSchedule('no-such-schedule')).toBeUndefined();
  });
});
