import { describe, expect, it } from 'vitest';
import { olderThan, problemOf } from '../../../src/state/connection.js';
import { ServiceError } from '../../../src/services/interfaces.js';

describe('version check', () => {
  it.each([
    ['v1.17.2', true],
    ['v1.18.0', false],
    ['v1.18.2', false],
    ['1.19.0', false],
    ['v0.9.9', true],
    [undefined, false],
    ['dev', false],
  ])('%s older than 1.18.0: %s', (version, older) => {
    expect(olderThan(version, '1.18.0')).toBe(older);
  });
});

describe('problemOf', () => {
  it('keeps the kind, message and hint of a service error', () => {
    expect(problemOf(new ServiceError('forbidden', 'cannot list backups', 'ask for RBAC'))).toEqual({
      kind: 'forbidden',
      message: 'cannot list backups',
      hint: 'ask for RBAC',
    });
  });
  it('turns anything else into an unknown problem with its message', () => {
    expect(problemOf(new Error('boom'))).toEqual({ kind: 'unknown', message: 'boom' });
  });
});
