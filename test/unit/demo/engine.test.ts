import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDemoBackend, type DemoBackend } from '../../../src/services/demo/index.js';
import { BASE } from './helpers.js';

let backend: DemoBackend;
afterEach(() => {
  backend?.close();
  vi.useRealTimers();
});

const partial = { metadata: { generateName: 'harness-' }, spec: { includedNamespaces: ['harness'], labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } } };

describe('demo simulation timer', () => {
  it('is idle when nothing is in progress, runs while something is, and goes idle again', async () => {
    vi.useFakeTimers();
    backend = createDemoBackend({ now: () => BASE });
    expect(backend.demo.busy()).toBe(false);
    expect(backend.demo.timerActive).toBe(false);
    expect(vi.getTimerCount()).toBe(0);

    const name = (await backend.velero('velero').create('Backup', partial)).metadata.name!;
    expect(backend.demo.timerActive).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(499);
    expect(backend.demo.ticks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(backend.demo.ticks).toBe(1);
    vi.advanceTimersByTime(500 * 20);
    expect((await backend.velero('velero').get('Backup', name))?.status?.phase).toBe('Completed');
    expect(backend.demo.ticks).toBe(10);
    expect(backend.demo.timerActive).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('honours tick and speed, and pause/resume', async () => {
    vi.useFakeTimers();
    backend = createDemoBackend({ now: () => BASE, tick: 200, speed: 4 });
    await backend.velero('velero').create('Backup', partial);
    vi.advanceTimersByTime(50);
    expect(backend.demo.ticks).toBe(1);
    backend.demo.pause();
    expect(backend.demo.paused).toBe(true);
    expect(backend.demo.timerActive).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(backend.demo.ticks).toBe(1);
    backend.demo.step(2);
    expect(backend.demo.ticks).toBe(3);
    backend.demo.resume();
    vi.advanceTimersByTime(50);
    expect(backend.demo.ticks).toBe(4);
  });

  it('never keeps the process alive: its timer is unref()ed', async () => {
    backend = createDemoBackend({ now: () => BASE });
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    await backend.velero('velero').create('Backup', partial);
    expect(backend.demo.timerActive).toBe(true);
    expect(timeouts()).toBe(before);
  });

  it('stops its timer when closed', async () => {
    vi.useFakeTimers();
    backend = createDemoBackend({ now: () => BASE });
    await backend.velero('velero').create('Backup', partial);
    backend.close();
    expect(backend.demo.timerActive).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
