// Which app the snapshots are for: the demo's fixed profile, or resolved from
// flags, a profile file and what the cluster shows. When the app is gone from
// the cluster (the moment a restore is most needed: after an in-place restore
// removed its namespaces, or on a new cluster), its Velero snapshots and
// schedules still say which app and namespaces they are for.
import type { Backup, Schedule } from '../services/model.js';
import { APP_SLUG_LABEL, SLUG_PATTERN, type AppProfile } from '../services/profile.js';
import { requireSession, type EffectContext } from './context.js';

export async function resolveSessionProfile(ctx: EffectContext): Promise<AppProfile | { problem: string }> {
  const { backend, velero } = requireSession(ctx);
  if (backend.mode === 'demo') {
    const { DEMO_PROFILE } = await import('../services/demo/index.js');
    return DEMO_PROFILE;
  }
  const { resolveProfile } = await import('../services/profile-detect.js');
  const resolved = await resolveProfile(ctx.options, backend.cluster);
  if (!('problem' in resolved) || ctx.options.app || ctx.options.appNamespaces?.length || ctx.options.profileFile) return resolved;
  try {
    const [backups, schedules] = await Promise.all([velero.list('Backup'), velero.list('Schedule')]);
    return profileFromSnapshots(backups, schedules) ?? resolved;
  } catch {
    return resolved;
  }
}

/** The app of the newest partial snapshot (or partial schedule) that names one, if there is a single such app. */
export function profileFromSnapshots(backups: Backup[], schedules: Schedule[]): AppProfile | undefined {
  const specs = [
    ...backups.map((b) => ({ at: b.metadata.creationTimestamp ?? '', spec: b.spec })),
    ...schedules.map((s) => ({ at: s.metadata.creationTimestamp ?? '', spec: s.spec.template })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const partial = specs.filter((s) => s.spec.labelSelector?.matchLabels?.[APP_SLUG_LABEL] && s.spec.includedNamespaces?.length);
  const slugs = new Set(partial.map((s) => s.spec.labelSelector!.matchLabels![APP_SLUG_LABEL]));
  if (slugs.size !== 1) return undefined;
  const newest = partial[0]!;
  const slug = newest.spec.labelSelector!.matchLabels![APP_SLUG_LABEL]!;
  if (!SLUG_PATTERN.test(slug)) return undefined;
  const appNamespaces = [...newest.spec.includedNamespaces!].sort();
  // A full snapshot's namespaces beyond the app's are the admin console's.
  const full = specs.find((s) => s.spec.orLabelSelectors?.length && s.spec.includedNamespaces?.length);
  const adminNamespace = full?.spec.includedNamespaces?.find((ns) => !appNamespaces.includes(ns)) ?? 'kotsadm';
  return { slug, appNamespaces, adminNamespace, extraNamespaces: [], storageLocation: 'default', defaultVolumesToFsBackup: false, source: 'detected' };
}
