import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/services/model.js';
import { composeSchedule, findSchedule, sameSettings, scheduleKindOf, settingsOf } from '../../../src/state/schedule-model.js';
import { checkDraft, cyclePreset, cycleUnit, draftOf, draftPreset, firstInvalid, withPreset } from '../../../src/state/schedule-form.js';
import { testProfile } from '../../helpers/profile.js';

const profile = testProfile();

function schedule(name: string, template: Schedule['spec']['template'], extra: Partial<Schedule['spec']> = {}, status?: Schedule['status']): Schedule {
  return { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { schedule: '0 0 * * *', template, ...extra }, ...(status ? { status } : {}) };
}

const fullShape = { orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }], ttl: '168h' };
const partialShape = { labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } } };

describe('finding the schedule of a kind', () => {
  it('recognises schedules by template shape', () => {
    expect(scheduleKindOf(schedule('a', fullShape), profile)).toBe('full');
    expect(scheduleKindOf(schedule('b', partialShape), profile)).toBe('partial');
    expect(scheduleKindOf(schedule('c', { labelSelector: { matchLabels: { 'kots.io/app-slug': 'other' } } }), profile)).toBeUndefined();
    expect(scheduleKindOf(schedule('d', {}), profile)).toBeUndefined();
  });

  it('prefers <slug>-<kind>, else the first by name of that shape, and lists the others', () => {
    const all = { zz: schedule('zz', fullShape), aa: schedule('aa', fullShape), 'harness-full': schedule('harness-full', fullShape) };
    expect(findSchedule(all, profile, 'full').schedule?.metadata.name).toBe('harness-full');
    expect(findSchedule(all, profile, 'full').others.map((s) => s.metadata.name)).toEqual(['aa', 'zz']);
    const { 'harness-full': _own, ...foreign } = all;
    expect(findSchedule(foreign, profile, 'full').schedule?.metadata.name).toBe('aa');
    expect(findSchedule(foreign, profile, 'partial').schedule).toBeUndefined();
  });

  it('reads settings back, paused keeps them', () => {
    expect(settingsOf(schedule('a', fullShape, { paused: true, schedule: '0 3 * * *' }))).toEqual({
      enabled: false,
      cron: '0 3 * * *',
      retention: { value: 1, unit: 'weeks' },
    });
    expect(settingsOf(undefined)).toEqual({ enabled: false, cron: '0 0 * * MON', retention: { value: 1, unit: 'months' } });
  });
});

describe('composeSchedule', () => {
  it('writes a full schedule with the profile template, annotations that Velero copies to backups, and no immediate run', () => {
    const obj = composeSchedule(profile, 'full', { enabled: true, cron: ' 0  0 * * * ', retention: { value: 2, unit: 'weeks' } }, 'velero');
    expect(obj).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'harness-full', namespace: 'velero', annotations: { 'kots.io/snapshot-trigger': 'schedule', 'kots.io/instance': 'true' } },
      spec: {
        schedule: '0 0 * * *',
        template: {
          includeClusterResources: true,
          storageLocation: 'default',
          ttl: '336h0m0s',
          defaultVolumesToFsBackup: false,
          includedNamespaces: ['kotsadm', 'harness'],
          orLabelSelectors: [{ matchLabels: { 'kots.io/backup': 'velero' } }],
        },
        paused: false,
        skipImmediately: true,
        useOwnerReferencesInBackup: false,
      },
    });
  });

  it('keeps an existing schedule’s name, status and template extras but never both selectors', () => {
    const existing = schedule(
      'nightly',
      { ...partialShape, hooks: { resources: [] }, excludedResources: ['events'], orLabelSelectors: [{ matchLabels: { x: 'y' } }] },
      {},
      { phase: 'Enabled', lastBackup: '2026-01-02T00:00:00Z' },
    );
    existing.metadata.annotations = { owner: 'gitops', 'kots.io/instance': 'true' };
    const obj = composeSchedule(profile, 'partial', { enabled: false, cron: '@daily', retention: { value: 1, unit: 'months' } }, 'velero', existing);
    expect(obj.metadata.name).toBe('nightly');
    expect(obj.metadata.annotations).toEqual({ owner: 'gitops', 'kots.io/snapshot-trigger': 'schedule' });
    expect(obj.spec.template.hooks).toEqual({ resources: [] });
    expect(obj.spec.template.excludedResources).toEqual(['events']);
    expect(obj.spec.template.orLabelSelectors).toBeUndefined();
    expect(obj.spec.template.labelSelector).toEqual({ matchLabels: { 'kots.io/app-slug': 'harness' } });
    expect(obj.spec.paused).toBe(true);
    expect(obj.status).toEqual({ phase: 'Enabled', lastBackup: '2026-01-02T00:00:00Z' });
  });

  it('compares settings by meaning', () => {
    const a = { enabled: true, cron: '0 0 * * *', retention: { value: 1, unit: 'months' as const } };
    expect(sameSettings(a, { ...a, cron: '0  0 * * *', retention: { value: 30, unit: 'days' } })).toBe(true);
    expect(sameSettings(a, { ...a, enabled: false })).toBe(false);
  });
});

describe('schedule form', () => {
  const draft = draftOf({ enabled: true, cron: '0 0 * * *', retention: { value: 2, unit: 'weeks' } });

  it('turns a valid draft into settings', () => {
    expect(checkDraft(draft)).toMatchObject({ errors: {}, settings: { enabled: true, cron: '0 0 * * *', retention: { value: 2, unit: 'weeks' } } });
  });

  it('reports each invalid field and focuses the first', () => {
    const check = checkDraft({ ...draft, cron: '61 * * * *', retentionValue: 'x' });
    expect(check.settings).toBeUndefined();
    expect(check.errors.cron).toBe("minute field '61' is out of range 0-59");
    expect(check.errors.retention).toMatch(/not a number/);
    expect(firstInvalid(check.errors)).toBe('cron');
    expect(firstInvalid(checkDraft({ ...draft, retentionValue: '0' }).errors)).toBe('retention');
  });

  it('cycles presets and units', () => {
    expect(draftPreset(draft)).toBe('daily');
    expect(cyclePreset(draft, 1)).toMatchObject({ preset: 'weekly', draft: { cron: '0 0 * * MON' } });
    expect(cyclePreset(draft, -1)).toMatchObject({ preset: 'hourly', draft: { cron: '0 * * * *' } });
    const custom = withPreset(draft, 'custom');
    expect(draftPreset(custom)).toBe('custom');
    expect(custom.cron).toBe('0 0 * * *');
    expect(cycleUnit(draft, 1).unit).toBe('months');
    expect(cycleUnit({ ...draft, unit: 'days' }, -1).unit).toBe('years');
    expect(cycleUnit({ ...draft, unit: 'hours' }, 1).unit).toBe('days');
  });
});
