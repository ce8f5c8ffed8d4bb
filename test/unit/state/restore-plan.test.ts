import { describe, expect, it } from 'vitest';
import type { Backup } from '../../../src/services/model.js';
import { modesFor, planCommands, planRestore, removalCommands, veleroCommand } from '../../../src/state/restore-plan.js';
import { shellLines } from '../../../src/format/shell-lines.js';
import { foldCommands } from '../../../src/screens/restore-parts.js';
import { testProfile } from '../../helpers/profile.js';

const now = new Date('2026-03-02T10:20:30Z');
const profile = testProfile({ source: 'flags' });

function backup(name: string, opts: { full?: boolean; phase?: string; namespaces?: string[]; errors?: number } = {}): Backup {
  return {
    metadata: { name, annotations: opts.full ? { 'kots.io/instance': 'true' } : {} },
    spec: { includedNamespaces: opts.namespaces ?? ['kotsadm', 'harness'] },
    status: { phase: (opts.phase ?? 'Completed') as never, errors: opts.errors },
  };
}

const plan = (b: Backup, mode: Parameters<typeof planRestore>[0]['mode']) => planRestore({ backup: b, mode, profile, veleroNamespace: 'velero', now });

describe('modesFor', () => {
  it('offers full (both ways) and partial for a full snapshot, only partial for a partial one', () => {
    expect(modesFor(backup('instance-abc', { full: true }))).toEqual(['full-new', 'full-in-place', 'partial']);
    expect(modesFor(backup('harness-abc'))).toEqual(['partial']);
  });
});

describe('planRestore', () => {
  it('full restore into an empty cluster: composeFullRestore, nothing removed', () => {
    const p = plan(backup('instance-abc', { full: true }), 'full-new');
    expect(p.refusal).toBeUndefined();
    expect(p.deleteNamespaces).toEqual([]);
    expect(p.restore).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'instance-abc-20260302102030' },
      spec: { backupName: 'instance-abc', includeClusterResources: true, restorePVs: true, existingResourcePolicy: 'none' },
    });
  });

  it('in place removes exactly the namespaces the snapshot includes', () => {
    const p = plan(backup('instance-abc', { full: true, namespaces: ['kotsadm', 'harness'] }), 'full-in-place');
    expect(p.refusal).toBeUndefined();
    expect(p.deleteNamespaces).toEqual(['kotsadm', 'harness']);
  });

  it.each([
    [['default', 'harness'], /namespace default \(part of Kubernetes\)/],
    [['harness', 'kube-system'], /kube-system \(part of Kubernetes\)/],
    [['kube-public'], /kube-public/],
    [['velero', 'harness'], /velero \(Velero itself runs there\)/],
  ])('refuses in place when the snapshot includes %j', (namespaces, why) => {
    const p = plan(backup('instance-abc', { full: true, namespaces }), 'full-in-place');
    expect(p.refusal).toMatch(why);
    expect(p.refusal).toMatch(/empty or new cluster/);
    expect(p.deleteNamespaces).toEqual([]);
  });

  it('refuses in place when the snapshot covers every namespace', () => {
    expect(plan(backup('instance-abc', { full: true, namespaces: ['*'] }), 'full-in-place').refusal).toMatch(/every namespace/);
    expect(plan(backup('instance-abc', { full: true, namespaces: [] }), 'full-in-place').refusal).toMatch(/every namespace/);
  });

  it('refuses a full restore of a partial snapshot', () => {
    expect(plan(backup('harness-abc'), 'full-new').refusal).toMatch(/only be restored partially/);
  });

  it('partial: only the app namespaces and label, resources removed by that selector', () => {
    const p = plan(backup('instance-abc', { full: true }), 'partial');
    expect(p.refusal).toBeUndefined();
    expect(p.removeSelector).toBe('kots.io/app-slug=harness');
    expect(p.removeNamespaces).toEqual(['harness']);
    expect(p.restore.spec).toEqual({
      backupName: 'instance-abc',
      includedNamespaces: ['harness'],
      labelSelector: { matchLabels: { 'kots.io/app-slug': 'harness' } },
      restorePVs: true,
      includeClusterResources: true,
      existingResourcePolicy: 'none',
    });
  });

  it('warns (without refusing) for a partially failed snapshot', () => {
    const p = plan(backup('instance-abc', { full: true, phase: 'PartiallyFailed', errors: 3 }), 'full-new');
    expect(p.refusal).toBeUndefined();
    expect(p.warning).toMatch(/incomplete.*3 errors/);
  });

  it.each(['Failed', 'InProgress', 'Deleting'])('refuses a %s snapshot', (phase) => {
    expect(plan(backup('instance-abc', { full: true, phase }), 'full-new').refusal).toMatch(/only Completed/);
  });
});

describe('commands for the record', () => {
  it('velero restore create with the same options as the object', () => {
    const p = plan(backup('instance-abc', { full: true }), 'partial');
    expect(veleroCommand(p.restore, 'velero')).toBe(
      'velero restore create instance-abc-20260302102030 --from-backup instance-abc --include-namespaces harness --selector kots.io/app-slug=harness --include-cluster-resources=true --restore-volumes=true --existing-resource-policy=none --namespace velero --wait',
    );
  });

  it('in place starts with kubectl delete namespace', () => {
    const p = plan(backup('instance-abc', { full: true }), 'full-in-place');
    expect(planCommands(p, 'velero')[0]).toBe('kubectl delete namespace kotsadm harness --wait=true');
    expect(planCommands(p, 'velero')).toHaveLength(2);
  });

  it('partial removal names the listed kinds per namespace', () => {
    const p = plan(backup('instance-abc', { full: true }), 'partial');
    const refs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespace: 'harness', name: 'api' },
      { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespace: 'harness', name: 'cfg' },
      { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespace: 'harness', name: 'ui' },
    ];
    expect(removalCommands(p, refs)).toEqual(['kubectl -n harness delete configmaps,deployments.apps -l kots.io/app-slug=harness --wait=true']);
    expect(removalCommands(p, [])).toEqual([]);
    // A long list of kinds becomes several commands: each comma list fits a folded line at 80 columns.
    const many = ['configmaps', 'pods', 'secrets', 'serviceaccounts', 'services', 'persistentvolumeclaims', 'widgets'].map((resource) => ({ ...refs[0]!, resource, apiVersion: 'v1' }));
    many.push({ ...refs[0]!, resource: 'statefulsets', apiVersion: 'apps/v1' }, { ...refs[0]!, resource: 'widgets', apiVersion: 'example.com/v1' });
    const long = removalCommands(p, many);
    expect(long).toEqual([
      'kubectl -n harness delete configmaps,persistentvolumeclaims,pods,secrets,serviceaccounts,services -l kots.io/app-slug=harness --wait=true',
      'kubectl -n harness delete statefulsets.apps,widgets,widgets.example.com -l kots.io/app-slug=harness --wait=true',
    ]);
    for (const c of long) for (const line of shellLines(c, 78)) expect(line.length).toBeLessThanOrEqual(78);
    // On screen every line fits; a word wider than the screen is shown whole, in screen-wide pieces.
    const word = `kubectl -n ${'n'.repeat(150)} delete pods -l x=y`;
    const shown = foldCommands([...long, word], 80);
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(79);
    expect(shown.join('').replace(/[\s\\]+/g, '')).toContain(word.replace(/\s+/g, ''));
    expect(removalCommands(p)[0]).toMatch(/^kubectl -n harness delete "\$\(kubectl api-resources/);
  });
});
