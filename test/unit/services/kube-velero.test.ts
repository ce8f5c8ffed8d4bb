// VeleroService's real code paths (CustomObjectsApi, the client's Watch class,
// our reconnect loop) against a scripted apiserver on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError, type WatchState } from '../../../src/services/interfaces.js';
import { KubeClient } from '../../../src/services/kube-http.js';
import type { Backup } from '../../../src/services/model.js';
import { KubeVeleroService } from '../../../src/services/velero.js';
import { FakeApiServer, route } from './fake-apiserver.js';

const BACKUPS = '/apis/velero.io/v1/namespaces/velero/backups';
const SSRS = '/apis/velero.io/v1/namespaces/velero/serverstatusrequests';
let api: FakeApiServer;

beforeAll(async () => {
  api = await new FakeApiServer().start();
});
afterAll(() => api.stop());
beforeEach(() => api.reset());

const velero = () => new KubeVeleroService(new KubeClient(api.loaded().kc), 'velero');
const backup = (name: string, rv: string, phase?: string): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', resourceVersion: rv },
  spec: { ttl: '720h0m0s' },
  status: phase ? { phase: phase as never } : undefined,
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('KubeVeleroService', () => {
  it('creates with generateName, filling apiVersion, kind and namespace', async () => {
    api.on(route('POST', BACKUPS, (s) => {
      const body = s.body as Backup;
      return { status: 201, body: { ...body, metadata: { ...body.metadata, name: `${body.metadata.generateName}x7k2p` } } };
    }));
    const created = await velero().create('Backup', { metadata: { generateName: 'harness-' }, spec: { ttl: '720h0m0s' } });
    expect(created.metadata.name).toBe('harness-x7k2p');
    expect(api.seen[0]?.body).toMatchObject({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { generateName: 'harness-', namespace: 'velero' } });
  });

  it('update is a read-modify-write with resourceVersion, retried on conflict', async () => {
    let rv = 1;
    api.on(route('GET', `${BACKUPS}/b1`, () => ({ status: 200, body: { ...backup('b1', String(rv), 'InProgress'), metadata: { name: 'b1', resourceVersion: String(rv), labels: { a: '1' } } } })));
    let puts = 0;
    api.on(route('PUT', `${BACKUPS}/b1`, (s) => {
      puts++;
      if (puts === 1) {
        rv++; // Velero wrote status in between
        return { status: 409, body: { kind: 'Status', code: 409, reason: 'Conflict', message: 'the object has been modified' } };
      }
      return { status: 200, body: s.body };
    }));
    const stored = await velero().update('Backup', { metadata: { name: 'b1' }, spec: { ttl: '24h0m0s' } });
    const lastPut = api.seen.filter((s) => s.method === 'PUT').at(-1)?.body as Backup;
    expect(puts).toBe(2);
    expect(lastPut.metadata.resourceVersion).toBe('2');
    expect(lastPut.spec).toEqual({ ttl: '24h0m0s' });
    expect(lastPut.metadata.labels).toEqual({ a: '1' });
    expect(lastPut.status?.phase).toBe('InProgress');
    expect(stored.spec.ttl).toBe('24h0m0s');
  });

  it('get returns undefined for a missing object; delete of a missing object succeeds', async () => {
    expect(await velero().get('Backup', 'nope')).toBeUndefined();
    await velero().delete('Backup', 'nope');
    expect(api.seen.map((s) => s.method)).toEqual(['GET', 'DELETE']);
  });

  it('names the resource and namespace when RBAC refuses', async () => {
    api.on(route('GET', BACKUPS, { status: 403, body: { kind: 'Status', code: 403, message: 'backups.velero.io is forbidden: User "bob" cannot list resource "backups" in API group "velero.io" in the namespace "velero"' } }));
    const err = await velero().list('Backup').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).kind).toBe('forbidden');
    expect((err as ServiceError).message).toContain('cannot list resource "backups"');
  });

  it('watch lists, streams events from the list resourceVersion, and unsubscribe closes the connection', async () => {
    api.on(route('GET', BACKUPS, (s) =>
      s.query.get('watch') === 'true' ? 'stream' : { status: 200, body: { apiVersion: 'velero.io/v1', kind: 'BackupList', metadata: { resourceVersion: '100' }, items: [backup('old', '90', 'Completed')] } }));
    const log: string[] = [];
    const states: WatchState[] = [];
    const service = velero();
    const stop = service.watch('Backup', {
      onReset: (items) => log.push(`reset ${items.map((b) => b.metadata.name).join(',')}`),
      onEvent: (type, b) => log.push(`${type} ${b.metadata.name} ${b.status?.phase ?? ''}`.trim()),
      onState: (s) => states.push(s),
    }, 'kots.io/app-slug=harness');
    await until(() => api.streams.length === 1);
    const stream = api.streams[0]!;
    expect(stream.query.get('resourceVersion')).toBe('100');
    expect(stream.query.get('allowWatchBookmarks')).toBe('true');
    expect(stream.query.get('labelSelector')).toBe('kots.io/app-slug=harness');
    stream.send('ADDED', backup('new', '101'));
    stream.send('MODIFIED', backup('new', '102', 'Completed'));
    await until(() => log.length === 3);
    expect(log).toEqual(['reset old', 'ADDED new', 'MODIFIED new Completed']);
    expect(states).toEqual(['connecting', 'live']);
    stop();
    await stream.closed;
    await until(() => api.openSockets() === 0);
  });

  it('unsubscribe also closes a watch connection that is still waiting for headers', async () => {
    api.on(route('GET', BACKUPS, (s) => (s.query.get('watch') === 'true' ? 'hang' : { status: 200, body: { metadata: { resourceVersion: '1' }, items: [] } })));
    const stop = velero().watch('Backup', { onReset: () => undefined, onEvent: () => undefined });
    await until(() => api.seen.some((s) => s.query.get('watch') === 'true'));
    expect(api.openSockets()).toBe(1);
    stop();
    await until(() => api.openSockets() === 0, 2000);
  });

  it('re-lists after the server drops the watch with an error', async () => {
    let lists = 0;
    api.on(route('GET', BACKUPS, (s) => {
      if (s.query.get('watch') === 'true') return 'stream';
      lists++;
      return { status: 200, body: { metadata: { resourceVersion: String(100 * lists) }, items: [] } };
    }));
    const states: string[] = [];
    const stop = velero().watch('Backup', { onReset: () => undefined, onEvent: () => undefined, onState: (s, e) => states.push(e ? `${s}: ${e.message}` : s) });
    await until(() => api.streams.length === 1);
    api.streams[0]!.send('ERROR', { kind: 'Status', code: 500, reason: 'InternalError', message: 'etcd is sad' });
    api.streams[0]!.end();
    await until(() => api.streams.length === 2, 5000);
    expect(api.streams[1]!.query.get('resourceVersion')).toBe('200');
    expect(states.slice(0, 3)).toEqual(['connecting', 'live', expect.stringMatching(/^reconnecting: .*etcd is sad/)]);
    await until(() => states.at(-1) === 'live');
    stop();
    await until(() => api.openSockets() === 0);
  });

  it('close() stops every watch it opened', async () => {
    api.on(route('GET', BACKUPS, (s) => (s.query.get('watch') === 'true' ? 'stream' : { status: 200, body: { metadata: { resourceVersion: '1' }, items: [] } })));
    const service = velero();
    service.watch('Backup', { onReset: () => undefined, onEvent: () => undefined });
    await until(() => api.streams.length === 1);
    service.close();
    await api.streams[0]!.closed;
  });

  it('serverStatus creates a request, waits for Processed, returns version and plugins, and deletes it', async () => {
    let gets = 0;
    api.on(route('POST', SSRS, (s) => ({ status: 201, body: { ...(s.body as object), metadata: { name: 'snapshots-tui-abcde', namespace: 'velero' } } })));
    api.on(route('GET', `${SSRS}/snapshots-tui-abcde`, () => {
      gets++;
      return { status: 200, body: { metadata: { name: 'snapshots-tui-abcde' }, status: gets < 3 ? {} : { phase: 'Processed', serverVersion: 'v1.18.2', plugins: [{ name: 'velero.io/aws', kind: 'ObjectStore' }] } } };
    }));
    api.on(route('DELETE', `${SSRS}/snapshots-tui-abcde`, { status: 200, body: {} }));
    const status = await velero().serverStatus(5000);
    expect(status).toEqual({ serverVersion: 'v1.18.2', plugins: [{ name: 'velero.io/aws', kind: 'ObjectStore' }] });
    expect(api.seen[0]?.body).toMatchObject({ kind: 'ServerStatusRequest', metadata: { generateName: 'snapshots-tui-' } });
    await until(() => api.seen.some((s) => s.method === 'DELETE'));
  });

  it('serverStatus rejects as unreachable when no Velero server processes the request', async () => {
    api.on(route('POST', SSRS, { status: 201, body: { metadata: { name: 'snapshots-tui-zzz' } } }));
    api.on(route('GET', `${SSRS}/snapshots-tui-zzz`, { status: 200, body: { metadata: { name: 'snapshots-tui-zzz' }, status: {} } }));
    api.on(route('DELETE', `${SSRS}/snapshots-tui-zzz`, { status: 200, body: {} }));
    const started = Date.now();
    const err = (await velero().serverStatus(1000).catch((e: unknown) => e)) as ServiceError;
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe('Velero server did not answer within 1 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(2000);
    await until(() => api.seen.some((s) => s.method === 'DELETE'));
  });
});
