import { describe, expect, it } from 'vitest';
import type { Backup, BackupStorageLocation, Restore, Schedule } from '../../../src/services/model.js';
import { composeBackupSpec } from '../../../src/services/profile.js';
import { initialState, reducer } from '../../../src/state/reducer.js';
import { createRefusal, currentRetention, planSnapshot, scheduleKind } from '../../../src/state/snapshots-plan.js';
import type { AppState } from '../../../src/state/types.js';
import { testProfile } from '../../helpers/profile.js';

const NOW = new Date('2025-06-12T12:00:00Z');
const PROFILE = testProfile({ extraNamespaces: ['extra'], source: 'flags' });

const bsl = (phase: 'Available' | 'Unavailable' | undefined, message?: string): BackupStorageLocation => ({
  metadata: { name: 'default' },
  spec: { provider: 'aws', objectStorage: { bucket: 'b' }, default: true },
  status: phase ? { phase, message } : undefined,
});
const schedule = (name: string, kind: 'full' | 'partial', ttl: string, created: string): Schedule => ({
  metadata: { name, creationTimestamp: created },
  spec: { schedule: '0 0 * * *', template: composeBackupSpec(PROFILE, kind, ttl) },
});

function stateWith(opts: { backups?: Backup[]; restores?: Restore[]; locations?: BackupStorageLocation[]; schedules?: Schedule[]; readonly?: boolean } = {}): AppState {
  let s = initialState({ mode: 'demo', readonly: opts.readonly });
  s = reducer(s, { type: 'profile/set', profile: PROFILE });
  s = reducer(s, { type: 'objects/reset', kind: 'BackupStorageLocation', items: opts.locations ?? [bsl('Available')] });
  s = reducer(s, { type: 'objects/reset', kind: 'Backup', items: opts.backups ?? [] });
  s = reducer(s, { type: 'objects/reset', kind: 'Restore', items: opts.restores ?? [] });
  s = reducer(s, { type: 'objects/reset', kind: 'Schedule', items: opts.schedules ?? [] });
  return s;
}

describe('retention of a new snapshot', () => {
  it('takes the TTL of the schedule of the same kind, the newest one when several', () => {
    const s = stateWith({
      schedules: [
        schedule('old-full', 'full', '168h0m0s', '2025-01-01T00:00:00Z'),
        schedule('harness-full', 'full', '2160h0m0s', '2025-03-01T00:00:00Z'),
        schedule('harness-partial', 'partial', '24h0m0s', '2025-02-01T00:00:00Z'),
      ],
    });
    expect(currentRetention(s, 'full')).toEqual({ ttl: '2160h0m0s', schedule: 'harness-full' });
    expect(currentRetention(s, 'partial')).toEqual({ ttl: '24h0m0s', schedule: 'harness-partial' });
  });

  it('falls back to Velero’s 30 days when no schedule of that kind exists', () => {
    const s = stateWith({ schedules: [schedule('harness-full', 'full', '2160h0m0s', '2025-03-01T00:00:00Z')] });
    expect(currentRetention(s, 'partial')).toEqual({ ttl: '720h0m0s' });
  });

  it('recognises a schedule kind from its template selectors', () => {
    const other: Schedule = { metadata: { name: 'x' }, spec: { schedule: '* * * * *', template: { includedNamespaces: ['*'] } } };
    expect(scheduleKind(schedule('a', 'full', '1h', ''), 'harness')).toBe('full');
    expect(scheduleKind(schedule('b', 'partial', '1h', ''), 'harness')).toBe('partial');
    expect(scheduleKind(schedule('b', 'partial', '1h', ''), 'other-app')).toBeUndefined();
    expect(scheduleKind(other, 'harness')).toBeUndefined();
  });
});

describe('plan of a new snapshot', () => {
  it('composes exactly the Backup the admin console would, with the current retention', () => {
    const s = stateWith({ schedules: [schedule('harness-partial', 'partial', '336h0m0s', '2025-02-01T00:00:00Z')] });
    const partial = planSnapshot(s, PROFILE, 'partial', NOW);
    expect(partial.refusal).toBeUndefined();
    expect(partial.namespaces).toEqual(['harness']);
    expect(partial.selector).toBe('kots.io/app-slug=harness');
    expect(partial.backup.metadata.generateName).toBe('harness-');
    expect(partial.backup.spec).toEqual(composeBackupSpec(PROFILE, 'partial', '336h0m0s'));
    const full = planSnapshot(s, PROFILE, 'full', NOW);
    expect(full.namespaces).toEqual(['kotsadm', 'harness', 'extra']);
    expect(full.selector).toBe('kots.io/backup=velero');
    expect(full.backup.metadata.annotations?.['kots.io/instance']).toBe('true');
    expect(full.backup.spec.ttl).toBe('720h0m0s');
    expect(full.location?.metadata.name).toBe('default');
  });
});

describe('create refusals', () => {
  const running: Backup = { metadata: { name: 'instance-run' }, spec: {}, status: { phase: 'InProgress', progress: { totalItems: 10, itemsBackedUp: 4 } } };
  const done: Backup = { metadata: { name: 'instance-done' }, spec: {}, status: { phase: 'Completed' } };

  it('allows a snapshot when storage is Available and nothing runs', () => {
    expect(createRefusal(stateWith({ backups: [done] }), NOW)).toBeUndefined();
  });

  it('refuses while another snapshot runs, naming it and its progress', () => {
    expect(createRefusal(stateWith({ backups: [done, running] }), NOW)).toMatch(/snapshot instance-run is still running \(in progress, 4\/10 items\)/);
  });

  it('refuses while a restore runs', () => {
    const restore: Restore = { metadata: { name: 'r1' }, spec: { backupName: 'instance-done' }, status: { phase: 'InProgress' } };
    expect(createRefusal(stateWith({ restores: [restore] }), NOW)).toMatch(/restore r1 is running .*wait for it to finish/);
  });

  it('refuses while a restore is still removing the app (no Restore object yet)', () => {
    const state = stateWith({});
    const preparing = {
      ...state,
      operations: { 'restore:harness-x-1': { id: 'restore:harness-x-1', title: 'Restore', status: 'running' as const, detail: 'removing 3 objects', startedAt: 0 } },
    };
    expect(createRefusal(preparing, NOW)).toMatch(/being prepared \(removing 3 objects\)/);
  });

  it('refuses without a storage location, or when it is not Available, saying which and why', () => {
    expect(createRefusal(stateWith({ locations: [] }), NOW)).toMatch(/no storage location is set up/);
    expect(createRefusal(stateWith({ locations: [bsl('Unavailable', 'BackupStorageLocation "default" is unavailable: rpc error: connection refused')] }), NOW)).toBe(
      'storage location "default" is Unavailable: BackupStorageLocation "default" is unavailable: rpc error: connection refused; fix it on the Storage screen',
    );
    expect(createRefusal(stateWith({ locations: [bsl(undefined)] }), NOW)).toMatch(/"default" is not validated yet/);
    const other = { ...bsl('Available'), metadata: { name: 'other' } };
    expect(createRefusal(stateWith({ locations: [other] }), NOW)).toMatch(/"default" does not exist \(found: other\)/);
  });

  it('refuses in read-only mode', () => {
    expect(createRefusal(stateWith({ readonly: true }), NOW)).toMatch(/read-only mode/);
  });
});
