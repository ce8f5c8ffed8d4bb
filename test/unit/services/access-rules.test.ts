// The rule matcher that answers access checks from a SelfSubjectRulesReview:
// the RBAC authorizer's matching (verbs, API groups, resources with
// subresources, resource names, "*" wildcards), case by case.
import { describe, expect, it } from 'vitest';
import { ruleAllows, rulesAllow } from '../../../src/services/access-rules.js';
import type { AccessCheck, AccessRule } from '../../../src/services/interfaces.js';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): AccessRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });
const check = (verb: string, group: string, resource: string, more: Partial<AccessCheck> = {}): AccessCheck => ({ verb, group, resource, namespace: 'velero', ...more });

describe('ruleAllows', () => {
  it('grants an exact verb, group and resource', () => {
    expect(ruleAllows(rule(['create'], ['velero.io'], ['backups']), check('create', 'velero.io', 'backups'))).toBe(true);
  });

  it('needs the verb among the rule\'s verbs', () => {
    const r = rule(['get', 'list', 'watch'], ['velero.io'], ['backups']);
    expect(ruleAllows(r, check('list', 'velero.io', 'backups'))).toBe(true);
    expect(ruleAllows(r, check('create', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(r, check('delete', 'velero.io', 'backups'))).toBe(false);
  });

  it('treats "*" as every verb, group and resource', () => {
    expect(ruleAllows(rule(['*'], ['velero.io'], ['backups']), check('deletecollection', 'velero.io', 'backups'))).toBe(true);
    expect(ruleAllows(rule(['create'], ['*'], ['backups']), check('create', 'velero.io', 'backups'))).toBe(true);
    expect(ruleAllows(rule(['create'], ['*'], ['secrets']), check('create', '', 'secrets'))).toBe(true);
    expect(ruleAllows(rule(['create'], ['velero.io'], ['*']), check('create', 'velero.io', 'restores'))).toBe(true);
    expect(ruleAllows(rule(['*'], ['*'], ['*']), check('delete', '', 'namespaces', { namespace: undefined }))).toBe(true);
  });

  it('does not grant another API group, the core group included', () => {
    expect(ruleAllows(rule(['*'], ['velero.io'], ['*']), check('delete', 'apps', 'deployments'))).toBe(false);
    // "" is the core group: secrets, not something in velero.io.
    expect(ruleAllows(rule(['*'], [''], ['secrets']), check('create', 'velero.io', 'secrets'))).toBe(false);
    expect(ruleAllows(rule(['*'], ['velero.io'], ['secrets']), check('create', '', 'secrets'))).toBe(false);
    // Groups are compared whole, not as prefixes or suffixes.
    expect(ruleAllows(rule(['*'], ['io'], ['backups']), check('create', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(rule(['*'], ['velero.io.evil'], ['backups']), check('create', 'velero.io', 'backups'))).toBe(false);
  });

  it('does not grant another resource; names are compared whole', () => {
    const r = rule(['*'], ['velero.io'], ['backups']);
    expect(ruleAllows(r, check('create', 'velero.io', 'restores'))).toBe(false);
    expect(ruleAllows(r, check('create', 'velero.io', 'backup'))).toBe(false);
    expect(ruleAllows(rule(['*'], ['velero.io'], ['backupstoragelocations']), check('create', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(rule(['*'], ['velero.io'], []), check('create', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(rule([], ['velero.io'], ['backups']), check('create', 'velero.io', 'backups'))).toBe(false);
  });

  it('keeps a resource and its subresources apart', () => {
    const status = check('update', 'velero.io', 'backups', { subresource: 'status' });
    expect(ruleAllows(rule(['update'], ['velero.io'], ['backups']), status)).toBe(false);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['backups/status']), status)).toBe(true);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['backups/status']), check('update', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['backups/finalizers']), status)).toBe(false);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['restores/status']), status)).toBe(false);
  });

  it('matches "*/subresource" to that subresource of anything, and "*" to subresources too', () => {
    const status = check('update', 'velero.io', 'backups', { subresource: 'status' });
    expect(ruleAllows(rule(['update'], ['velero.io'], ['*/status']), status)).toBe(true);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['*/status']), check('update', 'velero.io', 'backups'))).toBe(false);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['*/scale']), status)).toBe(false);
    // A suffix is not enough: "*/xstatus" is another subresource.
    expect(ruleAllows(rule(['update'], ['velero.io'], ['*/xstatus']), status)).toBe(false);
    expect(ruleAllows(rule(['update'], ['velero.io'], ['*']), status)).toBe(true);
  });

  it('limits a rule with resourceNames to those objects, so it grants nothing without a name', () => {
    const r = rule(['get', 'update'], [''], ['secrets'], ['cloud-credentials']);
    expect(ruleAllows(r, check('update', '', 'secrets', { name: 'cloud-credentials' }))).toBe(true);
    expect(ruleAllows(r, check('update', '', 'secrets', { name: 'other' }))).toBe(false);
    // "create secrets" or "update secrets" in general: a named grant does not answer it.
    expect(ruleAllows(r, check('update', '', 'secrets'))).toBe(false);
    expect(ruleAllows(r, check('update', '', 'secrets', { name: '' }))).toBe(false);
    // The other conditions still apply.
    expect(ruleAllows(r, check('delete', '', 'secrets', { name: 'cloud-credentials' }))).toBe(false);
    // resourceNames never hold wildcards: "*" there is a name like any other.
    expect(ruleAllows(rule(['get'], [''], ['secrets'], ['*']), check('get', '', 'secrets', { name: 'cloud-credentials' }))).toBe(false);
    // An empty list is no limit.
    expect(ruleAllows(rule(['get'], [''], ['secrets'], []), check('get', '', 'secrets'))).toBe(true);
    // Without names, any object.
    expect(ruleAllows(rule(['get'], [''], ['secrets']), check('get', '', 'secrets', { name: 'cloud-credentials' }))).toBe(true);
  });

  it('combines resource names with subresources', () => {
    const r = rule(['update'], ['velero.io'], ['backups/status'], ['nightly']);
    expect(ruleAllows(r, check('update', 'velero.io', 'backups', { subresource: 'status', name: 'nightly' }))).toBe(true);
    expect(ruleAllows(r, check('update', 'velero.io', 'backups', { name: 'nightly' }))).toBe(false);
    expect(ruleAllows(r, check('update', 'velero.io', 'backups', { subresource: 'status', name: 'weekly' }))).toBe(false);
  });
});

describe('rulesAllow', () => {
  // What kubectl auth can-i --list shows for a Role with get/list/watch on velero.io plus the defaults every user has.
  const viewer = [
    rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
    rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    rule(['get', 'list', 'watch'], ['velero.io'], ['*']),
    rule(['get', 'list'], [''], ['namespaces']),
  ];

  it('is any rule granting it', () => {
    expect(rulesAllow(viewer, check('list', 'velero.io', 'restores'))).toBe(true);
    expect(rulesAllow(viewer, check('get', '', 'namespaces', { namespace: undefined }))).toBe(true);
    expect(rulesAllow(viewer, check('create', 'velero.io', 'backups'))).toBe(false);
    expect(rulesAllow(viewer, check('delete', '', 'namespaces', { namespace: undefined }))).toBe(false);
    expect(rulesAllow(viewer, check('get', '', 'secrets'))).toBe(false);
  });

  it('grants nothing with no rules', () => {
    expect(rulesAllow([], check('get', 'velero.io', 'backups'))).toBe(false);
  });

  it('does not combine the conditions of different rules', () => {
    // create on secrets and get on backups do not make create on backups.
    const rules = [rule(['create'], [''], ['secrets']), rule(['get'], ['velero.io'], ['backups'])];
    expect(rulesAllow(rules, check('create', 'velero.io', 'backups'))).toBe(false);
    expect(rulesAllow(rules, check('create', '', 'secrets'))).toBe(true);
  });
});
