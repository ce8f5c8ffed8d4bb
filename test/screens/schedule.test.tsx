// The Schedule screen driven by keys against the demo: what is written (the
// demo's calls log), what is refused, and what the cluster then shows.
import { afterEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/services/model.js';
import { renderApp, type AppHarness } from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const CLEAR = '\u0015'; // ctrl-u empties a text field

async function openSchedule(opts: Parameters<typeof renderApp>[0] = {}): Promise<AppHarness> {
  const harness = await renderApp(opts);
  await harness.waitFor('app harness');
  await harness.goto('schedule');
  await harness.waitFor('In the cluster snapshots-full ● enabled');
  return harness;
}

function writes(h: AppHarness) {
  return h.backend.demo.calls.filter((c) => ['create', 'update', 'setBackupExpiration'].includes(c.method));
}

const writtenSchedule = (h: AppHarness, i = 0) => writes(h)[i]?.args[1] as Schedule | undefined;

describe('the Schedule screen', () => {
  it('sets daily full snapshots kept 2 weeks, and shows the result from the cluster', async () => {
    app = await openSchedule();
    // kind → enabled → preset: Weekly, then back to Daily.
    await app.press('down', 'down', 'right');
    await app.waitFor('(•) Weekly');
    expect(app.frame()).toContain('0 0 * * MON');
    await app.press('left');
    await app.waitFor('(•) Daily');
    // → cron → retention: 2, unit weeks.
    await app.press('down', 'down', CLEAR);
    await app.type('2');
    await app.press('down', 'left');
    await app.waitFor('ttl 336h0m0s');
    expect(app.frame()).toContain('Unsaved edits');
    await app.press('enter');
    await app.waitFor('keep 2 weeks');
    expect(writes(app).map((c) => c.method)).toEqual(['update']);
    const written = writtenSchedule(app)!;
    expect(written.metadata.name).toBe('snapshots-full');
    expect(written.spec).toMatchObject({ schedule: '0 0 * * *', paused: false, skipImmediately: true, useOwnerReferencesInBackup: false, template: { ttl: '336h0m0s' } });
    const frame = await app.waitFor('In the cluster snapshots-full ● enabled');
    expect(frame).toContain('0 0 * * * — At 00:00 (UTC) · keep 2 weeks');
    expect(frame).toMatch(/Next +\d{4}-\d\d-\d\d 00:00/);
    expect(frame).not.toContain('Unsaved edits');
  });

  it('creates the partial schedule <slug>-partial from the Partial tab', async () => {
    app = await openSchedule();
    await app.press('right');
    await app.waitFor('Nothing scheduled yet; ⏎ creates Schedule harness-partial.');
    await app.press('down', ' ', 'down', 'left', 'left');
    await app.waitFor('(•) Hourly');
    await app.press('enter');
    await app.waitFor('In the cluster harness-partial ● enabled');
    const written = writtenSchedule(app)!;
    expect(writes(app)[0]?.method).toBe('create');
    expect(written.spec).toMatchObject({ schedule: '0 * * * *', paused: false, template: { ttl: '720h0m0s', labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } } });
  });

  it('refuses an invalid cron with the reason, saves nothing, and focuses it on submit', async () => {
    app = await openSchedule();
    await app.press('down', 'down', 'down', CLEAR);
    await app.type('61 * * * *');
    await app.waitFor("✖ minute field '61' is out of range 0-59");
    // Move away to retention, then submit: focus jumps back to the invalid cron.
    await app.press('down');
    await app.waitFor(/› Retention/);
    await app.press('enter');
    await app.waitFor("Nothing saved: minute field '61' is out of range 0-59");
    await app.waitFor(/› Cron/);
    await app.press(CLEAR);
    await app.type('0 0 0 * * *');
    await app.waitFor('✖ 6 fields: Velero does not accept a seconds');
    await app.press('enter');
    await app.waitFor('Nothing saved: 6 fields');
    expect(writes(app)).toEqual([]);
    // esc throws the edits away: the cluster's cron is back.
    await app.press('esc');
    await app.waitFor((f) => !f.includes('Unsaved edits') && f.includes('At 00:00 (Velero server time, UTC)'));
    // ...and leaves the text field: a digit is a screen key again, not typed into the cron.
    await app.waitFor(/› +Full snapshots/);
    await app.press('1');
    await app.waitFor(/Space used .*(in the bucket|unreadable)/);
    expect(writes(app)).toEqual([]);
  });

  it('esc in a text field with nothing to discard leaves the field', async () => {
    app = await openSchedule();
    await app.press('down', 'down', 'down');
    await app.waitFor(/› Cron/);
    await app.waitFor((f) => f.includes('esc leave field'));
    await app.press('esc');
    await app.waitFor(/› +Full snapshots/);
    await app.press('2');
    await app.waitFor(/ All \(\d+\) /);
    expect(writes(app)).toEqual([]);
  });

  it('disables the schedule keeping its settings, and enables it again', async () => {
    app = await openSchedule();
    await app.press('down', ' ');
    await app.waitFor('[ ] off (settings are kept)');
    await app.press('enter');
    await app.waitFor('⏸ paused (settings kept)');
    expect(writtenSchedule(app, 0)?.spec).toMatchObject({ paused: true, schedule: '0 0 * * *', template: { ttl: '720h0m0s' } });
    expect(app.frame()).not.toContain('Next ');
    await app.press(' ', 'enter');
    await app.waitFor('● enabled');
    expect(writtenSchedule(app, 1)?.spec).toMatchObject({ paused: false, schedule: '0 0 * * *', template: { ttl: '720h0m0s' } });
    // p pauses directly from a non-text field.
    await app.press('p');
    await app.waitFor('⏸ paused (settings kept)');
    expect(writtenSchedule(app, 2)?.spec).toMatchObject({ paused: true, schedule: '0 0 * * *' });
  });

  it('applies the saved retention to existing snapshots after a typed confirmation', async () => {
    app = await openSchedule();
    await app.press('down', 'down', 'down', 'down', CLEAR);
    await app.type('1');
    await app.press('down', 'left');
    await app.press('enter');
    await app.waitFor('keep 1 week');
    await app.press('r');
    const confirm = await app.waitFor('Apply retention 1 week to existing full snapshots?');
    expect(confirm).toContain('1 already past the new expiry — Velero deletes it within the hour:');
    expect(confirm).toContain('instance-t9x6l');
    await app.type('partial');
    await app.press('enter');
    await app.waitFor('is not the snapshot kind');
    expect(writes(app).filter((c) => c.method === 'setBackupExpiration')).toEqual([]);
    await app.press(CLEAR);
    for (let i = 0; i < 7; i++) await app.press('backspace');
    await app.type('full');
    await app.press('enter');
    await app.waitFor(/Retention 1 week applied to \d+ full snapshots; 1 expired, gone within the hour\./);
    const changed = writes(app).filter((c) => c.method === 'setBackupExpiration').map((c) => c.args[0]);
    expect(changed).toContain('instance-t9x6l');
    expect(changed.every((n) => String(n).startsWith('instance-') || String(n).startsWith('snapshots-full-'))).toBe(true);
  });

  it("shows Velero's verdict on a schedule another tool wrote, and the other schedules of that kind", async () => {
    app = await openSchedule();
    const velero = app.ctx.session!.velero;
    const template = (await velero.get('Schedule', 'snapshots-full'))!.spec.template;
    await velero.create('Schedule', { metadata: { name: 'a-nightly' }, spec: { schedule: '61 * * * *', template } });
    const frame = await app.waitFor('In the cluster a-nightly ✖ failed validation');
    expect(frame).toContain("Velero refuses this schedule: minute field '61' is out of range 0-59");
    expect(frame).toContain('⚠ Also making full snapshots: snapshots-full (left as is)');
    expect(frame).not.toContain('Next ');
  });

  it('offers no save, pause or retention-for-existing in read-only mode', async () => {
    app = await openSchedule({ readonly: true });
    await app.press('down');
    const frame = await app.waitFor('on/off');
    expect(frame).not.toContain('retention→existing');
    expect(frame).not.toContain('p pause');
    expect(frame).not.toMatch(/⏎ save/);
    await app.press(' ', 'enter', 'p');
    await app.waitFor('[ ] off (settings are kept)');
    expect(writes(app)).toEqual([]);
  });
});
