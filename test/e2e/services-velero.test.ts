// The real VeleroService against the real lab (test/lab/up.sh): a Velero
// 1.18 server out of cluster with the AWS plugin and an S3 bucket.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, WatchState } from '../../src/services/interfaces.js';
import { openRealBackend } from '../../src/services/backend.js';
import type { Backup, BackupPhase } from '../../src/services/model.js';
import { REPO, expectEventually, readLab, withTimeout, type Lab } from './kube-lab.js';

const FINAL: BackupPhase[] = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const PREFIX = `e2e-velero-${process.pid}`;

let lab: Lab;
let backend: Backend;

beforeAll(async () => {
  lab = readLab();
  execFileSync('bash', [join(REPO, 'test/lab/fixture.sh')], { stdio: 'pipe' });
  backend = await openRealBackend({ kubeconfig: lab.kubeconfig });
});

afterAll(() => backend?.close());

describe('Velero', () => {
  it('serverStatus reports the lab version and the AWS object store plugin', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const status = await velero.serverStatus(30_000);
    expect(status.serverVersion).toMatch(/^v1\.18\.\d+/);
    expect(status.serverVersion).toBe(lab.veleroVersion);
    expect(status.plugins).toContainEqual({ name: 'velero.io/aws', kind: 'ObjectStore' });
  });

  it('lists the BackupStorageLocation as Available', async () => {
    const locations = await backend.velero(lab.veleroNamespace).list('BackupStorageLocation');
    expect(locations.find((l) => l.metadata.name === 'default')?.status?.phase).toBe('Available');
  });

  it('watches a Backup from creation to Completed, then deletes it through a DeleteBackupRequest', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const events: { type: string; name?: string; phase?: string }[] = [];
    const states: WatchState[] = [];
    let resets = 0;
    let created: Backup | undefined;
    let finished!: (b: Backup) => void;
    const done = new Promise<Backup>((r) => (finished = r));
    const stop = velero.watch('Backup', {
      onReset: () => resets++,
      onEvent: (type, b) => {
        events.push({ type, name: b.metadata.name, phase: b.status?.phase });
        if (created && b.metadata.name === created.metadata.name && b.status?.phase && FINAL.includes(b.status.phase)) finished(b);
      },
      onState: (s) => states.push(s),
    });
    try {
      await expectEventually(() => resets === 1);
      created = await velero.create('Backup', {
        metadata: { generateName: `${PREFIX}-` },
        spec: { includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } }, includeClusterResources: true, ttl: '1h0m0s', storageLocation: 'default' },
      });
      expect(created.metadata.name).toMatch(new RegExp(`^${PREFIX}-[a-z0-9]{5}$`));
      const final = await withTimeout(done, 120_000, () => `backup did not finish; events: ${JSON.stringify(events)}`);
      expect(final.status?.phase).toBe('Completed');
      expect(final.status?.progress?.itemsBackedUp).toBeGreaterThan(0);
      const mine = events.filter((e) => e.name === created?.metadata.name);
      expect(mine[0]?.type).toBe('ADDED');
      expect(mine.filter((e) => e.type === 'MODIFIED').length).toBeGreaterThan(0);
      expect(states).toContain('live');
      expect(resets).toBe(1); // a healthy watch never re-lists

      const name = created.metadata.name ?? '';
      await velero.create('DeleteBackupRequest', { metadata: { generateName: `${name}-` }, spec: { backupName: name } });
      await expectEventually(() => events.some((e) => e.type === 'DELETED' && e.name === name), 120_000);
      expect(await velero.get('Backup', name)).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('creates, updates (read-modify-write) and deletes a Schedule', async () => {
    const velero = backend.velero(lab.veleroNamespace);
    const name = `${PREFIX}-schedule`;
    const created = await velero.create('Schedule', { metadata: { name }, spec: { schedule: '0 0 * * *', paused: true, template: { includedNamespaces: ['harness'], ttl: '720h0m0s' } } });
    try {
      const updated = await velero.update('Schedule', { ...created, spec: { ...created.spec, schedule: '0 * * * *' } });
      expect(updated.spec.schedule).toBe('0 * * * *');
      expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
      expect((await velero.get('Schedule', name))?.spec.schedule).toBe('0 * * * *');
    } finally {
      await velero.delete('Schedule', name);
    }
    await expectEventually(async () => (await velero.get('Schedule', name)) === undefined);
  });

  it('a process that opened the backend and a watch exits on its own after close()', async () => {
    const { build } = await import('esbuild');
    const outfile = join(REPO, 'node_modules/.cache/services-kube-e2e/exit-check.mjs');
    await build({
      stdin: {
        contents: `
          import { openRealBackend } from './src/services/backend.ts';
          const backend = await openRealBackend({ kubeconfig: process.env.LAB_KUBECONFIG });
          await new Promise((resolve) => backend.velero('velero').watch('Backup', { onReset: resolve, onEvent() {} }));
          await backend.velero('velero').list('Backup');
          backend.close();
          console.log('closed');`,
        resolveDir: REPO,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    const child = spawn(process.execPath, [outfile], { env: { ...process.env, LAB_KUBECONFIG: lab.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const started = Date.now();
    const code = await withTimeout(new Promise<number | null>((r) => child.on('exit', r)), 20_000, () => {
      child.kill('SIGKILL');
      return `process did not exit after close(); output: ${out}`;
    });
    expect(out.trim()).toBe('closed');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
