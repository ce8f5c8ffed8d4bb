import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe('the shell', () => {
  it('shows the demo banner, the connection and the four screens', async () => {
    app = await renderApp();
    const frame = await app.waitFor('storage Available');
    expect(frame).toContain('DEMO — simulated cluster');
    expect(frame).toContain('ctx demo');
    expect(frame).toContain('app harness');
    for (const title of ['1 Storage', '2 Snapshots', '3 Schedule', '4 Restore']) expect(frame).toContain(title);
  });

  it('switches screens with 1-4', async () => {
    app = await renderApp();
    await app.waitFor('app harness');
    await app.press('1');
    await app.waitFor(/harness-snapshots|Bucket/);
    await app.press('3');
    await app.waitFor(/daily|0 0 \* \* \*/i);
    expect(app.ctx.store.getState().route.screen).toBe('schedule');
    await app.press('4');
    expect(app.ctx.store.getState().route.screen).toBe('restore');
    await app.press('2');
    expect(app.ctx.store.getState().route.screen).toBe('snapshots');
  });

  it('opens help with ? listing the global keys, and closes it with esc', async () => {
    app = await renderApp();
    await app.waitFor('app harness');
    await app.press('?');
    const help = await app.waitFor('Help —');
    expect(help).toContain('Everywhere');
    expect(help).toContain('quit');
    await app.press('esc');
    await app.waitFor((f) => !f.includes('Help —'));
  });

  it('quits at once with q when nothing runs', async () => {
    app = await renderApp();
    await app.waitFor('app harness');
    expect(app.frame()).not.toContain('Quit while work is running');
    await app.press('q');
    expect(app.quit).toBe(true);
    expect(app.frame()).not.toContain('Quit while work is running');
  });

  it('asks before quitting while a snapshot runs, and says it keeps running', async () => {
    app = await renderApp();
    await app.waitFor('app harness');
    app.backend.demo.pause();
    const velero = app.ctx.session!.velero;
    await velero.create('Backup', { metadata: { generateName: 'harness-' }, spec: { includedNamespaces: ['harness'] } });
    await app.waitFor('● snapshot harness-');
    await app.press('q');
    const frame = await app.waitFor('Quit while work is running');
    expect(frame).toMatch(/snapshot harness-\S+ keeps running in the cluster/);
    await app.press('n');
    await app.waitFor((f) => !f.includes('Quit while work is running'));
    expect(app.quit).toBe(false);
    await app.press('q', 'y');
    expect(app.quit).toBe(true);
  });
});

describe('connection problems are explained, not thrown', () => {
  it('says the cluster is unreachable and offers retry and demo', async () => {
    app = await renderApp({ demo: { seed: 'unreachable' } });
    const frame = await app.waitFor('Cannot reach the Kubernetes API');
    expect(frame).toContain('connection refused');
    expect(frame).toMatch(/r\S* to retry/);
    expect(frame).toContain('demo');
    expect(frame).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    // The header claims nothing it could not learn: not "loading", and storage unknown rather than "not set".
    expect(frame).toMatch(/Velero \? not connected +storage unknown/);
    expect(frame).not.toContain('not set');
  });

  it('opens the demo with m when the cluster cannot be reached', async () => {
    app = await renderApp({ demo: { seed: 'unreachable' } });
    await app.waitFor('Cannot reach the Kubernetes API');
    await app.press('m');
    await app.waitFor('app harness');
    expect(app.ctx.store.getState()).toMatchObject({ mode: 'demo', connection: { status: 'ready' } });
  });

  it('says Velero is missing', async () => {
    app = await renderApp({ demo: { seed: 'no-velero' } });
    const frame = await app.waitFor('Velero is not installed');
    expect(frame).toContain('--velero-namespace');
  });

  it('retries with r and recovers when the API is back', async () => {
    app = await renderApp({ demo: { seed: 'unreachable' } });
    await app.waitFor('Cannot reach the Kubernetes API');
    app.backend.demo.setApiDown(false);
    await app.press('r');
    await app.waitFor('app harness');
    expect(app.ctx.store.getState().connection.status).toBe('ready');
  });
});

describe('reopening during a restore', () => {
  it('opens on the Restore screen when a restore is already running', async () => {
    const { createDemoBackend } = await import('../../src/services/demo/index.js');
    // A restore started by an earlier session, still running in the "cluster".
    const first = createDemoBackend({ tick: 20 });
    first.demo.pause();
    await first.velero('velero').create('Restore', { metadata: { name: 'instance-6pz4k-20261129000000' }, spec: { backupName: 'instance-6pz4k' } });
    first.demo.step(1);
    app = await renderApp({ backend: first });
    await app.waitFor('● restore instance-6pz4k-20261129000000');
    expect(app.ctx.store.getState().route.screen).toBe('restore');
  });
});
