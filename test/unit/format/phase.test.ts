import { describe, expect, it } from 'vitest';
import { backupPhaseView, isBackupRunning, isRestoreRunning, restorePhaseView } from '../../../src/format/phase.js';
import type { Backup, BackupPhase, RestorePhase } from '../../../src/services/model.js';

const now = new Date('2026-11-29T12:00:00Z');
const b = (phase?: BackupPhase, extra: Partial<NonNullable<Backup['status']>> = {}): Backup => ({ metadata: { name: 'x' }, spec: {}, status: { phase, ...extra } });

describe('backup phases in plain words', () => {
  const table: [BackupPhase, string, boolean, boolean][] = [
    ['New', 'Starting', true, false],
    ['Queued', 'Queued', true, false],
    ['ReadyToStart', 'Starting', true, false],
    ['FailedValidation', 'Failed validation', false, false],
    ['InProgress', 'In progress', true, false],
    ['WaitingForPluginOperations', 'Uploading volumes', true, false],
    ['WaitingForPluginOperationsPartiallyFailed', 'Uploading volumes (errors)', true, false],
    ['Finalizing', 'Finalizing', true, false],
    ['FinalizingPartiallyFailed', 'Finalizing (errors)', true, false],
    ['Completed', 'Completed', false, true],
    ['PartiallyFailed', 'Incomplete (partially failed)', false, true],
    ['Failed', 'Failed', false, false],
    ['Deleting', 'Deleting', false, false],
  ];
  it.each(table)('%s → %s', (phase, label, running, restorable) => {
    const view = backupPhaseView(b(phase), now);
    expect(view).toMatchObject({ label, running, restorable });
    expect(isBackupRunning(b(phase))).toBe(running);
  });

  it('shows the queue position', () => {
    expect(backupPhaseView(b('Queued', { queuePosition: 3 }), now).label).toBe('Queued (#3)');
  });

  it('marks completed snapshots past their expiry as Expired and not restorable', () => {
    const view = backupPhaseView(b('Completed', { expiration: '2026-11-29T11:00:00Z' }), now);
    expect(view).toMatchObject({ label: 'Expired', restorable: false });
    expect(backupPhaseView(b('Completed', { expiration: '2026-12-29T11:00:00Z' }), now).label).toBe('Completed');
  });

  it('treats a backup with no status yet as starting', () => {
    expect(backupPhaseView({ metadata: {}, spec: {} }, now).label).toBe('Starting');
  });
});

describe('restore phases', () => {
  const table: [RestorePhase, string, boolean][] = [
    ['New', 'Starting', true],
    ['InProgress', 'In progress', true],
    ['Completed', 'Completed', false],
    ['PartiallyFailed', 'Completed with errors (partially failed)', false],
    ['Failed', 'Failed', false],
    ['FailedValidation', 'Failed validation', false],
  ];
  it.each(table)('%s → %s', (phase, label, running) => {
    const r = { metadata: {}, spec: {}, status: { phase } };
    expect(restorePhaseView(r).label).toBe(label);
    expect(isRestoreRunning(r)).toBe(running);
  });
});
