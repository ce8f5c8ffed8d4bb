import { afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, DEMO_PROFILE, type DemoBackend } from '../../../src/services/demo/index.js';
import { VELERO_KINDS, type VeleroKind } from '../../../src/services/model.js';
import { BASE, DEMO_DEST, pausedBackend } from './helpers.js';

const opened: DemoBackend[] = [];
afterEach(() => {
  for (const b of opened.splice(0)) b.close();
});

function open(...args: Parameters<typeof pausedBackend>): DemoBackend {
  const b = pausedBackend(...args);
  opened.push(b);
  return b;
}

async function snapshot(b: DemoBackend) {
  const out: Record<string, unknown> = {};
  for (const kind of Object.keys(VELERO_KINDS) as VeleroKind[]) out[kind] = await b.velero('velero').list(kind);
  out.namespaces = await b.cluster.listNamespaces();
  out.resources = b.demo.resources();
  out.bucket = await b.storage.listBackups(DEMO_DEST);
  out.log = await b.storage.readBackupLog(DEMO_DEST, 'instance-6pz4k');
  return out;
}

describe('demo seeds', () => {
  it('start identically every time (same clock → same objects, names, uids, versions)', async () => {
    const [a, b] = [open(), open()];
    expect(await snapshot(a)).toEqual(await snapshot(b));
    const x = await a.velero('velero').create('Backup', { metadata: { generateName: 'instance-' }, spec: {} });
    const y = await b.velero('velero').create('Backup', { metadata: { generateName: 'instance-' }, spec: {} });
    expect(x).toEqual(y);
  });

  it('default: the names the README lists', async () => {
    const b = open();
    const velero = b.velero('velero');
    const backups = await velero.list('Backup');
    expect(backups.map((x) => `${x.metadata.name} ${x.status?.phase}`)).toEqual([
      'instance-6pz4k Completed',
      'snapshots-full-20250612000000 Completed',
      'harness-q8rtx Completed',
      'harness-w2f9c PartiallyFailed',
      'instance-b7n4s Failed',
      'instance-m5k8d PartiallyFailed',
      'instance-t9x6l Completed',
      'harness-c5j2v Completed',
    ]);
    const full = backups.filter((x) => x.metadata.annotations?.['kots.io/instance'] === 'true').map((x) => x.metadata.name);
    expect(full).toEqual(['instance-6pz4k', 'snapshots-full-20250612000000', 'instance-b7n4s', 'instance-m5k8d', 'instance-t9x6l']);
    expect(backups.find((x) => x.metadata.name === 'instance-b7n4s')?.status?.failureReason).toBeTruthy();
    expect(backups.find((x) => x.metadata.name === 'harness-c5j2v')?.status?.expiration).toBe('2025-06-12T12:30:00Z');
    expect(backups.find((x) => x.metadata.name === 'harness-w2f9c')?.status).toMatchObject({ errors: 1, warnings: 2 });
    expect((await velero.list('Restore')).map((r) => `${r.metadata.name} ${r.status?.phase}`)).toEqual([
      'instance-t9x6l-20250606101500 Completed',
      'harness-w2f9c-20250611093000 PartiallyFailed',
    ]);
    expect((await velero.list('Schedule')).map((s) => s.metadata.name)).toEqual(['snapshots-full']);
    const [bsl] = await velero.list('BackupStorageLocation');
    expect(bsl).toMatchObject({
      metadata: { name: 'default' },
      spec: { provider: 'aws', objectStorage: { bucket: 'harness-snapshots', prefix: 'cluster-a' }, config: { s3Url: 'http://minio.velero.svc:9000', s3ForcePathStyle: 'true' }, default: true },
      status: { phase: 'Available' },
    });
    expect((await b.cluster.listNamespaces()).map((n) => n.name)).toEqual(['kotsadm', 'harness', 'default', 'kube-system', 'velero']);
    expect((await b.cluster.listNamespaces('kots.io/app-slug=harness')).map((n) => n.name)).toEqual(['harness']);
    expect(await b.cluster.findDeployments('velero')).toEqual(['velero']);
    expect((await velero.serverStatus(1000)).plugins).toContainEqual({ name: 'velero.io/aws', kind: 'ObjectStore' });
    expect(b.cluster.info()).toEqual({ context: 'demo', server: 'https://demo.invalid', source: 'demo', contexts: ['demo'] });
    expect(b.mode).toBe('demo');
    expect(DEMO_PROFILE).toMatchObject({ slug: 'harness', appNamespaces: ['harness'], adminNamespace: 'kotsadm', source: 'demo', storageLocation: 'default' });
  });

  it('empty: Velero runs, nothing configured', async () => {
    const b = open({ seed: 'empty' });
    const velero = b.velero('velero');
    expect(await velero.list('Backup')).toEqual([]);
    expect(await velero.list('BackupStorageLocation')).toEqual([]);
    expect(await velero.list('Schedule')).toEqual([]);
    expect(await b.cluster.getSecret('velero', 'cloud-credentials')).toBeUndefined();
    expect((await velero.serverStatus(1000)).serverVersion).toBe('v1.18.2');
  });

  it('no-velero: the cluster answers, Velero is nowhere', async () => {
    const b = open({ seed: 'no-velero' });
    await expect(b.cluster.ping()).resolves.toBeUndefined();
    expect(await b.cluster.findDeployments('velero')).toEqual([]);
    expect(await b.cluster.deploymentExists('velero', 'velero')).toBe(false);
    await expect(b.velero('velero').serverStatus(1000)).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(b.velero('velero').list('Backup')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('unreachable: every call fails with the API address', async () => {
    const b = open({ seed: 'unreachable' });
    const err = await b.cluster.ping().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unreachable', message: 'Cannot reach the Kubernetes API at https://10.0.0.1:6443: connection refused' });
    expect(b.cluster.info().server).toBe('https://10.0.0.1:6443');
    await expect(b.velero('velero').list('Backup')).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('many: thousands of completed snapshots, quickly', async () => {
    const started = Date.now();
    const b = createDemoBackend({ now: () => BASE, seed: 'many' });
    opened.push(b);
    const backups = await b.velero('velero').list('Backup');
    expect(backups).toHaveLength(5000);
    expect(new Set(backups.map((x) => x.metadata.name)).size).toBe(5000);
    expect(backups.every((x) => x.status?.phase === 'Completed')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await b.storage.listBackups(DEMO_DEST)).toHaveLength(5000);
    const small = open({ seed: 'many', manyCount: 12 });
    expect(await small.velero('velero').list('Backup')).toHaveLength(12);
  });

  it('profile overrides rename the app', async () => {
    const b = open({ profile: { slug: 'shop', appNamespaces: ['shop'] } });
    expect(b.demo.profile.slug).toBe('shop');
    expect((await b.cluster.listLabelled(['shop'], 'kots.io/app-slug=shop')).length).toBe(19);
    expect((await b.velero('velero').list('Backup')).map((x) => x.metadata.name)).toContain('shop-q8rtx');
  });
});
