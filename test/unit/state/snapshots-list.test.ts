import { describe, expect, it } from 'vitest';
import type { Backup, BackupPhase, DeleteBackupRequest } from '../../../src/services/model.js';
import { ageChangesIn, onGrid, createRowBuilder, deletionIndex, matchesFilter, nextOf, queryRows, rowsChangeIn, rowTimes, tabCounts, SORT_KEYS } from '../../../src/state/snapshots-list.js';
import { formatAge } from '../../../src/format/units.js';
import { snapshotRow } from '../../../src/format/snapshot-row.js';

const NOW = new Date('2025-06-12T12:00:00Z');

function backup(name: string, minutesAgo: number, phase: BackupPhase, full = false): Backup {
  const start = new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  return {
    metadata: { name, annotations: full ? { 'kots.io/instance': 'true' } : {} },
    spec: {},
    status: { phase, startTimestamp: start, ...(phase === 'InProgress' ? {} : { completionTimestamp: start }) },
  };
}

const list = [
  backup('instance-aaa', 30, 'Completed', true),
  backup('harness-bbb', 10, 'Failed'),
  backup('harness-ccc', 5, 'InProgress'),
  backup('instance-ddd', 60, 'PartiallyFailed', true),
  backup('zeta-eee', 20, 'Completed'),
];
const sizes = new Map([
  ['instance-aaa', 5000],
  ['zeta-eee', 9000],
  ['harness-bbb', 10],
]);
const rows = createRowBuilder()(list, NOW, new Map());
const names = (q: Parameters<typeof queryRows>[1]) => queryRows(rows, q, sizes).map((r) => r.name);

describe('snapshot list query', () => {
  it('orders newest first by default', () => {
    expect(names({ tab: 'all', sort: 'started', filter: '' })).toEqual(['harness-ccc', 'harness-bbb', 'zeta-eee', 'instance-aaa', 'instance-ddd']);
  });

  it('sorts by name, by status (running, failed, incomplete, completed) and by size (largest first, unknown last)', () => {
    expect(names({ tab: 'all', sort: 'name', filter: '' })).toEqual(['harness-bbb', 'harness-ccc', 'instance-aaa', 'instance-ddd', 'zeta-eee']);
    expect(names({ tab: 'all', sort: 'status', filter: '' })).toEqual(['harness-ccc', 'harness-bbb', 'instance-ddd', 'zeta-eee', 'instance-aaa']);
    expect(names({ tab: 'all', sort: 'size', filter: '' })).toEqual(['zeta-eee', 'instance-aaa', 'harness-bbb', 'harness-ccc', 'instance-ddd']);
  });

  it('shows only full or only partial snapshots per tab, and counts them', () => {
    expect(names({ tab: 'full', sort: 'started', filter: '' })).toEqual(['instance-aaa', 'instance-ddd']);
    expect(names({ tab: 'partial', sort: 'started', filter: '' })).toEqual(['harness-ccc', 'harness-bbb', 'zeta-eee']);
    expect(tabCounts(rows)).toEqual({ all: 5, full: 2, partial: 3 });
  });

  it('filters by name, type and status words, case-insensitively, every word required', () => {
    expect(names({ tab: 'all', sort: 'started', filter: 'HARNESS' })).toEqual(['harness-ccc', 'harness-bbb']);
    expect(names({ tab: 'all', sort: 'started', filter: 'failed' })).toEqual(['harness-bbb', 'instance-ddd']);
    expect(names({ tab: 'all', sort: 'started', filter: 'full incomplete' })).toEqual(['instance-ddd']);
    expect(names({ tab: 'all', sort: 'started', filter: 'in progress' })).toEqual(['harness-ccc']);
    expect(names({ tab: 'partial', sort: 'started', filter: 'completed' })).toEqual(['zeta-eee']);
    expect(matchesFilter(rows[0]!, '   ')).toBe(true);
  });

  it('cycles sort keys', () => {
    expect(SORT_KEYS.map((k) => nextOf(SORT_KEYS, k))).toEqual(['name', 'status', 'size', 'started']);
  });
});

describe('row builder', () => {
  const later = (ms: number) => new Date(NOW.getTime() + ms);

  it('rebuilds nothing as the clock moves, running rows included; rowTimes gives the drawn ages and durations', () => {
    const build = createRowBuilder();
    const first = build(list, NOW, new Map());
    for (const ms of [1000, 59_000, 61_000, 3_600_000, 86_400_000]) expect(build(list, later(ms), new Map())).toBe(first);
    const running = first.find((r) => r.name === 'harness-ccc')!;
    const done = first.find((r) => r.name === 'instance-aaa')!;
    expect(running.started).toBe('5m ago');
    // The drawn cells follow the clock although the row was built at NOW.
    expect(rowTimes(running, later(61_000))).toEqual({ started: '6m ago', duration: '6m 01s', expires: '—' });
    expect(rowTimes(done, later(3_600_000))).toEqual({ started: '1h ago', duration: '0s', expires: '—' });
    for (const r of first) {
      const fresh = snapshotRow(r.backup, later(90_000));
      expect(rowTimes(r, later(90_000))).toEqual({ started: fresh.started, duration: fresh.duration, expires: fresh.expires });
    }
  });

  it('rebuilds a row when its expiration passes (status Expired), and only that row', () => {
    const build = createRowBuilder();
    const expiring = (name: string, inMs: number): Backup => {
      const b = backup(name, 30, 'Completed');
      return { ...b, status: { ...b.status, expiration: later(inMs).toISOString() } };
    };
    const backups = [expiring('soon', 90_000), expiring('later', 7_200_000), ...list];
    const first = build(backups, NOW, new Map());
    expect(first[0]!.status).toBe('Completed');
    expect(build(backups, later(89_999), new Map())).toBe(first);
    const second = build(backups, later(90_000), new Map());
    expect(second).not.toBe(first);
    expect(second[0]!.status).toBe('Expired');
    expect(second[0]!.search).toContain('expired');
    second.slice(1).forEach((r, i) => expect(r).toBe(first[i + 1]));
    // Next change only when the second one expires.
    expect(build(backups, later(7_199_999), new Map())).toBe(second);
    const third = build(backups, later(7_200_000), new Map());
    expect(third[1]!.status).toBe('Expired');
    expect(third[0]).toBe(second[0]);
  });

  it('reuses rows of unchanged Backups and returns the same array when nothing changed', () => {
    const build = createRowBuilder();
    const finished = list.filter((b) => b.status?.phase !== 'InProgress');
    const first = build(finished, NOW, new Map());
    expect(build(finished, NOW, new Map())).toBe(first);
    const changed = [{ ...finished[0]!, status: { ...finished[0]!.status, errors: 3 } }, ...finished.slice(1)];
    const second = build(changed, NOW, new Map());
    expect(second).not.toBe(first);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.errors).toBe(3);
    expect(second.slice(1)).toEqual(first.slice(1));
    second.slice(1).forEach((r, i) => expect(r).toBe(first[i + 1]));
  });

  it('rebuilds a row when a deletion starts', () => {
    const build = createRowBuilder();
    const a = build(list, NOW, new Map());
    const b = build(list, NOW, new Map([['zeta-eee', { pending: true, errors: [] }]]));
    const zeta = (rs: typeof a) => rs.find((r) => r.name === 'zeta-eee')!;
    expect(zeta(a).status).toBe('Completed');
    expect(zeta(b).status).toBe('Deleting');
    expect(b.find((r) => r.name === 'instance-aaa')).toBe(a.find((r) => r.name === 'instance-aaa'));
  });
});

describe('deletion index', () => {
  const dbr = (backupName: string, phase: 'New' | 'InProgress' | 'Processed', created: string, errors?: string[]): DeleteBackupRequest => ({
    metadata: { name: `${backupName}-${created}`, creationTimestamp: created },
    spec: { backupName },
    status: { phase, errors },
  });

  it('marks pending requests and keeps the errors of the latest processed one', () => {
    const index = deletionIndex({
      a: dbr('one', 'InProgress', '2025-06-12T11:00:00Z'),
      b: dbr('two', 'Processed', '2025-06-12T10:00:00Z', ['old error']),
      c: dbr('two', 'Processed', '2025-06-12T11:00:00Z', ['backup is still in progress']),
      d: dbr('three', 'Processed', '2025-06-12T11:00:00Z', ['x']),
      e: dbr('three', 'New', '2025-06-12T11:30:00Z'),
    });
    expect(index.get('one')).toEqual({ pending: true, errors: [] });
    expect(index.get('two')).toEqual({ pending: false, errors: ['backup is still in progress'] });
    expect(index.get('three')).toEqual({ pending: true, errors: [] });
    expect(index.has('four')).toBe(false);
  });
});

describe('when the clock changes what the list shows', () => {
  it('ageChangesIn is exactly when formatAge reads differently, past and future, across every unit', () => {
    const at = NOW.getTime();
    const offsets = [0, 1, 999, 1000, 59_999, 60_000, 61_500, 3_599_999, 3_600_000, 5_400_000, 47 * 3_600_000 + 59 * 60_000, 48 * 3_600_000, 49 * 3_600_000 + 17, 30 * 86_400_000 + 123];
    let seed = 11;
    for (let i = 0; i < 200; i++) offsets.push(((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % (40 * 86_400_000)));
    for (const off of offsets) {
      for (const iso of [new Date(at - off).toISOString(), new Date(at + off).toISOString()]) {
        const ms = ageChangesIn(iso, NOW);
        expect(ms, `${iso}`).toBeGreaterThan(0);
        const text = formatAge(iso, NOW);
        // ISO strings keep milliseconds, so the boundary is exact.
        expect(formatAge(iso, new Date(at + ms - 1)), `${iso} ${text} +${ms - 1}`).toBe(text);
        expect(formatAge(iso, new Date(at + ms)), `${iso} ${text} +${ms}`).not.toBe(text);
      }
    }
    expect(ageChangesIn(undefined, NOW)).toBe(Infinity);
    expect(ageChangesIn('not a time', NOW)).toBe(Infinity);
  });

  it('rowsChangeIn is the soonest change of the given rows (start or expiration)', () => {
    const old = backup('instance-old', 90, 'Completed', true); // 1h ago: changes in 30 min
    const young = backup('harness-young', 5, 'Completed'); // 5m ago: changes in 60 s
    const built = createRowBuilder()([old, young], NOW, new Map());
    expect(rowsChangeIn(built.slice(0, 1), NOW)).toBe(30 * 60_000);
    expect(rowsChangeIn(built, NOW)).toBe(60_000);
    const expiring = { ...old, status: { ...old.status, expiration: new Date(NOW.getTime() + 10_500).toISOString() } };
    expect(rowsChangeIn(createRowBuilder()([expiring], NOW, new Map()), NOW)).toBe(501);
    expect(rowsChangeIn([], NOW)).toBe(Infinity);
  });

  it('onGrid puts a redraw on the first grid mark at or after the change', () => {
    const at = Date.parse('2026-11-29T12:00:07.250Z');
    expect(onGrid(at, 0, 15_000)).toBe(7750); // 12:00:15
    expect(onGrid(at, 7750, 15_000)).toBe(7750);
    expect(onGrid(at, 7751, 15_000)).toBe(22_750); // 12:00:30
    expect(onGrid(at, 60_000, 15_000)).toBe(67_750); // 12:01:15
    expect(onGrid(at, -5, 15_000)).toBe(7750);
  });

  it('the builder tells when the next row turns Expired', () => {
    const build = createRowBuilder();
    const b = backup('instance-x', 30, 'Completed', true);
    build([{ ...b, status: { ...b.status, expiration: new Date(NOW.getTime() + 5000).toISOString() } }, b], NOW, new Map());
    expect(build.nextExpiry() - NOW.getTime()).toBe(5000);
    build([b], NOW, new Map());
    expect(build.nextExpiry()).toBe(Infinity);
  });
});
