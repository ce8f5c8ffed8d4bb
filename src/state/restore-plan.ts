// What a restore will do, decided before anything happens: the Restore object,
// what is removed first, the equivalent CLI commands, and why it may be refused.
// Pure: the screen shows it, the effect executes it, command mode prints it.
import type { Backup, Restore } from '../services/model.js';
import type { ResourceRef } from '../services/interfaces.js';
import { backupPhaseView } from '../format/phase.js';
import {
  composeFullRestore,
  composePartialRestore,
  partialSelector,
  selectorString,
  snapshotKindOf,
  type AppProfile,
} from '../services/profile.js';

/** full-new: into an empty or new cluster; full-in-place: remove the snapshot's namespaces first. */
export type RestoreMode = 'full-new' | 'full-in-place' | 'partial';

/** Namespaces an in-place restore never deletes: the cluster's own (plus Velero's). */
export const PROTECTED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];

export interface RestorePlan {
  backup: string;
  mode: RestoreMode;
  /** The exact object that will be created. */
  restore: Restore;
  /** Namespaces deleted (and waited for) before restoring: in-place only. */
  deleteNamespaces: string[];
  /** Partial: the app's labelled resources in these namespaces are removed first. */
  removeSelector?: string;
  removeNamespaces: string[];
  /** Set when this restore must not start, in words that say why and what to do instead. */
  refusal?: string;
  /** Shown prominently but not blocking (an incomplete snapshot). */
  warning?: string;
}

export interface PlanInput {
  backup: Backup;
  mode: RestoreMode;
  profile: AppProfile;
  veleroNamespace: string;
  now: Date;
}

/** Which restores a snapshot allows: full snapshots fully or partially, partial ones only partially. */
export function modesFor(backup: Backup): RestoreMode[] {
  return snapshotKindOf(backup) === 'full' ? ['full-new', 'full-in-place', 'partial'] : ['partial'];
}

export function planRestore({ backup, mode, profile, veleroNamespace, now }: PlanInput): RestorePlan {
  const name = backup.metadata.name ?? '';
  const partial = mode === 'partial';
  const plan: RestorePlan = {
    backup: name,
    mode,
    restore: partial ? composePartialRestore(profile, name, now) : composeFullRestore(name, now),
    deleteNamespaces: [],
    removeNamespaces: partial ? [...profile.appNamespaces] : [],
  };
  if (partial) plan.removeSelector = selectorString(partialSelector(profile));
  const view = backupPhaseView(backup, now);
  if (!view.restorable) {
    plan.refusal = `Snapshot ${name} is ${view.label.toLowerCase()}: only Completed (or partially failed) snapshots can be restored.`;
    return plan;
  }
  if (backup.status?.phase === 'PartiallyFailed') {
    const errors = backup.status.errors ?? 0;
    plan.warning = `Snapshot ${name} is incomplete (partially failed${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}): some resources or volumes may be missing from it.`;
  }
  if (!partial && snapshotKindOf(backup) !== 'full') {
    plan.refusal = `${name} is a partial (application) snapshot: it can only be restored partially.`;
    return plan;
  }
  if (mode === 'full-in-place') {
    const included = backup.spec.includedNamespaces ?? [];
    if (included.length === 0 || included.includes('*')) {
      plan.refusal = `Snapshot ${name} covers every namespace: removing them would remove the cluster itself. Restore into an empty cluster instead.`;
      return plan;
    }
    const protectedHere = included.filter((ns) => ns === veleroNamespace || PROTECTED_NAMESPACES.includes(ns));
    if (protectedHere.length) {
      const why = protectedHere.map((ns) => (ns === veleroNamespace ? `${ns} (Velero itself runs there)` : `${ns} (part of Kubernetes)`));
      plan.refusal = `In-place restore would delete namespace ${why.join(', ')}; that is never done. Use "into an empty or new cluster" on a fresh cluster, or a partial restore.`;
      return plan;
    }
    plan.deleteNamespaces = [...included];
  }
  return plan;
}

/** The `velero` command that creates the same Restore. */
export function veleroCommand(restore: Restore, veleroNamespace: string): string {
  const s = restore.spec;
  const parts = ['velero', 'restore', 'create', restore.metadata.name ?? '', '--from-backup', s.backupName ?? ''];
  if (s.includedNamespaces?.length) parts.push('--include-namespaces', s.includedNamespaces.join(','));
  if (s.labelSelector) parts.push('--selector', selectorString(s.labelSelector));
  if (s.includeClusterResources != null) parts.push(`--include-cluster-resources=${s.includeClusterResources}`);
  if (s.restorePVs != null) parts.push(`--restore-volumes=${s.restorePVs}`);
  if (s.existingResourcePolicy) parts.push(`--existing-resource-policy=${s.existingResourcePolicy}`);
  parts.push('--namespace', veleroNamespace, '--wait');
  return parts.join(' ');
}

/** `deployments.apps` from a ResourceRef: what kubectl accepts for any group. */
function kubectlType(ref: ResourceRef): string {
  const slash = ref.apiVersion.indexOf('/');
  return slash < 0 ? ref.resource : `${ref.resource}.${ref.apiVersion.slice(0, slash)}`;
}

/**
 * Longest comma list of types in one command. A shell word cannot be folded
 * with " \" (the next line's indent would split it), so a longer list becomes
 * several commands, each foldable within 80 columns.
 */
const MAX_TYPE_LIST = 72;

/** `types` joined with commas in runs of at most MAX_TYPE_LIST characters (a longer single type keeps its own run). */
function typeLists(types: string[]): string[] {
  const lists: string[] = [];
  for (const t of types) {
    const last = lists.at(-1);
    if (last !== undefined && last.length + 1 + t.length <= MAX_TYPE_LIST) lists[lists.length - 1] = `${last},${t}`;
    else lists.push(t);
  }
  return lists;
}

/** kubectl commands for the removal step; exact kinds once the app's resources were listed. */
export function removalCommands(plan: RestorePlan, listed?: ResourceRef[]): string[] {
  if (plan.deleteNamespaces.length) return [`kubectl delete namespace ${plan.deleteNamespaces.join(' ')} --wait=true`];
  if (!plan.removeSelector) return [];
  const sel = plan.removeSelector;
  return plan.removeNamespaces.flatMap((ns) => {
    if (!listed) {
      return [`kubectl -n ${ns} delete "$(kubectl api-resources --namespaced --verbs=list,delete -o name | paste -sd, -)" -l ${sel} --wait=true`];
    }
    const types = [...new Set(listed.filter((r) => r.namespace === ns).map(kubectlType))].sort();
    return typeLists(types).map((list) => `kubectl -n ${ns} delete ${list} -l ${sel} --wait=true`);
  });
}

/** Everything, in order, that the admin could run by hand instead. */
export function planCommands(plan: RestorePlan, veleroNamespace: string, listed?: ResourceRef[]): string[] {
  return [...removalCommands(plan, listed), veleroCommand(plan.restore, veleroNamespace)];
}
