// Reading S3 SDK and socket errors: socket codes, HTTP status, S3 error codes,
// and how to name the endpoint in a message.
import type { S3Destination } from './interfaces.js';

export const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED',
  'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
]);
export const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH',
  'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL',
]);

/** `host:port` the client talks to. */
export function endpointHost(dest: S3Destination): string {
  if (!dest.endpoint) return `s3.${dest.region}.amazonaws.com:443`;
  try {
    const url = new URL(dest.endpoint);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return dest.endpoint;
  }
}

/** How to name the server in a sentence: its URL, or AWS S3 and the region. */
export function endpointName(dest: S3Destination): string {
  return dest.endpoint ? dest.endpoint.replace(/\/+$/, '') : `AWS S3 (${dest.region})`;
}

/** The Node/socket error code anywhere in the cause chain (AggregateError included). */
export function networkCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (TLS_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code))) return e.code;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const code = networkCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

export function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The S3 error code; HEAD answers carry no body, so fall back to the HTTP status. */
export function s3ErrorCode(err: unknown): string | undefined {
  const status = httpStatusOf(err);
  if (status === undefined) return undefined;
  const e = err as { Code?: unknown; name?: unknown };
  const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : undefined;
  if (code && !/^Unknown(Error)?$/.test(code) && code !== 'Error') return code;
  return { 301: 'PermanentRedirect', 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound' }[status] ?? code;
}

/** Network trouble (nothing or no S3 answer came back), as opposed to an S3 error reply. */
export function isTransportError(err: unknown): boolean {
  if (networkCode(err)) return true;
  return (err as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/** An object (or listing) that is simply not there. */
export function isMissing(err: unknown): boolean {
  const code = s3ErrorCode(err);
  if (code === undefined || code === 'NoSuchBucket') return false;
  return code === 'NoSuchKey' || code === 'NotFound' || httpStatusOf(err) === 404;
}

/** First line of an error's message, bounded. */
export function errorText(err: unknown): string {
  const message = (err as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message.split('\n')[0]!.slice(0, 200) : String(err).slice(0, 200);
}
