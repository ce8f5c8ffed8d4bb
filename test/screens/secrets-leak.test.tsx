// Known secrets through every path of the TUI: keys typed into the storage
// form, checks that fail (no such bucket, a wrong secret, a server quoting the
// key back) and pass, apply, the storage view and check afterwards, a
// read-only attach; and a kubeconfig bearer token that an apiserver quotes in
// its error. No frame, and nothing in the store the screens render from, may
// hold them (the key ID may show its last 4 characters only). The values are
// random per run; failures name the secret, never print it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDemoBackend, MISSING_BUCKET, WRONG_SECRET, type DemoBackend } from '../../src/services/demo/index.js';
import { ServiceError } from '../../src/services/interfaces.js';
import { loadKubeConfig } from '../../src/services/kube-config.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { CTRL_S, callsOf, fill, focus, focusButton, iniOf, openForm, openStorage } from './storage-helpers.js';

const upper = (n: number) => [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const KEY_ID = `AKIA${upper(16)}`;
const SECRET = randomBytes(30).toString('base64').replace(/[+/=]/g, 'Q');
const TOKEN_BODY = randomBytes(48).toString('base64url');
const TOKEN = `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${TOKEN_BODY}.${randomBytes(64).toString('base64url')}`;

const PIECES: [label: string, value: string][] = [
  ['secret key', SECRET],
  ['start of the secret key', SECRET.slice(0, 10)],
  ['end of the secret key', SECRET.slice(-10)],
  ['access key ID', KEY_ID],
  ['access key ID beyond its last 4', KEY_ID.slice(0, -4)],
  ['bearer token', TOKEN],
  ['token payload', TOKEN_BODY.slice(0, 24)],
];
const leaks = (text: string) => PIECES.filter(([, v]) => text.includes(v)).map(([label]) => label);

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

/** No frame and nothing the UI renders from (the whole store) holds a secret. */
function expectNoLeak(app: AppHarness): void {
  const frames = app.frames();
  expect(frames.length).toBeGreaterThan(30);
  const framed = frames.map((f, i) => ({ frame: i, leaks: leaks(f) })).filter((x) => x.leaks.length);
  expect(framed).toEqual([]);
  expect(leaks(JSON.stringify(app.ctx.store.getState()))).toEqual([]);
}

describe('storage keys on the Storage screen', () => {
  it('typed, checked (failing and passing), applied, viewed and checked again: shown only masked', async () => {
    // The S3 server quotes the key ID and secret back in its error, as some gateways do.
    const base = createDemoBackend({ tick: 20 });
    let quoteKeys = false;
    const backend: DemoBackend = {
      ...base,
      storage: {
        ...base.storage,
        async validate(dest, onStep) {
          if (!quoteKeys) return base.storage.validate(dest, onStep);
          onStep?.('reach');
          const creds = dest.credentials!;
          return { ok: false, failedStep: 'reach', kind: 'unknown', message: `gateway refused key ${creds.accessKeyId} with secret ${creds.secretAccessKey}`, hint: `Authorization: AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/20250612/us-east-1/s3` };
        },
      },
    };
    h = await renderApp({ backend });
    await openStorage(h);
    await openForm(h);
    await fill(h, 'Access key ID', KEY_ID);
    await fill(h, 'Secret key', SECRET);
    await h.waitFor(/Secret key\s+•{10}/);

    // 1. A failing check: no such bucket.
    await fill(h, 'Bucket', MISSING_BUCKET);
    await h.press(CTRL_S);
    await h.waitFor('Nothing in the cluster was changed.');
    await h.press('enter');
    // 2. The server quotes the keys back.
    quoteKeys = true;
    await fill(h, 'Bucket', 'dr-bucket');
    await h.press(CTRL_S);
    await h.waitFor(/gateway refused key \[redacted\] with secret \[redacted\]/);
    await h.press('enter');
    quoteKeys = false;
    // 3. A wrong secret for the same ID: the ID is named masked.
    await fill(h, 'Secret key', WRONG_SECRET);
    await h.press(CTRL_S);
    await h.waitFor(`The secret access key does not match access key ID ••••${KEY_ID.slice(-4)}`);
    await h.press('enter');
    // 4. Check only, passing.
    await fill(h, 'Secret key', SECRET);
    await focusButton(h, 'Check only');
    await h.press('enter');
    await h.waitFor('✔ Storage check passed.');
    await h.press('enter');
    // 5. Check and save, apply.
    await h.press(CTRL_S);
    await h.waitFor('Apply these settings?');
    await h.press('enter');
    await h.waitFor(/Velero synced at/);
    await h.press('enter');
    // 6. The view afterwards, its check, and the form again (keys kept, shown masked).
    await h.waitFor(new RegExp(`Credentials\\s+key ••••${KEY_ID.slice(-4)}`));
    await h.press('v');
    await h.waitFor('✔ Storage check passed.');
    await h.press('enter');
    await openForm(h);
    await h.waitFor(new RegExp(`Access key ID\\s+keep current ••••${KEY_ID.slice(-4)}`));
    await focus(h, 'Secret key');
    await h.press('esc', 'esc');
    await h.waitFor('Space used');

    // The keys did reach the cluster, and only there.
    expect(callsOf(h, 'putSecret').map((c) => c.args[2])).toEqual([{ cloud: iniOf(KEY_ID, SECRET) }]);
    expectNoLeak(h);
  });
});

describe('a kubeconfig bearer token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-kube-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quoted back by the apiserver is not shown on the connection screen', async () => {
    // Loading the kubeconfig is what tells the program which token it holds.
    const file = join(dir, 'admin.conf');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: https://127.0.0.1:6443\nusers:\n- name: lab-admin\n  user:\n    token: ${TOKEN}\ncontexts:\n- name: lab\n  context:\n    cluster: lab\n    user: lab-admin\ncurrent-context: lab\n`,
    );
    loadKubeConfig({ kubeconfig: file }, { home: dir, exists: () => true, inCluster: false });
    const base = createDemoBackend({ tick: 20 });
    const backend: DemoBackend = {
      ...base,
      cluster: {
        ...base.cluster,
        async ping() {
          throw new ServiceError('forbidden', `forbidden: User "system:serviceaccount:lab:admin" with token ${TOKEN} cannot create selfsubjectreviews`, `Authorization: Bearer ${TOKEN}`);
        },
      },
    };
    h = await renderApp({ backend });
    await h.waitFor(/forbidden: User "system:serviceaccount:lab:admin" with token \[redacted\] cannot create/);
    await h.press('r');
    await h.waitFor(/with token \[redacted\]/);
    expect(h.frames().length).toBeGreaterThan(3);
    expect(h.frames().flatMap(leaks)).toEqual([]);
  });
});
