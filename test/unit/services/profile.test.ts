import { describe, expect, it } from 'vitest';
import {
  composeBackup,
  composeFullRestore,
  composePartialRestore,
  restoreName,
  snapshotKindOf,
  triggerOf,
} from '../../../src/services/profile.js';
import { testProfile } from '../../helpers/profile.js';

const profile = testProfile({ extraNamespaces: ['harness'], source: 'flags' });
const now = new Date('2026-11-29T08:05:09Z');

describe('snapshot composition (admin-console compatible)', () => {
  it('composes a partial snapshot from the app slug and namespaces', () => {
    expect(composeBackup(profile, 'partial', '720h0m0s', now)).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        generateName: 'harness-',
        annotations: { 'kots.io/snapshot-trigger': 'manual', 'kots.io/snapshot-requested': '2026-11-29T08:05:09.000Z' },
      },
      spec: {
        includeClusterResources: true,
        storageLocation: 'default',
        ttl: '720h0m0s',
        defaultVolumesToFsBackup: false,
        includedNamespaces: ['harness'],
        labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } },
      },
    });
  });

  it('composes a full snapshot with the admin namespace first, no duplicates, and the instance annotation', () => {
    const full = composeBackup(profile, 'full', '168h0m0s', now);
    expect(full.metadata.generateName).toBe('instance-');
    expect(full.metadata.annotations?.['kots.io/instance']).toBe('true');
    expect(full.spec.includedNamespaces).toEqual(['kotsadm', 'harness']);
    expect(full.spec.orLabelSelectors).toEqual([{ matchLabels: { 'kots.io/backup': 'velero' } }]);
    expect(full.spec.labelSelector).toBeUndefined();
    expect(snapshotKindOf(full)).toBe('full');
    expect(snapshotKindOf(composeBackup(profile, 'partial', '1h', now))).toBe('partial');
  });

  it('tells scheduled from manual snapshots', () => {
    expect(triggerOf({ metadata: { labels: { 'velero.io/schedule-name': 'x' } }, spec: {} })).toBe('schedule');
    expect(triggerOf({ metadata: { annotations: { 'kots.io/snapshot-trigger': 'schedule' } }, spec: {} })).toBe('schedule');
    expect(triggerOf({ metadata: {}, spec: {} })).toBe('manual');
  });

  it('names restores like the velero CLI', () => {
    expect(restoreName('instance-abcde', now)).toBe('instance-abcde-20261129080509');
  });

  it('composes full and partial restores', () => {
    expect(composeFullRestore('instance-abcde', now).spec).toEqual({
      backupName: 'instance-abcde',
      includeClusterResources: true,
      restorePVs: true,
      existingResourcePolicy: 'none',
    });
    const partial = composePartialRestore(profile, 'harness-x', now).spec;
    expect(partial.includedNamespaces).toEqual(['harness']);
    expect(partial.labelSelector).toEqual({ matchLabels: { 'kots.io/app-slug': 'harness' } });
  });
});
