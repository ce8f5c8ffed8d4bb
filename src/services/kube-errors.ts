// Turns whatever the Kubernetes client throws (ApiException, watch errors,
// Node socket/TLS errors, node-fetch FetchErrors) into a ServiceError an admin
// can act on. Pure: recognises errors by shape, so it loads no SDK code.
import { ServiceError, type FailureKind } from './interfaces.js';

export interface ErrorContext {
  /** The apiserver URL, for "cannot reach …" messages. */
  server?: string;
  /** What was being done, e.g. "list backups.velero.io in namespace velero". */
  action?: string;
}

/** A Kubernetes `Status` object as sent in error bodies and watch ERROR events. */
export interface KubeStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  ETIMEDOUT: 'no answer (timed out)',
  ESOCKETTIMEDOUT: 'no answer (timed out)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  // node-fetch, when the apiserver goes away under an open watch
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed',
};

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** HTTP status of an ApiException (`code`) or a watch error (`statusCode`). */
export function httpStatusOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; statusCode?: unknown };
  if (typeof e.statusCode === 'number') return e.statusCode;
  if (typeof e.code === 'number') return e.code;
  return undefined;
}

/** The apiserver's Status from an ApiException body (an object or JSON text). */
export function statusOf(err: unknown): KubeStatus | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const body = (err as { body?: unknown }).body;
  if (body && typeof body === 'object') return body as KubeStatus;
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Node/system error code, looking through node-fetch's FetchError and `cause` chains. */
export function systemCodeOf(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const e = cur as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && e.code !== 'system') return e.code;
    if (typeof e.errno === 'string') return e.errno;
    cur = e.cause;
  }
  return undefined;
}

export function isNotFound(err: unknown): boolean {
  if (err instanceof ServiceError) return err.kind === 'not-found';
  return httpStatusOf(err) === 404;
}

export function isConflict(err: unknown): boolean {
  if (err instanceof ServiceError) return err.kind === 'conflict';
  return httpStatusOf(err) === 409;
}

/** Errors that mean "we cannot talk to the cluster at all" (vs. a refused request). */
export function isConnectionLevel(err: unknown): boolean {
  return err instanceof ServiceError && ['unreachable', 'unauthorized', 'tls', 'clock-skew'].includes(err.kind);
}

export function toServiceError(err: unknown, ctx: ErrorContext = {}): ServiceError {
  if (err instanceof ServiceError) return err;
  const status = httpStatusOf(err);
  if (status !== undefined) return fromHttp(status, statusOf(err), ctx);
  const code = systemCodeOf(err);
  const where = ctx.server ? ` at ${ctx.server}` : '';
  if (code && NETWORK[code]) {
    return new ServiceError(
      'unreachable',
      `Cannot reach the Kubernetes API${where}: ${NETWORK[code]}`,
      'Check that the apiserver is running and that the kubeconfig points at the right address (--kubeconfig, --context).',
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new ServiceError(
      'clock-skew',
      `The Kubernetes API's certificate${where} is not valid yet`,
      "This machine's clock is probably wrong; check it with `date` and NTP.",
    );
  }
  if (code && TLS_CODES.has(code)) {
    const expired = code === 'CERT_HAS_EXPIRED';
    return new ServiceError(
      'tls',
      `The Kubernetes API's certificate${where} is not trusted: ${redact(messageOf(err))}`,
      expired
        ? "The certificate has expired (or this machine's clock is wrong); renew the cluster certificates."
        : 'The kubeconfig\'s certificate-authority does not match the server; use the cluster\'s own kubeconfig.',
    );
  }
  const name = (err as { name?: unknown } | undefined)?.name;
  if (name === 'AbortError') return new ServiceError('unknown', 'Request cancelled');
  const what = ctx.action ? `Cannot ${ctx.action}: ` : '';
  return new ServiceError('unknown', `${what}${redact(messageOf(err))}`);
}

function fromHttp(code: number, status: KubeStatus | undefined, ctx: ErrorContext): ServiceError {
  const serverMessage = status?.message ? redact(status.message) : undefined;
  const action = ctx.action ?? 'complete the request';
  const kindOf = (c: number): FailureKind => {
    if (c === 401) return 'unauthorized';
    if (c === 403) return 'forbidden';
    if (c === 404) return 'not-found';
    if (c === 409) return 'conflict';
    if (c === 400 || c === 422) return 'invalid';
    return 'unknown';
  };
  const kind = kindOf(code);
  switch (kind) {
    case 'unauthorized':
      return new ServiceError(
        kind,
        `The Kubernetes API rejected the credentials (401 Unauthorized)${ctx.server ? ` at ${ctx.server}` : ''}`,
        'The token or client certificate in the kubeconfig is wrong or expired; get a fresh kubeconfig (e.g. /etc/kubernetes/admin.conf on the master node).',
      );
    case 'forbidden':
      return new ServiceError(
        kind,
        serverMessage ?? `Not allowed to ${action} (403 Forbidden)`,
        'RBAC does not allow this: ask a cluster admin for the permission, or use a kubeconfig with more rights.',
      );
    case 'not-found':
      return new ServiceError(kind, serverMessage ?? `Cannot ${action}: not found`);
    case 'conflict':
      return new ServiceError(kind, serverMessage ?? `Cannot ${action}: it was changed or already exists (409 Conflict)`, 'Refresh and try again.');
    case 'invalid':
      return new ServiceError(kind, `The Kubernetes API refused to ${action}: ${serverMessage ?? `HTTP ${code}`}`);
    default:
      return new ServiceError(
        kind,
        `The Kubernetes API failed to ${action} (HTTP ${code}${status?.reason ? ` ${status.reason}` : ''})${serverMessage ? `: ${serverMessage}` : ''}`,
        code >= 500 ? 'The apiserver or one of its extensions is unhealthy; try again shortly.' : undefined,
      );
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unexpected error';
}

/** Belt and braces: strip anything that looks like a credential from text we show. */
export function redact(text: string): string {
  return text
    .replace(/(authorization\s*[:=]\s*)(bearer|basic)?\s*[^\s",}]+/gi, '$1[redacted]')
    .replace(/\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/((?:token|password|secret|aws_secret_access_key|client-key-data)\s*["']?\s*[:=]\s*["']?)[^\s",'}]+/gi, '$1[redacted]');
}
