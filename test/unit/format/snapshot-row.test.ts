import { describe, expect, it } from 'vitest';
import type { Backup, BackupPhase } from '../../../src/services/model.js';
import { cellText, fitCell, fitMiddle, headerLine, rowLine, snapshotColumns, snapshotRow } from '../../../src/format/snapshot-row.js';

const NOW = new Date('2025-06-12T12:00:00Z');

function backup(phase: BackupPhase | undefined, extra: Partial<NonNullable<Backup['status']>> = {}, meta: Partial<Backup['metadata']> = {}): Backup {
  return {
    metadata: { name: 'harness-abc12', creationTimestamp: '2025-06-12T11:00:00Z', ...meta },
    spec: {},
    status: phase ? { phase, startTimestamp: '2025-06-12T11:00:00Z', ...extra } : undefined,
  };
}

describe('snapshot rows', () => {
  const cases: [BackupPhase | undefined, Partial<NonNullable<Backup['status']>>, string, string][] = [
    [undefined, {}, 'Starting', 'busy'],
    ['New', {}, 'Starting', 'busy'],
    ['Queued', { queuePosition: 3 }, 'Queued (#3)', 'busy'],
    ['ReadyToStart', {}, 'Starting', 'busy'],
    ['InProgress', {}, 'In progress', 'busy'],
    ['InProgress', { progress: { totalItems: 200, itemsBackedUp: 50 } }, 'In progress 25%', 'busy'],
    ['WaitingForPluginOperations', {}, 'Uploading volumes', 'busy'],
    ['WaitingForPluginOperationsPartiallyFailed', {}, 'Uploading volumes (errors)', 'warn'],
    ['Finalizing', {}, 'Finalizing', 'busy'],
    ['FinalizingPartiallyFailed', {}, 'Finalizing (errors)', 'warn'],
    ['Completed', { completionTimestamp: '2025-06-12T11:02:05Z', expiration: '2025-07-12T11:00:00Z' }, 'Completed', 'ok'],
    ['Completed', { completionTimestamp: '2025-06-12T11:02:05Z', expiration: '2025-06-12T11:30:00Z' }, 'Expired', 'muted'],
    ['PartiallyFailed', { completionTimestamp: '2025-06-12T11:02:05Z', errors: 2, warnings: 1 }, 'Incomplete (partially failed)', 'warn'],
    ['Failed', { completionTimestamp: '2025-06-12T11:00:30Z', failureReason: 'boom' }, 'Failed', 'error'],
    ['FailedValidation', { validationErrors: ['no location'] }, 'Failed validation', 'error'],
    ['Deleting', {}, 'Deleting', 'muted'],
  ];
  it.each(cases)('phase %s %j → %s', (phase, extra, label, tone) => {
    const row = snapshotRow(backup(phase, extra), NOW);
    expect(row.status).toBe(label);
    expect(row.tone).toBe(tone);
  });

  it('maps type, trigger, age, duration, expiry and counts', () => {
    const b = backup(
      'PartiallyFailed',
      { completionTimestamp: '2025-06-12T11:02:05Z', expiration: '2025-07-12T11:00:00Z', errors: 2, warnings: 1 },
      { annotations: { 'kots.io/instance': 'true' }, labels: { 'velero.io/schedule-name': 'snapshots-full' } },
    );
    const row = snapshotRow(b, NOW, { sizeBytes: 3 * 1024 * 1024 });
    expect(row).toMatchObject({ kind: 'full', trigger: 'schedule', started: '1h ago', duration: '2m 05s', expires: 'in 29d', errors: 2, warnings: 1, size: '3.0 MiB' });
    const partial = snapshotRow(backup('Completed', { completionTimestamp: '2025-06-12T11:00:40Z' }), NOW);
    expect(partial).toMatchObject({ kind: 'partial', trigger: 'manual', duration: '40s', size: '' });
  });

  it('shows elapsed time as the duration of a running snapshot', () => {
    expect(snapshotRow(backup('InProgress'), NOW).duration).toBe('1h 00m');
  });

  it('says Deleting while a DeleteBackupRequest is pending and Delete failed when the last one failed', () => {
    const done = backup('Completed', { completionTimestamp: '2025-06-12T11:02:05Z' });
    expect(snapshotRow(done, NOW, { deletion: { pending: true, errors: [] } }).status).toBe('Deleting');
    const failed = snapshotRow(backup('Deleting'), NOW, { deletion: { pending: false, errors: ['error deleting backup from backup storage'] } });
    expect(failed).toMatchObject({ status: 'Delete failed', tone: 'error' });
  });

  it('neutralises control sequences in names', () => {
    const row = snapshotRow(backup('Completed', {}, { name: 'evil\u001b[2Jname' }), NOW);
    expect(row.name).toBe('evilname');
    expect(row.search).toContain('evilname');
  });
});

describe('snapshot columns', () => {
  const ids = (w: number) => snapshotColumns(w).map((c) => c.id);
  const total = (w: number) => snapshotColumns(w).reduce((n, c) => n + c.width, 0) + snapshotColumns(w).length - 1;

  it('keeps name, type, status, started, size and counts at 80 columns and fits', () => {
    expect(ids(78)).toEqual(['name', 'type', 'status', 'started', 'size', 'errors', 'warnings']);
    expect(total(78)).toBeLessThanOrEqual(78);
  });

  it('adds duration, expiry and trigger as the terminal widens, and the long status at 118+', () => {
    expect(ids(98)).toEqual(['name', 'type', 'status', 'started', 'duration', 'size', 'expires', 'errors', 'warnings']);
    expect(ids(160)).toEqual(['name', 'type', 'trigger', 'status', 'started', 'duration', 'size', 'expires', 'errors', 'warnings']);
    expect(snapshotColumns(160).find((c) => c.id === 'status')?.width).toBe(29);
    for (const w of [60, 78, 98, 118, 160]) expect(total(w)).toBeLessThanOrEqual(Math.max(w, 20 + 18));
  });

  it('shortens long statuses in a narrow column', () => {
    const narrow = snapshotColumns(78).find((c) => c.id === 'status')!;
    const row = snapshotRow(backup('PartiallyFailed', { completionTimestamp: '2025-06-12T11:02:05Z' }), NOW);
    expect(cellText(row, narrow)).toBe('Incomplete');
    const wide = snapshotColumns(160).find((c) => c.id === 'status')!;
    expect(cellText(row, wide)).toBe('Incomplete (partially failed)');
  });

  it('pads and cuts cells to their width; names keep their timestamp end', () => {
    expect(fitCell('abc', 5)).toBe('abc  ');
    expect(fitCell('abc', 5, 'right')).toBe('  abc');
    expect(fitCell('abcdef', 4)).toBe('abc…');
    expect(fitMiddle('snapshots-full-20250612000000', 22)).toBe('snapshots-f…0612000000');
    const cols = snapshotColumns(78);
    const line = rowLine(snapshotRow(backup('Completed', { completionTimestamp: '2025-06-12T11:02:05Z' }), NOW), cols);
    expect(line.length).toBe(headerLine(cols).length);
  });
});
