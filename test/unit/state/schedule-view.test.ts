import { describe, expect, it } from 'vitest';
import type { Backup, Schedule } from '../../../src/services/model.js';
import { retentionImpact } from '../../../src/state/schedule-retention.js';
import { buildScheduleView } from '../../../src/state/schedule-view.js';
import { testProfile } from '../../helpers/profile.js';

const profile = testProfile();

function schedule(name: string, template: Schedule['spec']['template'], extra: Partial<Schedule['spec']> = {}, status?: Schedule['status']): Schedule {
  return { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { schedule: '0 0 * * *', template, ...extra }, ...(status ? { status } : {}) };
}

const fullShape = { orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }], ttl: '168h' };
const partialShape = { labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } };

function backup(name: string, created: string, expiration: string | undefined, extra: Partial<Backup> = {}): Backup {
  return {
    metadata: { name, creationTimestamp: created, annotations: { 'kots.io/instance': 'true' } },
    spec: { ttl: '720h0m0s' },
    status: { phase: 'Completed', ...(expiration ? { expiration } : {}) },
    ...extra,
  };
}

describe('retentionImpact', () => {
  const now = new Date('2026-03-20T00:00:00Z');
  it('splits full snapshots into sooner (and past due), later, unchanged and skipped', () => {
    const backups = [
      backup('old', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z'),
      backup('recent', '2026-03-18T00:00:00Z', '2026-04-17T00:00:00Z'),
      backup('same', '2026-03-15T00:00:00Z', '2026-03-29T00:00:30Z'),
      backup('long', '2026-03-10T00:00:00Z', '2026-03-12T00:00:00Z'),
      backup('running', '2026-03-19T23:00:00Z', undefined, { status: { phase: 'InProgress' } }),
      backup('partial', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z', { metadata: { name: 'partial', creationTimestamp: '2026-03-01T00:00:00Z' }, spec: partialShape }),
      backup('manual-cli', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z', { metadata: { name: 'manual-cli', creationTimestamp: '2026-03-01T00:00:00Z' } }),
    ];
    const impact = retentionImpact(backups, profile, 'full', '336h0m0s', now);
    expect(impact.sooner).toEqual([
      { name: 'old', createdAt: '2026-03-01T00:00:00Z', current: '2026-03-31T00:00:00Z', next: '2026-03-15T00:00:00.000Z', pastDue: true },
      { name: 'recent', createdAt: '2026-03-18T00:00:00Z', current: '2026-04-17T00:00:00Z', next: '2026-04-01T00:00:00.000Z', pastDue: false },
    ]);
    expect(impact.later.map((c) => c.name)).toEqual(['long']);
    expect(impact.unchanged).toBe(1);
    expect(impact.skipped).toEqual([{ name: 'running', reason: 'still running; Velero sets its expiration' }]);
    expect(retentionImpact(backups, profile, 'partial', '336h0m0s', now).sooner.map((c) => c.name)).toEqual(['partial']);
  });
});

describe('buildScheduleView', () => {
  const now = new Date('2026-03-20T12:00:00Z');
  const made = (name: string, start: string, phase: 'Completed' | 'Failed'): Backup => ({
    metadata: { name, labels: { 'velero.io/schedule-name': 'nightly' } },
    spec: {},
    status: { phase, startTimestamp: start },
  });

  it('shows phase, meaning, next runs, retention and the newest snapshot from the cluster', () => {
    const s = schedule('nightly', fullShape, { schedule: '0 2 * * *' }, { phase: 'Enabled', lastBackup: '2026-03-20T02:00:00Z' });
    const backups = { a: made('a', '2026-03-19T02:00:00Z', 'Completed'), b: made('b', '2026-03-20T02:00:00Z', 'Failed') };
    const view = buildScheduleView('full', { schedules: { nightly: s }, backups, profile, now });
    expect(view).toMatchObject({
      name: 'nightly',
      paused: false,
      phase: 'Enabled',
      cron: '0 2 * * *',
      description: 'At 02:00',
      zone: 'UTC',
      nextRuns: ['2026-03-21T02:00:00.000Z', '2026-03-22T02:00:00.000Z', '2026-03-23T02:00:00.000Z'],
      retention: '1 week',
      lastBackupAt: '2026-03-20T02:00:00Z',
      snapshotCount: 2,
    });
    expect(view.lastSnapshot?.metadata.name).toBe('b');
  });

  it('has no next runs while paused or failing validation, and explains a cron Velero refuses', () => {
    const paused = buildScheduleView('full', { schedules: { n: schedule('n', fullShape, { paused: true }) }, backups: {}, profile, now });
    expect(paused).toMatchObject({ paused: true, nextRuns: [] });
    const broken = schedule('n', fullShape, { schedule: '0 0 * * 7' }, { phase: 'FailedValidation', validationErrors: ['invalid schedule: end of range (7) above maximum (6): 7'] });
    const view = buildScheduleView('full', { schedules: { n: broken }, backups: {}, profile, now });
    expect(view.validationErrors).toEqual(['invalid schedule: end of range (7) above maximum (6): 7']);
    expect(view.cronError).toMatch(/out of range 0-6/);
    expect(view.nextRuns).toEqual([]);
  });

  it('says when there is no schedule yet', () => {
    const view = buildScheduleView('partial', { schedules: {}, backups: {}, profile, now });
    expect(view.name).toBeUndefined();
    expect(view).toMatchObject({ paused: true, nextRuns: [], ttl: '720h0m0s', retention: '1 month (Velero default)' });
  });
});
