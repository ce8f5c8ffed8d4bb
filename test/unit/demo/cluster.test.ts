import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DemoBackend } from '../../../src/services/demo/index.js';
import { parseSelector } from '../../../src/services/demo/selector.js';
import { pausedBackend } from './helpers.js';

let backend: DemoBackend;
afterEach(() => {
  backend?.close();
  vi.useRealTimers();
});

describe('demo cluster', () => {
  it('lists labelled objects by namespace and k=v selectors (comma-joined = all must match)', async () => {
    backend = pausedBackend();
    const c = backend.cluster;
    expect(await c.listLabelled(['harness'], 'kots.io/app-slug=harness')).toHaveLength(19);
    expect(await c.listLabelled(['harness', 'kotsadm'], 'kots.io/backup=velero')).toHaveLength(29);
    const pg = await c.listLabelled(['harness'], 'kots.io/app-slug=harness,app.kubernetes.io/component=postgres');
    expect(pg.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Secret/harness-db-credentials', 'Service/harness-postgres', 'StatefulSet/harness-postgres', 'PersistentVolumeClaim/data-harness-postgres-0', 'Pod/harness-postgres-0',
    ]);
    expect(pg[0]).toEqual({
      apiVersion: 'v1', kind: 'Secret', resource: 'secrets', namespace: 'harness', name: 'harness-db-credentials',
      labels: { 'kots.io/app-slug': 'harness', 'kots.io/backup': 'velero', 'app.kubernetes.io/name': 'harness', 'app.kubernetes.io/component': 'postgres' },
    });
    expect(await c.listLabelled(['kotsadm'], 'kots.io/app-slug=harness')).toEqual([]);
    expect((await c.listLabelled(['harness'], 'kots.io/app-slug!=harness')).map((r) => r.name)).toEqual(['kube-root-ca.crt']);
    expect(await c.listLabelled(['harness'], '!kots.io/app-slug')).toHaveLength(1);
    expect((await c.findLabelled!('kots.io/app-slug=harness')).map((r) => r.kind).sort()).toEqual([
      'ConfigMap', 'ConfigMap', 'Deployment', 'Deployment', 'Deployment', 'StatefulSet',
    ]);
    expect(() => parseSelector('a in (b)')).toThrow('unable to parse');
  });

  it('stores secrets and records exactly what was written', async () => {
    backend = pausedBackend();
    const data = { cloud: '[default]\naws_access_key_id=NEWKEY\naws_secret_access_key=NEWSECRET\n' };
    await backend.cluster.putSecret('velero', 'cloud-credentials', data, { 'app.kubernetes.io/managed-by': 'snapshots-tui' });
    expect(await backend.cluster.getSecret('velero', 'cloud-credentials')).toEqual(data);
    expect(backend.demo.calls).toEqual([{ method: 'putSecret', args: ['velero', 'cloud-credentials', data, { 'app.kubernetes.io/managed-by': 'snapshots-tui' }] }]);
    await expect(backend.cluster.putSecret('nowhere', 's', {})).rejects.toMatchObject({ kind: 'not-found' });
    expect(backend.demo.calls).toHaveLength(1);
  });

  it('deletes namespaces with everything in them, reporting what is left', async () => {
    backend = pausedBackend();
    const left: string[][] = [];
    const done = backend.cluster.deleteNamespaces(['harness'], 60_000, (l) => left.push(l));
    expect((await backend.cluster.listNamespaces()).find((n) => n.name === 'harness')?.phase).toBe('Terminating');
    backend.demo.step(4);
    await done;
    expect(left).toEqual([['harness'], ['harness'], ['harness']]);
    expect(backend.demo.resources('harness')).toEqual([]);
    expect(backend.demo.calls).toEqual([{ method: 'deleteNamespaces', args: [['harness']] }]);
  });

  it('times out waiting for objects nobody deletes', async () => {
    vi.useFakeTimers();
    backend = pausedBackend();
    const refs = await backend.cluster.listLabelled(['harness'], 'kots.io/app-slug=harness');
    const waiting = backend.cluster.waitGone(refs, 30_000);
    const outcome = waiting.catch((e: unknown) => e);
    vi.advanceTimersByTime(30_000);
    expect(await outcome).toMatchObject({ kind: 'unknown', message: '19 of 19 resources still exist after 30s' });
  });
});
