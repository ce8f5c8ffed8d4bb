// Every storage check failure the demo can produce is shown with its step,
// message and hint, and nothing is written to the cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { CTRL_S, fill, focusButton, openForm, openStorage } from './storage-helpers.js';

let h: AppHarness;
afterEach(() => h?.unmount());

async function saveWith(fields: Record<string, string>, before?: (h: AppHarness) => void): Promise<string> {
  h = await renderApp();
  before?.(h);
  await openStorage(h);
  await openForm(h);
  for (const [label, value] of Object.entries(fields)) await fill(h, label, value);
  await h.press(CTRL_S);
  return h.waitFor('Nothing in the cluster was changed.');
}

const cases: { name: string; fields: Record<string, string>; before?: (h: AppHarness) => void; failed: string; ok: string[]; message: string; hint: string }[] = [
  {
    name: 'bucket does not exist',
    fields: { Bucket: 'missing-bucket' },
    failed: 'Open the bucket',
    ok: ['Reach the server'],
    message: 'Bucket "missing-bucket" does not exist at http://minio.velero.svc:9000',
    hint: 'Create the bucket first, or check the bucket name and endpoint',
  },
  {
    name: 'wrong secret key',
    fields: { 'Secret key': 'wrong' },
    failed: 'Open the bucket',
    ok: ['Reach the server'],
    message: 'The secret access key does not match access key ID ••••1234',
    hint: 'Re-enter the secret access key',
  },
  {
    name: 'server unreachable',
    fields: { 'Endpoint URL': 'http://unreachable.example:9000' },
    failed: 'Reach the server',
    ok: [],
    message: 'Connection to unreachable.example:9000 refused',
    hint: 'Check the port, and that the S3 server is running and listening there',
  },
  {
    name: 'no write permission',
    fields: {},
    before: (h) => h.backend.demo.failNext('validate', 'Access Denied: s3:PutObject on harness-snapshots'),
    failed: 'Write a test object',
    ok: ['Reach the server', 'Open the bucket'],
    message: 'Access Denied: s3:PutObject on harness-snapshots',
    hint: 'Velero needs s3:ListBucket, GetObject, PutObject and DeleteObject on the bucket',
  },
  {
    name: 'foreign folders at the bucket root',
    fields: { Bucket: 'shared-bucket', Prefix: '' },
    failed: "Check Velero's folder layout",
    ok: ['Reach the server', 'Open the bucket', 'Write a test object', 'Read it back', 'Delete it'],
    message: 'The root of bucket "shared-bucket" holds folders Velero does not use: reports/, website-assets/',
    hint: 'Velero marks such a location invalid',
  },
];

describe('Storage check failures', () => {
  it.each(cases)('$name: step, message and hint shown; nothing written', async (c) => {
    const frame = await saveWith(c.fields, c.before);
    const flat = frame.replace(/\s*\n\s*/g, ' ');
    expect(frame).toContain(`✖ ${c.failed}`);
    for (const step of c.ok) expect(frame).toContain(`✔ ${step}`);
    expect(flat).toContain(`✖ ${c.message}`);
    expect(flat).toContain(c.hint);
    expect(h.backend.demo.calls).toEqual([]);
    expect(h.ctx.store.getState().objects.BackupStorageLocation.default?.spec.objectStorage.bucket).toBe('harness-snapshots');
  });

  it('back to the form keeps what was typed, ready to fix', async () => {
    await saveWith({ Bucket: 'missing-bucket', Prefix: 'velero-dr' });
    await h.press('enter');
    await h.waitFor('Check and save');
    expect(h.frame()).toMatch(/Bucket\s+missing-bucket/);
    expect(h.frame()).toMatch(/Prefix\s+velero-dr/);
  });

  it('"Check only" runs the same steps, says nothing was saved, and writes nothing', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Prefix', 'fresh');
    await focusButton(h, 'Check only');
    await h.press('enter');
    const frame = await h.waitFor('✔ Storage check passed.');
    for (const step of ['Reach the server', 'Open the bucket', 'Write a test object', 'Read it back', 'Delete it', "Check Velero's folder layout"]) {
      expect(frame).toContain(`✔ ${step}`);
    }
    expect(frame).toContain('The bucket holds 0 snapshots. Nothing was saved.');
    expect(h.backend.demo.calls).toEqual([]);
  });

  it('v checks the current location with its stored keys', async () => {
    h = await renderApp();
    await openStorage(h);
    await h.press('v');
    const frame = await h.waitFor('✔ Storage check passed.');
    expect(frame).toContain('Checking bucket harness-snapshots/cluster-a at http://minio.velero.svc:9000');
    expect(frame).toContain('The bucket holds 8 snapshots.');
    await h.press('enter');
    await h.waitFor('Space used');
    expect(h.backend.demo.calls).toEqual([]);
  });

  it('a missing CA file is reported on its field before anything runs', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'CA certificate', '/nonexistent/ca.pem');
    await h.press(CTRL_S);
    await h.waitFor('✖ No file at /nonexistent/ca.pem');
    expect(h.ctx.store.getState().storageRun).toBeUndefined();
  });
});
