import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { choose, CTRL_S, fill, focus, focusedLine, openForm, openStorage } from './storage-helpers.js';

let h: AppHarness;
afterEach(() => h?.unmount());

describe('Storage form', () => {
  it('prefills the current S3-compatible location, keys masked as "keep current"', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    const f = h.frame();
    expect(f).toContain('Edit the storage destination');
    expect(f).toMatch(/› Destination\s+\( \) Amazon S3 {2}\(•\) S3-compatible {2}\( \) Internal storage/);
    expect(f).toMatch(/Endpoint URL\s+http:\/\/minio\.velero\.svc:9000/);
    expect(f).toMatch(/Bucket\s+harness-snapshots/);
    expect(f).toMatch(/Prefix\s+cluster-a/);
    expect(f).toMatch(/Access key ID\s+keep current ••••1234/);
    expect(f).toMatch(/Secret key\s+keep current/);
  });

  it('moves with tab, shift-tab, up and down, and wraps around', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('tab');
    await h.waitFor('› Endpoint URL');
    await h.press('down', 'down');
    await h.waitFor('› Bucket');
    await h.press('shift-tab');
    await h.waitFor('› Region');
    await h.press('up', 'up');
    await h.waitFor('› Destination');
    await h.press('shift-tab');
    await h.waitFor(/› +Check and save/);
  });

  it('tabs and arrows read together (tmux send-keys, a fast hand) move one field or option each', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('\t\t\t');
    await h.waitFor('› Bucket');
    await h.press('\u001b[Z\u001b[Z');
    await h.waitFor('› Endpoint URL');
    // Arrows read together on a choice each move one option: S3-compatible → Internal storage → Amazon S3.
    await h.press('shift-tab');
    await h.waitFor('› Destination');
    expect(h.frame()).toContain('(•) S3-compatible');
    await h.press('\u001b[C\u001b[C');
    await h.waitFor('(•) Amazon S3');
  });

  it('shows field errors as you type and clears them when fixed', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Bucket', 'Snap');
    await h.waitFor('✖ Bucket "Snap" contains "S"; use lowercase letters');
    await fill(h, 'Bucket', 'snap/x');
    await h.waitFor('✖ Bucket "snap/x" contains "/": put only the bucket name here');
    await fill(h, 'Bucket', 'snap-2');
    await h.waitFor((f) => !f.includes('✖ Bucket'));
    await fill(h, 'Endpoint URL', 'minio:9000');
    await h.waitFor(/✖ Endpoint "minio:9000" (is not a URL|uses "minio")/);
  });

  it('on submit focuses the first invalid field and does nothing else', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Prefix', '/bad');
    await fill(h, 'Bucket', '');
    await focus(h, 'Access');
    await h.press(CTRL_S);
    await h.waitFor(focusedLine('Bucket'));
    expect(h.frame()).toContain('✖ Bucket is required');
    expect(h.frame()).toContain('✖ Prefix "/bad" starts with "/"');
    await fill(h, 'Bucket', 'ok-bucket');
    await h.press(CTRL_S);
    await h.waitFor(focusedLine('Prefix'));
    expect(h.backend.demo.calls).toEqual([]);
    expect(h.ctx.store.getState().storageRun).toBeUndefined();
  });

  it('switching to Amazon S3 shows the credentials choice; the instance role hides the key fields', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('left');
    await h.waitFor('(•) Amazon S3');
    expect(h.frame()).not.toContain('Endpoint URL');
    await choose(h, 'Credentials', 'Instance role (no keys stored)');
    await h.waitFor((f) => !f.includes('Secret key'));
    expect(h.frame()).not.toContain('Access key ID');
    // AWS regions are checked strictly; S3-compatible ones are not.
    await fill(h, 'Region', 'minio');
    await h.waitFor('✖ Region "minio" is not an AWS region');
  });

  it('internal storage warns that it does not survive the cluster and asks for both URLs', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('right');
    await h.waitFor('(•) Internal storage');
    const f = h.frame();
    expect(f).toContain('⚠ Internal storage is lost with the cluster: it cannot restore a lost cluster.');
    expect(f).toContain('S3 or S3-compatible storage is recommended, also for large snapshots.');
    await focus(h, 'Endpoint URL');
    await h.waitFor('In-cluster URL that Velero uses');
    await focus(h, 'Node URL');
    await h.waitFor("For this program's check: e.g. http://<Service ClusterIP>");
  });

  it('the secret key field shows bullets only; the key ID all but its last 4', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Access key ID', 'MYACCESSKEYID9876');
    await fill(h, 'Secret key', 'top-secret');
    await h.waitFor(/Secret key\s+••••••••••/);
    const f = h.frame();
    expect(f).toMatch(/Access key ID\s+•{13}9876/);
    expect(f).not.toContain('top-secret');
    expect(f).not.toContain('MYACCESSKEYID');
  });

  it('esc cancels at once when nothing changed, and asks again before discarding changes', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('esc');
    await h.waitFor('Space used');
    await openForm(h);
    await fill(h, 'Prefix', 'other');
    await h.press('esc');
    await h.waitFor('Press esc again to discard your changes');
    await h.press('esc');
    await h.waitFor('Space used');
    expect(h.backend.demo.calls).toEqual([]);
  });

  it('global keys type into fields instead of switching screens or quitting', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Prefix', 'q2?');
    await h.waitFor(/Prefix\s+q2\?/);
    expect(h.quit).toBe(false);
    expect(h.ctx.store.getState().route.screen).toBe('storage');
  });
});
