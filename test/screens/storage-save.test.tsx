// Saving storage settings writes exactly one credentials Secret and the BSL
// `default`, field by field, then shows Velero's verdict.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, DEMO_ENDPOINT, DEMO_SECRET_KEY } from '../../src/services/demo/index.js';
import { ServiceError, type VeleroService } from '../../src/services/interfaces.js';
import { backupsOfLocation } from '../../src/state/storage-run.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { choose, CTRL_S, callsOf, fill, iniOf, openForm, openStorage, writtenLocations } from './storage-helpers.js';

let h: AppHarness;
afterEach(() => h?.unmount());

describe('Saving storage settings', () => {
  it('S3-compatible with new keys and a new bucket: confirm, exact Secret and BSL, verdict, old snapshots explained', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Bucket', 'dr-bucket');
    await fill(h, 'Prefix', 'velero');
    await fill(h, 'Access key ID', 'NEWACCESSKEY01');
    await fill(h, 'Secret key', 'new-secret-01');
    await h.press(CTRL_S);
    const confirm = await h.waitFor('Apply these settings?');
    const flat = confirm.replace(/[\s│]+/g, ' ');
    expect(flat).toContain('The 8 snapshots listed now stay in bucket harness-snapshots/cluster-a at http://minio.velero.svc:9000.');
    expect(flat).toContain('Velero lists only snapshots of its configured locations');
    expect(h.backend.demo.calls).toEqual([]);

    await h.press('enter');
    const done = await h.waitFor(/Velero synced at .* and lists \d+ snapshots? from this location/);
    // Velero drops only Completed snapshots missing from the new bucket; failed ones stay listed.
    const listed = Object.values(h.ctx.store.getState().objects.Backup);
    expect(listed.every((b) => b.status?.phase !== 'Completed')).toBe(true);
    expect(done).toContain(`lists ${backupsOfLocation(listed)} snapshot`);
    expect(done).toContain('● Available — Velero can use the location');
    expect(done).toContain('✔ Secret velero/cloud-credentials');
    expect(done).toContain('✔ BackupStorageLocation velero/default');
    expect(done.replace(/\s+/g, ' ')).toContain('Snapshots taken before stay in bucket harness-snapshots/cluster-a at http://minio.velero.svc:9000; they are no longer listed.');

    expect(h.backend.demo.calls.map((c) => c.method)).toEqual(['putSecret', 'update']);
    const [secret] = callsOf(h, 'putSecret');
    expect(secret!.args).toEqual(['velero', 'cloud-credentials', { cloud: iniOf('NEWACCESSKEY01', 'new-secret-01') }, undefined]);
    const [bsl] = writtenLocations(h);
    expect(bsl!.apiVersion).toBe('velero.io/v1');
    expect(bsl!.kind).toBe('BackupStorageLocation');
    expect(bsl!.metadata.name).toBe('default');
    expect(bsl!.metadata.namespace).toBe('velero');
    expect(bsl!.metadata.labels).toEqual({ component: 'velero' });
    expect(bsl!.spec.provider).toBe('aws');
    expect(bsl!.spec.objectStorage).toEqual({ bucket: 'dr-bucket', prefix: 'velero' });
    expect(bsl!.spec.config).toEqual({ region: 'us-east-1', s3Url: DEMO_ENDPOINT, s3ForcePathStyle: 'true', checksumAlgorithm: '' });
    expect(bsl!.spec.credential).toEqual({ name: 'cloud-credentials', key: 'cloud' });
    expect(bsl!.spec.default).toBe(true);
    expect(bsl!.spec.accessMode).toBe('ReadWrite');

    await h.press('enter');
    await h.waitFor(/Bucket\s+dr-bucket {2}prefix velero/);
    await h.waitFor(/Credentials\s+key ••••EY01/);
  });

  it('Amazon S3 with the instance role: a BSL without credential or endpoint, and the old keys leave the Secret Velero mounts (else it would go on using them)', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('left');
    await h.waitFor('(•) Amazon S3');
    await fill(h, 'Bucket', 'prod-snapshots');
    await fill(h, 'Prefix', '');
    await fill(h, 'Region', 'eu-west-3');
    await choose(h, 'Credentials', 'Instance role (no keys stored)');
    await h.press(CTRL_S);
    await h.waitFor('Apply these settings?');
    await h.press('enter');
    await h.waitFor('Secret velero/cloud-credentials: old keys removed (the instance role is used)');
    // The demo cluster runs on no cloud instance: Velero finds no role, and says so.
    await h.waitFor(/● Unavailable — Velero cannot use the location: .*no EC2 IMDS role found/s);
    await h.waitFor('Velero found no credentials: give the instance an IAM role');
    expect(h.backend.demo.calls.map((c) => c.method)).toEqual(['putSecret', 'update']);
    const [ns, name, data] = h.backend.demo.calls[0]!.args as [string, string, Record<string, string>];
    expect([ns, name]).toEqual(['velero', 'cloud-credentials']);
    expect(data.cloud).not.toMatch(/aws_access_key_id|aws_secret_access_key/);
    const [bsl] = writtenLocations(h);
    expect(bsl!.spec.objectStorage).toEqual({ bucket: 'prod-snapshots' });
    expect(bsl!.spec.config).toEqual({ region: 'eu-west-3' });
    expect(bsl!.spec.credential).toBeUndefined();
    expect(bsl!.spec.accessMode).toBe('ReadWrite');
  });

  it('empty key fields keep the stored keys: the Secret is not rewritten; a same-place change needs no confirmation', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Region', 'minio');
    await h.press(CTRL_S);
    await h.waitFor('● Available');
    expect(h.frame()).toContain('✔ Secret velero/cloud-credentials (unchanged)');
    expect(h.frame()).not.toContain('Apply these settings?');
    expect(h.backend.demo.calls.map((c) => c.method)).toEqual(['update']);
    expect(await h.backend.cluster.getSecret('velero', 'cloud-credentials')).toEqual({ cloud: iniOf(DEMO_ACCESS_KEY, DEMO_SECRET_KEY) });
    const [bsl] = writtenLocations(h);
    expect(bsl!.spec.config?.region).toBe('minio');
    expect(bsl!.spec.credential).toEqual({ name: 'cloud-credentials', key: 'cloud' });
  });

  it('a rotated secret alone keeps the stored key ID', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Secret key', 'rotated-secret');
    await h.press(CTRL_S);
    await h.waitFor('● Available');
    expect(callsOf(h, 'putSecret')[0]!.args[2]).toEqual({ cloud: iniOf(DEMO_ACCESS_KEY, 'rotated-secret') });
  });

  it('when the BSL write fails, the previous Secret is restored and the screen says so', async () => {
    h = await renderApp();
    await openStorage(h);
    const session = h.ctx.session!;
    session.velero = {
      ...session.velero,
      update: async () => {
        throw new ServiceError('forbidden', 'backupstoragelocations.velero.io "default" is forbidden: cannot update');
      },
    } as VeleroService;
    await openForm(h);
    await fill(h, 'Secret key', 'another-secret');
    await h.press(CTRL_S);
    const frame = await h.waitFor('were restored');
    const flat = frame.replace(/\s+/g, ' ');
    expect(frame).toContain('✔ Secret velero/cloud-credentials');
    expect(flat).toContain('✖ BackupStorageLocation velero/default: backupstoragelocations.velero.io "default" is forbidden: cannot update');
    expect(frame).toContain('✔ Restore Secret velero/cloud-credentials');
    expect(flat).toContain('The previous credentials in Secret cloud-credentials were restored; the location is unchanged.');
    expect(callsOf(h, 'putSecret').map((c) => c.args[2])).toEqual([{ cloud: iniOf(DEMO_ACCESS_KEY, 'another-secret') }, { cloud: iniOf(DEMO_ACCESS_KEY, DEMO_SECRET_KEY) }]);
    await h.press('enter');
    await h.waitFor('Check and save');
  });

  it('internal storage entered by hand: Velero gets the in-cluster URL, the node URL is kept as publicUrl', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('right');
    await h.waitFor('(•) Internal storage');
    await fill(h, 'Endpoint URL', 'http://minio.minio');
    await fill(h, 'Node URL', 'http://10.96.0.30');
    await h.press(CTRL_S);
    await h.waitFor('Apply these settings?');
    await h.press('enter');
    await h.waitFor('● Available');
    const [bsl] = writtenLocations(h);
    expect(bsl!.spec.config).toEqual({ region: 'us-east-1', s3Url: 'http://minio.minio', s3ForcePathStyle: 'true', publicUrl: 'http://10.96.0.30', checksumAlgorithm: '' });
    await h.press('enter');
    await h.waitFor('Node URL');
    expect(h.frame()).toContain('Internal storage is lost with the cluster');
  });
});
