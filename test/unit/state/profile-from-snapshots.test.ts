// With the app gone from the cluster (after an in-place restore removed its
// namespaces), its snapshots still say which app it is.
import { describe, expect, it } from 'vitest';
import { profileFromSnapshots } from '../../../src/state/profile.js';
import type { Backup, Schedule } from '../../../src/services/model.js';

const partial = (name: string, at: string, slug: string, ns: string[]): Backup => ({
  metadata: { name, creationTimestamp: at },
  spec: { includedNamespaces: ns, labelSelector: { matchLabels: { 'kots.io/app-slug': slug } } },
});
const full = (name: string, at: string, ns: string[]): Backup => ({
  metadata: { name, creationTimestamp: at },
  spec: { includedNamespaces: ns, orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }] },
});

describe('profileFromSnapshots', () => {
  it('takes the app and namespaces of the newest partial snapshot, the admin namespace from a full one', () => {
    const p = profileFromSnapshots(
      [partial('a', '2025-01-01T00:00:00Z', 'harness', ['old-ns']), partial('b', '2025-02-01T00:00:00Z', 'harness', ['harness']), full('i', '2025-01-15T00:00:00Z', ['admin', 'harness'])],
      [],
    );
    expect(p).toEqual({ slug: 'harness', appNamespaces: ['harness'], adminNamespace: 'admin', extraNamespaces: [], storageLocation: 'default', defaultVolumesToFsBackup: false, source: 'detected' });
  });
  it('reads a partial schedule template too', () => {
    const s: Schedule = { metadata: { name: 's', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { schedule: '0 0 * * *', template: partial('x', '', 'shop', ['shop']).spec } };
    expect(profileFromSnapshots([], [s])?.slug).toBe('shop');
  });
  it('gives up when snapshots name several apps, none, or an invalid slug', () => {
    expect(profileFromSnapshots([partial('a', '1', 'one', ['one']), partial('b', '2', 'two', ['two'])], [])).toBeUndefined();
    expect(profileFromSnapshots([full('i', '1', ['kotsadm', 'harness'])], [])).toBeUndefined();
    expect(profileFromSnapshots([partial('a', '1', 'Bad_Slug', ['x'])], [])).toBeUndefined();
  });
});
