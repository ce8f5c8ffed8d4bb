// An independent AWS Signature Version 4 check of an incoming request, written
// from the published algorithm with node:crypto (not the SDK's signer), so that
// tests with a wrong secret fail the way a real S3 server makes them fail.
// s3rver 3.7.1 checks only the access key ID of SigV4 requests, not the signature.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface SigV4Failure {
  code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'RequestTimeTooSkewed' | 'AuthorizationHeaderMalformed';
  message: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Returns the access key ID the request was correctly signed with, or why it was not. */
export function verifySigV4(
  req: IncomingMessage,
  secretOf: (accessKeyId: string) => string | undefined,
  now = Date.now(),
): { accessKeyId: string } | SigV4Failure {
  const auth = req.headers.authorization;
  if (!auth) return { code: 'AccessDenied', message: 'Anonymous access is not allowed' };
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return { code: 'AuthorizationHeaderMalformed', message: 'Only header-signed SigV4 requests are supported' };
  const [, credential, signedHeaders, signature] = match as unknown as [string, string, string, string];
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request') {
    return { code: 'AuthorizationHeaderMalformed', message: 'The Credential component is malformed' };
  }
  const secret = secretOf(accessKeyId);
  if (secret === undefined) {
    return { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  }
  const amzDate = header(req, 'x-amz-date');
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when) return { code: 'AccessDenied', message: 'AWS authentication requires a valid x-amz-date header' };
  const [, y, mo, d, h, mi, s] = when.map(Number) as [number, number, number, number, number, number, number];
  if (Math.abs(now - Date.UTC(y, mo - 1, d, h, mi, s)) > MAX_SKEW_MS) {
    return { code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const names = signedHeaders.split(';');
  const canonicalRequest = [
    req.method ?? 'GET',
    q < 0 ? url : url.slice(0, q),
    canonicalQuery(q < 0 ? '' : url.slice(q + 1)),
    names.map((n) => `${n}:${header(req, n).trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    header(req, 'x-amz-content-sha256') || 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  if (!timingSafeEqual(expected, Buffer.from(signature))) {
    return {
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return { accessKeyId };
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const k = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const v = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
      return [rfc3986(k), rfc3986(v)] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
