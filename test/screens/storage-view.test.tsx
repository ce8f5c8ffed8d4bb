import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { openStorage } from './storage-helpers.js';

let h: AppHarness;
afterEach(() => h?.unmount());

describe('Storage: current destination', () => {
  it('shows type, place, masked credentials, Velero status, sync and space used', async () => {
    h = await renderApp();
    await openStorage(h);
    const f = h.frame();
    expect(f).toMatch(/Type\s+S3-compatible/);
    expect(f).toMatch(/Bucket\s+harness-snapshots {2}prefix cluster-a/);
    expect(f).toMatch(/Region\s+us-east-1/);
    expect(f).toMatch(/Endpoint\s+http:\/\/minio\.velero\.svc:9000/);
    expect(f).toMatch(/CA cert\s+not set/);
    expect(f).toMatch(/Access\s+Read-write/);
    expect(f).toMatch(/Credentials\s+key ••••1234 in Secret cloud-credentials \(cloud\)/);
    expect(f).toMatch(/Status\s+● Available {2}checked \d+s ago/);
    expect(f).toMatch(/Last sync\s+\d+s ago · 8 snapshots listed/);
    expect(f).toMatch(/Space used\s+[\d.]+ GiB in \d+ objects · 8 snapshots in the bucket/);
    expect(f).toContain('e edit');
    expect(f).toContain('a attach bucket read-only');
  });

  it('shows Velero’s message when the location goes Unavailable, and the unreadable usage', async () => {
    h = await renderApp();
    await openStorage(h);
    h.backend.demo.setStorageDown(true);
    await h.waitFor(/● Unavailable/);
    const f = await h.waitFor((frame) => frame.replace(/\n\s+/g, '').includes('connect: connection refused'));
    expect(f.replace(/\n\s+/g, ' ')).toContain('BackupStorageLocation "default" is unavailable: operation error S3: ListObjectsV2');
    await h.press('ctrl-r');
    await h.waitFor(/Space used\s+unreadable: Connection to minio\.velero\.svc:9000 refused/);
  });

  it('--readonly hides the keys that change storage but still allows a check', async () => {
    h = await renderApp({ readonly: true });
    await openStorage(h);
    expect(h.frame()).not.toContain('e edit');
    expect(h.frame()).not.toContain('attach bucket');
    await h.press('e');
    await h.press('a');
    expect(h.frame()).toMatch(/Space used/);
    await h.press('v');
    await h.waitFor('✔ Storage check passed.');
    expect(h.backend.demo.calls).toEqual([]);
  });
});
