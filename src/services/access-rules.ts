// What a SelfSubjectRulesReview answers, evaluated here the way the RBAC
// authorizer evaluates a request (k8s.io/kubernetes pkg/apis/rbac/v1
// evaluation_helpers.go: VerbMatches, APIGroupMatches, ResourceMatches,
// ResourceNameMatches). One review of a namespace answers every question
// about that namespace in one round trip, where access reviews take one each.
import type { AccessCheck, AccessRule } from './interfaces.js';

const ALL = '*';

/** Does this one rule grant the check? */
export function ruleAllows(rule: AccessRule, check: AccessCheck): boolean {
  return (
    rule.verbs.some((v) => v === ALL || v === check.verb) &&
    rule.apiGroups.some((g) => g === ALL || g === check.group) &&
    resourceMatches(rule.resources, check.resource, check.subresource) &&
    // A rule limited to names grants nothing for a request without one (e.g. create, list).
    (!rule.resourceNames?.length || (check.name !== undefined && check.name !== '' && rule.resourceNames.includes(check.name)))
  );
}

/** Does any of the rules grant the check? */
export function rulesAllow(rules: readonly AccessRule[], check: AccessCheck): boolean {
  return rules.some((r) => ruleAllows(r, check));
}

function resourceMatches(resources: readonly string[], resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return resources.some((r) => r === ALL || r === combined || (subresource !== undefined && subresource !== '' && r === `*/${subresource}`));
}
