// Found by the apiserver-killed lab test: a watch whose apiserver dies ends
// with node-fetch's "Premature close"; the header must say what happened.
import { describe, expect, it } from 'vitest';
import { toServiceError } from '../../../src/services/kube-errors.js';

describe('a watch cut off by the apiserver going away', () => {
  it('reads as a closed connection to the API, not "Premature close"', () => {
    const err = Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    const e = toServiceError(err, { server: 'https://10.0.0.1:6443', action: 'watch backups.velero.io' });
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe('Cannot reach the Kubernetes API at https://10.0.0.1:6443: connection closed');
  });
});
