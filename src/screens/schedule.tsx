// The Schedule screen ("Settings & Schedule"): for full and for partial
// snapshots, whether they run automatically, when, and how long they are
// kept — saved as Velero Schedules — beside what the cluster reports about
// them. Edits are drafts per kind until saved; the status side only ever
// shows the watched Schedule object.
import { Box, Text, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import type { SnapshotKind } from '../services/profile.js';
import { errorText, notify } from '../state/operations.js';
import { applyRetentionToExisting, KIND_TITLE, previewRetention, saveSchedule, setSchedulePaused } from '../state/schedule.js';
import { checkDraft, cyclePreset, cycleUnit, draftOf, DRAFT_FIELDS, firstInvalid, type ScheduleDraft } from '../state/schedule-form.js';
import { findSchedule, sameSettings, scheduleNameFor, settingsOf, SNAPSHOT_KINDS, type ScheduleSettings } from '../state/schedule-model.js';
import { changedCount, type RetentionImpact } from '../state/schedule-retention.js';
import { buildScheduleView } from '../state/schedule-view.js';
import { scheduleBindings, TEXT_FOCUS } from './schedule-keys.js';
import { RetentionConfirm } from './schedule-retention.js';
import { KindTabs, ScheduleSettingsForm, type Focus } from './schedule-settings.js';
import { ScheduleStatus } from './schedule-status.js';
import { accessRefusal } from '../state/access.js';

const FOCUS_ORDER: Focus[] = ['kind', ...DRAFT_FIELDS];
const WIDE = 140;

type PerKind<T> = Partial<Record<SnapshotKind, T>>;

export function ScheduleScreen() {
  const ctx = useEffectContext();
  const profile = useAppState((s) => s.profile);
  const schedules = useAppState((s) => s.objects.Schedule);
  const backups = useAppState((s) => s.objects.Backup);
  const readonly = useAppState((s) => s.readonly);
  const { stdout } = useStdout();
  const columns = stdout.columns || 80;
  const rows = stdout.rows || 24;
  const now = useNow(ctx.now, 30_000);

  const [kind, setKindState] = useState<SnapshotKind>('full');
  const [focus, setFocusState] = useState<Focus>('kind');
  // Keys can arrive faster than React re-renders (key repeat, a busy node):
  // handlers read the latest focus and kind from refs, not from the render.
  const focusRef = useRef(focus);
  const kindRef = useRef(kind);
  const setFocus = (f: Focus) => {
    focusRef.current = f;
    setFocusState(f);
  };
  const setKind = (k: SnapshotKind) => {
    kindRef.current = k;
    setKindState(k);
  };
  const [drafts, setDraftsState] = useState<PerKind<ScheduleDraft>>({});
  const draftsRef = useRef(drafts);
  const setDrafts = (next: PerKind<ScheduleDraft>) => {
    draftsRef.current = next;
    setDraftsState(next);
  };
  const dropDraft = (k: SnapshotKind) => {
    const { [k]: _gone, ...rest } = draftsRef.current;
    setDrafts(rest);
  };
  // Settings just saved per kind: the draft is dropped once the watched Schedule shows them.
  const [pending, setPending] = useState<PerKind<ScheduleSettings>>({});
  const [confirm, setConfirm] = useState<RetentionImpact>();
  const saving = useAppState((s) => s.operations[`schedule-${kind}`]?.status === 'running');

  const cluster = useMemo(() => {
    const out: PerKind<ScheduleSettings & { exists: boolean }> = {};
    for (const k of SNAPSHOT_KINDS) {
      const found = profile ? findSchedule(schedules, profile, k).schedule : undefined;
      out[k] = { ...settingsOf(found), exists: Boolean(found) };
    }
    return out as Record<SnapshotKind, ScheduleSettings & { exists: boolean }>;
  }, [schedules, profile]);

  useEffect(() => {
    for (const k of SNAPSHOT_KINDS) {
      const saved = pending[k];
      if (saved && cluster[k].exists && sameSettings(saved, cluster[k])) {
        setPending(({ [k]: _done, ...rest }) => rest);
        dropDraft(k);
      }
    }
  }, [cluster, pending]);

  const view = useMemo(() => (profile ? buildScheduleView(kind, { schedules, backups, profile, now }) : undefined), [kind, schedules, backups, profile, now]);
  const draft = drafts[kind] ?? draftOf(cluster[kind]);
  const check = checkDraft(draft);
  const isDirty = (k: SnapshotKind) => {
    const d = drafts[k];
    if (!d) return false;
    const settings = checkDraft(d).settings;
    return !settings || !sameSettings(settings, cluster[k]);
  };
  const dirty = isDirty(kind);

  const edit = (fn: (d: ScheduleDraft) => ScheduleDraft) => {
    const k = kindRef.current;
    setDrafts({ ...draftsRef.current, [k]: fn(draftsRef.current[k] ?? draftOf(cluster[k])) });
  };
  const move = (dir: 1 | -1) => {
    const i = FOCUS_ORDER.indexOf(focusRef.current);
    setFocus(FOCUS_ORDER[(i + dir + FOCUS_ORDER.length) % FOCUS_ORDER.length]!);
  };
  const choose = (dir: 1 | -1) => {
    const f = focusRef.current;
    if (f === 'kind') setKind(kindRef.current === 'full' ? 'partial' : 'full');
    else if (f === 'enabled') edit((d) => ({ ...d, enabled: !d.enabled }));
    else if (f === 'preset') edit((d) => cyclePreset(d, dir).draft);
    else if (f === 'unit') edit((d) => cycleUnit(d, dir));
  };
  /** Out of a text field, onto the full/partial row: the screen keys (1-4, p, r) work again. */
  const leaveText = () => {
    if (TEXT_FOCUS.has(focusRef.current)) setFocus('kind');
  };
  /** Letter keys bound while no text field had focus must not act once one has. */
  const unlessTyping = (run: () => void) => () => {
    if (!TEXT_FOCUS.has(focusRef.current)) run();
  };

  const save = () => {
    const k = kindRef.current;
    const latest = draftsRef.current[k];
    const c = checkDraft(latest ?? draftOf(cluster[k]));
    if (!c.settings) {
      const bad = firstInvalid(c.errors);
      if (bad) setFocus(bad);
      notify(ctx, 'error', `Nothing saved: ${bad ? c.errors[bad] : 'the form is incomplete'}`);
      return;
    }
    if (cluster[k].exists && sameSettings(c.settings, cluster[k])) return notify(ctx, 'info', 'No changes to save.');
    const settings = c.settings;
    setPending((p) => ({ ...p, [k]: settings }));
    saveSchedule(ctx, k, settings).catch((err: unknown) => {
      setPending(({ [k]: _failed, ...rest }) => rest);
      notify(ctx, 'error', `${KIND_TITLE[k]} schedule not saved: ${errorText(err)}`);
    });
  };
  const togglePause = () => {
    const k = kindRef.current;
    setSchedulePaused(ctx, k, cluster[k].enabled).catch((err: unknown) => notify(ctx, 'error', errorText(err)));
  };
  const applyRetention = () => {
    const impact = previewRetention(ctx.store.getState(), kindRef.current, ctx.now());
    if (!impact || changedCount(impact) === 0) {
      return notify(ctx, 'info', `Every ${kind} snapshot already expires as the saved retention says; nothing to change.`);
    }
    setConfirm(impact);
  };
  const runApply = () => {
    setConfirm(undefined);
    applyRetentionToExisting(ctx, kind).catch((err: unknown) => notify(ctx, 'error', errorText(err)));
  };

  useScreenKeys(
    scheduleBindings({
      focus,
      move,
      choose,
      save,
      discard: () => {
        dropDraft(kindRef.current);
        leaveText();
      },
      leaveText,
      togglePause: unlessTyping(togglePause),
      applyRetention: unlessTyping(applyRetention),
      dirty,
      exists: cluster[kind].exists,
      paused: !cluster[kind].enabled,
      readonly,
      saving,
      denied: (action) => accessRefusal(ctx.store.getState(), action),
    }),
    { typing: TEXT_FOCUS.has(focus) },
  );

  if (!profile || !view) return <Text>Waiting for the app profile…</Text>;
  if (confirm) {
    return <RetentionConfirm kind={kind} impact={confirm} rows={rows} onConfirm={runApply} onCancel={() => setConfirm(undefined)} />;
  }
  const wide = columns >= WIDE;
  const formWidth = wide ? 72 : Math.max(40, columns - 1);
  const settings = (
    <ScheduleSettingsForm
      kind={kind}
      draft={draft}
      check={check}
      focus={focus}
      active
      width={formWidth}
      onCron={(cron) => edit((d) => ({ ...d, cron }))}
      onRetention={(retentionValue) => edit((d) => ({ ...d, retentionValue }))}
    />
  );
  const status = (
    <ScheduleStatus view={view} newName={scheduleNameFor(profile, kind)} saving={saving} now={now} width={wide ? columns - formWidth - 3 : formWidth} />
  );
  return (
    <Box flexDirection="column" flexShrink={0}>
      <KindTabs kind={kind} focused={focus === 'kind'} dirty={{ full: isDirty('full'), partial: isDirty('partial') }} />
      {wide ? (
        <Box columnGap={2}>
          {settings}
          {status}
        </Box>
      ) : (
        <>
          {settings}
          <Text> </Text>
          {status}
        </>
      )}
      {dirty && <Text color="yellow">Unsaved edits — ⏎ saves, esc discards.</Text>}
    </Box>
  );
}

/** The clock, re-read every `ms` so next runs and ages stay current. */
function useNow(clock: () => Date, ms: number): Date {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), ms);
    return () => clearInterval(timer);
  }, [clock, ms]);
  return now;
}
