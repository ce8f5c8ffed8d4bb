// What counts as progress for the stall detector.
import { describe, expect, it } from 'vitest';
import { runningFingerprints, stallSummary, stallText } from '../../../src/state/stall.js';
import { initialState } from '../../../src/state/reducer.js';
import type { Backup, BackupPhase } from '../../../src/services/model.js';
import type { AppState } from '../../../src/state/types.js';

const backup = (name: string, phase?: BackupPhase, items = 0): Backup => ({
  metadata: { name, creationTimestamp: '2025-06-12T09:00:00Z' },
  spec: {},
  status: phase ? { phase, progress: { itemsBackedUp: items, totalItems: 10 } } : undefined,
});

function stateWith(backups: Backup[], volumes: Record<string, unknown> = {}): AppState {
  const s = initialState({ mode: 'demo' });
  return { ...s, objects: { ...s.objects, Backup: Object.fromEntries(backups.map((b) => [b.metadata.name!, b])), PodVolumeBackup: volumes as AppState['objects']['PodVolumeBackup'] } };
}

describe('runningFingerprints', () => {
  it('tracks running snapshots; a queued one waiting behind a running one is not a stall of its own', () => {
    const fp = runningFingerprints(stateWith([backup('a', 'InProgress', 3), backup('b', 'Queued'), backup('c', 'Completed', 10)]));
    expect([...fp.keys()]).toEqual(['Backup/a']);
    const alone = runningFingerprints(stateWith([backup('b', 'Queued')]));
    expect([...alone.keys()]).toEqual(['Backup/b']);
  });

  it('changes when items or a volume of the snapshot progress, not for other snapshots’ volumes', () => {
    const pvb = (name: string, owner: string, bytes: number) => ({ metadata: { name, labels: { 'velero.io/backup-name': owner } }, spec: {}, status: { phase: 'InProgress', progress: { bytesDone: bytes } } });
    const key = 'Backup/a';
    const base = runningFingerprints(stateWith([backup('a', 'InProgress', 3)], { v1: pvb('v1', 'a', 10) })).get(key)!.fingerprint;
    expect(runningFingerprints(stateWith([backup('a', 'InProgress', 4)], { v1: pvb('v1', 'a', 10) })).get(key)!.fingerprint).not.toBe(base);
    expect(runningFingerprints(stateWith([backup('a', 'InProgress', 3)], { v1: pvb('v1', 'a', 20) })).get(key)!.fingerprint).not.toBe(base);
    expect(runningFingerprints(stateWith([backup('a', 'InProgress', 3)], { v1: pvb('v1', 'a', 10), v2: pvb('v2', 'other', 99) })).get(key)!.fingerprint).toBe(base);
  });
});

describe('stall wording', () => {
  const now = new Date('2025-06-12T09:01:00Z');
  const since = Date.parse('2025-06-12T09:00:15Z');
  it('says Velero is not processing only when the server does not answer', () => {
    const down = { kind: 'Backup' as const, name: 'a', since, server: { answering: false, detail: 'no answer within 8 s', at: 0 } };
    expect(stallSummary(down, now)).toBe('Velero is not processing: snapshot a, no progress for 45s, the server does not answer');
    expect(stallText(down, now)).toContain('the Velero server does not answer (no answer within 8 s)');
    expect(stallSummary({ ...down, server: { answering: true, at: 0 } }, now)).toBe('snapshot a: no progress for 45s (Velero answers; busy?)');
    expect(stallSummary({ ...down, server: { at: 0 } }, now)).toBe('snapshot a: no progress for 45s (Velero not checked: no right to ask)');
    expect(stallSummary({ ...down, server: undefined }, now)).toBe('snapshot a: no progress for 45s, checking Velero…');
  });
});
