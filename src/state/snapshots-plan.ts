// What a new snapshot will be, decided before anything is created: the exact
// Backup, where its TTL comes from, where it goes, and why it may be refused.
// Pure: the screen shows it, createSnapshot() executes it, commands print it.
import type { Backup, BackupStorageLocation, Schedule } from '../services/model.js';
import { APP_SLUG_LABEL, composeBackup, selectorString, type AppProfile, type SnapshotKind } from '../services/profile.js';
import { backupPhaseView } from '../format/phase.js';
import { describeTtl, VELERO_DEFAULT_TTL } from '../format/retention.js';
import { safeLine } from '../format/safe-text.js';
import { veleroCause } from '../format/velero-cause.js';
import { selectRunningBackups } from './selectors.js';
import { restoreBlockReason } from './restore.js';
import { accessRefusal } from './access.js';
import { findSchedule } from './schedule-model.js';
import { currentRetentionTtl } from './schedule.js';
import type { AppState } from './types.js';

export interface Retention {
  ttl: string;
  /** The Schedule the TTL was read from; undefined means Velero's default. */
  schedule?: string;
}

/** Which kind of snapshot a Schedule's template makes, if it is one of ours. */
export function scheduleKind(schedule: Schedule, slug: string | undefined): SnapshotKind | undefined {
  const t = schedule.spec.template;
  if (t.orLabelSelectors?.length) return 'full';
  if (t.labelSelector?.matchLabels?.[APP_SLUG_LABEL] && (!slug || t.labelSelector.matchLabels[APP_SLUG_LABEL] === slug)) return 'partial';
  return undefined;
}

/**
 * The current retention of a kind: the same Schedule the Schedule screen
 * edits (its own name first, then one of the same shape), else 30 days.
 */
export function currentRetention(state: AppState, kind: SnapshotKind): Retention {
  const schedule = state.profile ? findSchedule(state.objects.Schedule, state.profile, kind).schedule : undefined;
  return schedule?.spec.template?.ttl
    ? { ttl: currentRetentionTtl(state, kind), schedule: schedule.metadata.name }
    : { ttl: VELERO_DEFAULT_TTL };
}

export function retentionText(r: Retention): string {
  return `${describeTtl(r.ttl)} (ttl ${safeLine(r.ttl)}, ${r.schedule ? `as schedule ${safeLine(r.schedule)}` : 'default: no schedule sets one'})`;
}

/** The location a profile writes to, by name, else the default one. */
export function locationFor(state: AppState, name: string | undefined): BackupStorageLocation | undefined {
  const all = state.objects.BackupStorageLocation;
  if (name && all[name]) return all[name];
  if (name) return undefined;
  return Object.values(all).find((l) => l.spec.default);
}

/** Whether that location reads access keys from a Secret (`spec.credential`) rather than the instance role. */
export function locationHasKeys(state: AppState, name: string | undefined): boolean {
  return Boolean(locationFor(state, name)?.spec.credential);
}

/** Why no snapshot may start now (any kind); undefined when it may. */
export function createRefusal(state: AppState, now: Date): string | undefined {
  if (state.readonly) return 'read-only mode (started with --readonly)';
  const denied = accessRefusal(state, 'snapshot-create');
  if (denied) return denied;
  const profile = state.profile;
  if (!profile) return 'the app profile is not resolved yet';
  // Memoized selectors: this runs for the key bar on every render, over thousands of snapshots.
  const running = selectRunningBackups(state)[0];
  if (running) {
    const p = running.status?.progress;
    const items = p?.totalItems ? `, ${p.itemsBackedUp ?? 0}/${p.totalItems} items` : '';
    return `snapshot ${safeLine(running.metadata.name)} is still running (${backupPhaseView(running, now).label.toLowerCase()}${items}); wait for it to finish — Velero would only queue a new one behind it`;
  }
  // Also covers a restore still removing the app's resources (no Restore object yet).
  const restore = restoreBlockReason(state);
  if (restore) return `${safeLine(restore)} — wait for it to finish before taking a snapshot`;
  const location = locationFor(state, profile.storageLocation);
  if (!location && !state.loaded.BackupStorageLocation) return 'the storage locations are still loading';
  if (!location) {
    const names = Object.keys(state.objects.BackupStorageLocation);
    return names.length
      ? `storage location "${safeLine(profile.storageLocation)}" does not exist (found: ${names.map(safeLine).join(', ')}); set up storage on the Storage screen`
      : 'no storage location is set up; set one up on the Storage screen (key 1)';
  }
  const phase = location.status?.phase;
  if (phase !== 'Available') {
    const why = location.status?.message ? `: ${safeLine(veleroCause(location.status.message))}` : '';
    return `storage location "${safeLine(location.metadata.name)}" is ${phase ?? 'not validated yet'}${why}; fix it on the Storage screen`;
  }
  if (location.spec.accessMode === 'ReadOnly') return `storage location "${safeLine(location.metadata.name)}" is read-only`;
  return undefined;
}

export interface SnapshotPlan {
  kind: SnapshotKind;
  backup: Backup;
  retention: Retention;
  location?: BackupStorageLocation;
  namespaces: string[];
  /** `kots.io/app-slug=harness`, or several alternatives joined by " or ". */
  selector: string;
  refusal?: string;
}

export function planSnapshot(state: AppState, profile: AppProfile, kind: SnapshotKind, now: Date): SnapshotPlan {
  const retention = currentRetention(state, kind);
  const backup = composeBackup(profile, kind, retention.ttl, now);
  const spec = backup.spec;
  const selector = spec.orLabelSelectors?.length
    ? spec.orLabelSelectors.map(selectorString).join(' or ')
    : spec.labelSelector
      ? selectorString(spec.labelSelector)
      : 'everything';
  return {
    kind,
    backup,
    retention,
    location: locationFor(state, profile.storageLocation),
    namespaces: spec.includedNamespaces ?? [],
    selector,
    refusal: createRefusal(state, now),
  };
}
