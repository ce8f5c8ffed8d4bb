import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/services/interfaces.js';
import { isConnectionLevel, redact, toServiceError } from '../../../src/services/kube-errors.js';

const server = 'https://10.0.0.1:6443';

function sysError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

/** What node-fetch (used by the client's Watch) throws for socket errors. */
function fetchError(code: string): Error {
  return Object.assign(new Error(`request to ${server}/apis failed, reason: connect ${code}`), { name: 'FetchError', type: 'system', code, errno: code });
}

function apiException(code: number, body?: unknown): Error {
  return Object.assign(new Error(`HTTP-Code: ${code}\nHeaders: {"authorization":"Bearer abc.def"}`), { code, body });
}

describe('toServiceError', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ENOTFOUND', 'host name not found (DNS)'],
    ['ETIMEDOUT', 'no answer (timed out)'],
    ['EHOSTUNREACH', 'no route to host'],
  ])('maps %s to unreachable with the server address', (code, words) => {
    const e = toServiceError(sysError(code), { server });
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe(`Cannot reach the Kubernetes API at ${server}: ${words}`);
    expect(e.hint).toMatch(/kubeconfig/);
  });

  it('looks through node-fetch FetchErrors and cause chains', () => {
    expect(toServiceError(fetchError('ECONNREFUSED'), { server }).kind).toBe('unreachable');
    const wrapped = Object.assign(new Error('outer'), { cause: sysError('EHOSTUNREACH') });
    expect(toServiceError(wrapped, { server }).message).toContain('no route to host');
  });

  it('maps 401 to unauthorized without echoing the response', () => {
    const e = toServiceError(apiException(401), { server, action: 'list namespaces' });
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toContain('401');
    expect(e.message).not.toContain('Bearer');
    expect(e.hint).toMatch(/expired/);
  });

  it('maps 403 to forbidden and keeps the apiserver message that names verb and resource', () => {
    const body = JSON.stringify({
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      message: 'backups.velero.io is forbidden: User "alice" cannot list resource "backups" in API group "velero.io" in the namespace "velero"',
    });
    const e = toServiceError(apiException(403, body), { server, action: 'list backups' });
    expect(e.kind).toBe('forbidden');
    expect(e.message).toContain('cannot list resource "backups"');
    expect(e.hint).toMatch(/RBAC/);
  });

  it('says what was attempted when a 403 has no body', () => {
    const e = toServiceError(apiException(403), { action: 'delete namespace harness' });
    expect(e.message).toBe('Not allowed to delete namespace harness (403 Forbidden)');
  });

  it('maps 404, 409 and 422 (with the apiserver message)', () => {
    expect(toServiceError(apiException(404, { message: 'backups.velero.io "x" not found' })).kind).toBe('not-found');
    expect(toServiceError(apiException(409, { message: 'already exists' })).kind).toBe('conflict');
    const invalid = toServiceError(apiException(422, { message: 'Backup.velero.io "x" is invalid: spec.ttl: Invalid value' }), { action: 'create Backup x' });
    expect(invalid.kind).toBe('invalid');
    expect(invalid.message).toBe('The Kubernetes API refused to create Backup x: Backup.velero.io "x" is invalid: spec.ttl: Invalid value');
  });

  it('reads the status code of watch errors (statusCode)', () => {
    const e = toServiceError(Object.assign(new Error('Forbidden'), { statusCode: 403 }), { action: 'watch backups' });
    expect(e.kind).toBe('forbidden');
  });

  it('maps 5xx to unknown with the reason', () => {
    const e = toServiceError(apiException(503, { reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' }), { action: 'list backups' });
    expect(e.kind).toBe('unknown');
    expect(e.message).toContain('HTTP 503 ServiceUnavailable');
  });

  it.each(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID'])('maps %s to tls', (code) => {
    const e = toServiceError(sysError(code, 'unable to verify the first certificate'), { server });
    expect(e.kind).toBe('tls');
    expect(e.message).toContain(server);
  });

  it('suspects the clock when the certificate is not yet valid', () => {
    expect(toServiceError(sysError('CERT_NOT_YET_VALID'), { server }).kind).toBe('clock-skew');
  });

  it('passes ServiceErrors through untouched', () => {
    const original = new ServiceError('conflict', 'x');
    expect(toServiceError(original)).toBe(original);
  });

  it('names the action for unexpected errors and redacts credentials', () => {
    const e = toServiceError(new Error('exec plugin said: token=s3cr3t-value'), { action: 'list namespaces' });
    expect(e.kind).toBe('unknown');
    expect(e.message).toBe('Cannot list namespaces: exec plugin said: token=[redacted]');
  });
});

describe('redact', () => {
  it('hides bearer tokens, authorization headers and secret keys', () => {
    expect(redact('Authorization: Bearer eyJhbGciOi.abc')).not.toMatch(/eyJ/);
    expect(redact('sent bearer abc.def-ghi')).toBe('sent Bearer [redacted]');
    expect(redact('aws_secret_access_key=wJalrXUtnFEMI')).toBe('aws_secret_access_key=[redacted]');
    expect(redact('connect ECONNREFUSED 127.0.0.1:6443')).toBe('connect ECONNREFUSED 127.0.0.1:6443');
  });
});

describe('isConnectionLevel', () => {
  it('is true for failures that mean the cluster cannot be used at all', () => {
    expect(isConnectionLevel(new ServiceError('unreachable', 'x'))).toBe(true);
    expect(isConnectionLevel(new ServiceError('tls', 'x'))).toBe(true);
    expect(isConnectionLevel(new ServiceError('forbidden', 'x'))).toBe(false);
    expect(isConnectionLevel(new Error('x'))).toBe(false);
  });
});
