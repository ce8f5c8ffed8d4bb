// Known keys go through the whole flow (typing, a failed check, a save, the
// resulting view); neither they nor the stored demo keys may show in any frame,
// notice, operation detail or run state.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../src/services/demo/index.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { CTRL_S, callsOf, fill, iniOf, openForm, openStorage } from './storage-helpers.js';

const KEY_ID = 'AKIAKNOWNTESTID42';
const SECRET = 'S3cr3t/Known+Value_42';

let h: AppHarness;
afterEach(() => h?.unmount());

/** Pieces long enough to identify a secret; the key ID may show its last 4 only. */
const forbidden = [KEY_ID, KEY_ID.slice(0, 8), KEY_ID.slice(0, -4), SECRET, SECRET.slice(0, 6), SECRET.slice(-6), DEMO_ACCESS_KEY, DEMO_ACCESS_KEY.slice(0, -4), DEMO_SECRET_KEY];

describe('Secrets on the Storage screen', () => {
  it('never appear in any frame or in the state the UI renders from', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Bucket', 'missing-bucket');
    await fill(h, 'Access key ID', KEY_ID);
    await fill(h, 'Secret key', SECRET);
    await h.press(CTRL_S);
    await h.waitFor('Nothing in the cluster was changed.');
    await h.press('enter');
    await fill(h, 'Bucket', 'other-bucket');
    await fill(h, 'Secret key', 'wrong');
    await h.press(CTRL_S);
    await h.waitFor('The secret access key does not match access key ID ••••ID42');
    await h.press('enter');
    await fill(h, 'Secret key', SECRET);
    await h.press(CTRL_S);
    await h.waitFor('Apply these settings?');
    await h.press('enter');
    await h.waitFor(/Velero synced at/);
    await h.press('enter');
    await h.waitFor(/Credentials\s+key ••••ID42/);
    await h.press('v');
    await h.waitFor('✔ Storage check passed.');

    // The keys did reach the cluster...
    expect(callsOf(h, 'putSecret')[0]!.args[2]).toEqual({ cloud: iniOf(KEY_ID, SECRET) });
    // ...but no frame, notice or piece of state shown to the user ever held them.
    const frames = h.frames();
    expect(frames.length).toBeGreaterThan(50);
    const state = h.ctx.store.getState();
    const shown = [...frames, JSON.stringify(state.notice ?? null), JSON.stringify(state.operations), JSON.stringify(state.storageRun)];
    for (const text of shown) {
      for (const piece of forbidden) expect(text).not.toContain(piece);
    }
  });
});
