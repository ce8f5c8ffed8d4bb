import { describe, expect, it } from 'vitest';
import { withoutManagedFields } from '../../../src/services/kube-watch.js';

describe('withoutManagedFields', () => {
  it('drops metadata.managedFields and keeps everything else', () => {
    const obj = { kind: 'Backup', metadata: { name: 'b', labels: { a: '1' }, managedFields: [{ manager: 'velero' }] }, status: { phase: 'Completed' } };
    const out = withoutManagedFields(obj);
    expect(out).toEqual({ kind: 'Backup', metadata: { name: 'b', labels: { a: '1' } }, status: { phase: 'Completed' } });
    expect(obj.metadata.managedFields).toHaveLength(1); // the input is not changed
  });

  it('returns objects without managedFields (or without metadata) as they are', () => {
    const obj = { metadata: { name: 'b' } };
    expect(withoutManagedFields(obj)).toBe(obj);
    const status = { kind: 'Status', code: 410 };
    expect(withoutManagedFields(status)).toBe(status);
    expect(withoutManagedFields(undefined)).toBeUndefined();
  });
});
