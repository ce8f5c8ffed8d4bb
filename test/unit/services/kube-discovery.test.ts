import { describe, expect, it } from 'vitest';
import { mapLimit, resourcePath, selectListable, splitApiVersion } from '../../../src/services/kube-discovery.js';

const ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch', 'deletecollection'];

describe('selectListable', () => {
  const core = [
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ALL },
    { name: 'pods', kind: 'Pod', namespaced: true, verbs: ALL },
    { name: 'pods/log', kind: 'Pod', namespaced: true, verbs: ['get'] },
    { name: 'pods/status', kind: 'Pod', namespaced: true, verbs: ['get', 'patch', 'update'] },
    { name: 'events', kind: 'Event', namespaced: true, verbs: ALL },
    { name: 'bindings', kind: 'Binding', namespaced: true, verbs: ['create'] },
    { name: 'namespaces', kind: 'Namespace', namespaced: false, verbs: ALL },
    { name: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: ['create'] },
  ];

  it('keeps namespaced, listable, deletable types and skips subresources and events', () => {
    expect(selectListable(core, '', 'v1')).toEqual([
      { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
      { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
    ]);
  });

  it('skips events.k8s.io events but not other groups\' types', () => {
    const events = [{ name: 'events', kind: 'Event', namespaced: true, verbs: ALL }];
    expect(selectListable(events, 'events.k8s.io', 'v1')).toEqual([]);
    const backups = [{ name: 'backups', kind: 'Backup', namespaced: true, verbs: ALL }];
    expect(selectListable(backups, 'velero.io', 'v1')).toEqual([{ group: 'velero.io', version: 'v1', resource: 'backups', kind: 'Backup' }]);
  });
});

describe('resourcePath', () => {
  it('builds core and group paths, namespaced or not', () => {
    expect(resourcePath('v1', 'configmaps', 'harness')).toBe('/api/v1/namespaces/harness/configmaps');
    expect(resourcePath('apps/v1', 'deployments', 'harness', 'web')).toBe('/apis/apps/v1/namespaces/harness/deployments/web');
    expect(resourcePath('v1', 'namespaces', undefined, 'harness')).toBe('/api/v1/namespaces/harness');
  });

  it('splits apiVersion', () => {
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(splitApiVersion('velero.io/v2alpha1')).toEqual({ group: 'velero.io', version: 'v2alpha1' });
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('rejects with the first failure and starts no new work after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
