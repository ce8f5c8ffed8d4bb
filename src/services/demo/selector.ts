// Label selectors: the string form (`k=v,k2!=v2,k,!k`) used by list/watch
// calls, and the object form (matchLabels/matchExpressions) used in specs.
import { ServiceError } from '../interfaces.js';
import type { LabelSelector } from '../model.js';

export interface Requirement {
  key: string;
  op: '=' | '!=' | 'exists' | '!exists';
  value?: string;
}

export function parseSelector(selector: string | undefined): Requirement[] {
  if (!selector?.trim()) return [];
  return selector.split(',').map((part) => {
    const term = part.trim();
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(term);
    if (m) return { key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
    if (/^![^=!\s]+$/.test(term)) return { key: term.slice(1), op: '!exists' };
    if (/^[^=!\s]+$/.test(term)) return { key: term, op: 'exists' };
    throw new ServiceError('invalid', `unable to parse requirement: invalid label selector "${selector}"`);
  });
}

export function matchRequirements(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.value;
      case '!=':
        return !has || l[r.key] !== r.value;
      case 'exists':
        return has;
      case '!exists':
        return !has;
    }
  });
}

export function matchesSelectorString(selector: string | undefined, labels: Record<string, string> | undefined): boolean {
  return matchRequirements(parseSelector(selector), labels);
}

/** metav1.LabelSelector semantics; an empty selector matches everything. */
export function matchLabelSelector(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = e.values ?? [];
    const ok =
      e.operator === 'In' ? has && values.includes(l[e.key]!)
      : e.operator === 'NotIn' ? !has || !values.includes(l[e.key]!)
      : e.operator === 'Exists' ? has
      : e.operator === 'DoesNotExist' ? !has
      : false;
    if (!ok) return false;
  }
  return true;
}
