// Simulated RBAC: checks the test (or the demo) denies. `can` answers from it
// and the mutating calls it covers fail as the apiserver would (403).
import { ServiceError, type AccessCheck, type AccessRules } from '../interfaces.js';

export const DEMO_USER = 'demo-admin';

function keyOf(c: AccessCheck): string {
  return `${c.verb}|${c.group}|${c.resource}|${c.namespace ?? ''}`;
}

export class DemoAccess {
  private readonly denied = new Set<string>();

  deny(checks: AccessCheck[]): void {
    for (const c of checks) this.denied.add(keyOf(c));
  }

  allowAll(): void {
    this.denied.clear();
  }

  allows(c: AccessCheck): boolean {
    return !this.denied.has(keyOf(c)) && !this.denied.has(keyOf({ ...c, namespace: undefined }));
  }

  /**
   * The SelfSubjectRulesReview of a namespace. RBAC rules only grant, so a deny
   * list cannot be written as rules: with nothing denied there (or cluster-wide)
   * the answer is "everything", otherwise the rules are reported incomplete, as an
   * apiserver does for an authorizer it cannot enumerate, and callers ask per check.
   */
  rules(namespace: string): AccessRules {
    const denies = [...this.denied].some((key) => {
      const ns = key.slice(key.lastIndexOf('|') + 1);
      return ns === '' || ns === namespace;
    });
    return denies ? { rules: [], incomplete: true } : { rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], incomplete: false };
  }

  /** Throws the apiserver's 403 when the check is denied. */
  guard(c: AccessCheck, name?: string): void {
    if (this.allows(c)) return;
    const resource = c.group ? `${c.resource}.${c.group}` : c.resource;
    const where = c.namespace ? ` in the namespace "${c.namespace}"` : ' at the cluster scope';
    throw new ServiceError(
      'forbidden',
      `${resource}${name ? ` "${name}"` : ''} is forbidden: User "${DEMO_USER}" cannot ${c.verb} resource "${c.resource}" in API group "${c.group}"${where}`,
      'RBAC does not allow this: ask a cluster admin for the permission, or use a kubeconfig with more rights.',
    );
  }
}
