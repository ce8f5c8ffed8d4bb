// Pure checks of the storage settings form. Each returns undefined when the value
// is acceptable, or a message that names the bad value and says what is allowed.
// Secrets and access key IDs are never echoed back.
import { X509Certificate } from 'node:crypto';
import { quote, quoteChar } from '../format/quote.js';
import { maskAccessKey } from './storage-location.js';

/** S3 bucket naming rules (the general-purpose bucket rules that S3-compatible servers follow too). */
export function validateBucketName(name: string): string | undefined {
  const value = name.trim();
  if (!value) return 'Bucket is required';
  if (value.includes('/')) {
    return `Bucket ${quote(value)} contains "/": put only the bucket name here and the folder in Prefix`;
  }
  if (value.length < 3 || value.length > 63) {
    return `Bucket ${quote(value)} is ${[...value].length} characters long; names have 3 to 63 characters`;
  }
  const bad = [...value].find((c) => !/[a-z0-9.-]/.test(c));
  if (bad !== undefined) {
    return `Bucket ${quote(value)} contains ${quoteChar(bad)}; use lowercase letters, digits, dots and hyphens only`;
  }
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) {
    return `Bucket ${quote(value)} must start and end with a lowercase letter or a digit`;
  }
  if (value.includes('..')) return `Bucket ${quote(value)} has two dots in a row, which is not allowed`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return `Bucket ${quote(value)} looks like an IP address, which is not allowed`;
  const reserved = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => value.startsWith(p));
  if (reserved) return `Bucket ${quote(value)} starts with the reserved prefix "${reserved}"`;
  const reservedEnd = ['-s3alias', '--ol-s3', '--x-s3', '--table-s3'].find((s) => value.endsWith(s));
  if (reservedEnd) return `Bucket ${quote(value)} ends with the reserved suffix "${reservedEnd}"`;
  return undefined;
}

const MAX_URL = 2048;

/** An http(s) URL of an S3 API endpoint, without credentials, query or fragment. */
export function validateEndpoint(url: string): string | undefined {
  const value = url.trim();
  if (!value) return 'Endpoint is required, e.g. https://s3.example.com:9000';
  const length = [...value].length;
  if (length > MAX_URL) return `Endpoint ${quote(value)} is ${length} characters long; a URL has at most ${MAX_URL}`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `Endpoint ${quote(value)} is not a URL; write it as http://host:port or https://host:port`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Endpoint ${quote(value)} uses ${quote(parsed.protocol.replace(/:$/, ''), 20)}; only http and https are allowed`;
  }
  if (!parsed.hostname) return `Endpoint ${quote(value)} has no host name`;
  if (parsed.username || parsed.password) {
    return 'Endpoint must not contain a user name or password; enter the keys in their own fields';
  }
  if (parsed.search || parsed.hash) return `Endpoint ${quote(value)} must not have a query (?) or fragment (#)`;
  // The URL parser turns a non-ASCII host into xn--…; a lookalike letter (Cyrillic "о") would silently point elsewhere.
  const foreign = [...value].find((c) => c > '\x7e');
  if (foreign !== undefined) {
    return `Endpoint ${quote(value)} contains ${quoteChar(foreign)}; write the host in plain ASCII (an international name in its xn-- form)`;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host.length > 253 || host.split('.').some((label) => label.length > 63)) {
    return `Endpoint host ${quote(host)} is not a valid host name: at most 253 characters, 63 between dots`;
  }
  return undefined;
}

/**
 * AWS regions have the form `us-east-1`. S3-compatible servers accept any region
 * name they were configured with (`minio`, `default`...), so only the characters are checked.
 */
export function validateRegion(region: string, strictAws = true): string | undefined {
  const value = region.trim();
  if (!value) return strictAws ? 'Region is required, e.g. us-east-1' : 'Region is required (us-east-1 if unsure)';
  if (strictAws && !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value)) {
    return `Region ${quote(value)} is not an AWS region; use the form us-east-1 or eu-west-3`;
  }
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(value)) {
    return `Region ${quote(value)} may contain only letters, digits, "-" and "_"`;
  }
  return undefined;
}

/** One or more PEM certificates (a CA bundle), each parsable and currently valid. */
export function validateCaCertificate(pem: string, now = new Date()): string | undefined {
  const text = pem.trim();
  if (!text) return undefined;
  // A bundle with a key in it would copy the key into the BackupStorageLocation, readable by anyone who can read it.
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) {
    return 'CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----, but this holds a private key (a private key is not a certificate, and must not leave this node): keep only the CA certificate(s) in the file';
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks) {
    return 'CA certificate must be PEM text starting with -----BEGIN CERTIFICATE----- (a private key is not a certificate)';
  }
  for (const [index, block] of blocks.entries()) {
    const which = blocks.length > 1 ? `Certificate ${index + 1} of ${blocks.length}` : 'The certificate';
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      return `${which} is not a valid PEM certificate (damaged or truncated base64)`;
    }
    const subject = cert.subject.replace(/\n/g, ', ');
    if (new Date(cert.validTo).getTime() < now.getTime()) return `${which} (${subject}) expired on ${cert.validTo}`;
    if (new Date(cert.validFrom).getTime() > now.getTime()) {
      return `${which} (${subject}) is not valid before ${cert.validFrom}`;
    }
  }
  return undefined;
}

/** A folder inside the bucket: relative, no empty or `..` segments. Empty means the bucket root. */
export function validatePrefix(prefix: string): string | undefined {
  const value = prefix.trim();
  if (!value) return undefined;
  if (value.startsWith('/')) return `Prefix ${quote(value)} starts with "/"; write it without the leading slash, e.g. velero`;
  if (value.length > 512) return `Prefix is ${value.length} characters long; keep it under 512`;
  const segments = value.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..' || s === '.')) {
    return `Prefix ${quote(value)} contains "." or ".." as a folder; use plain folder names`;
  }
  if (segments.some((s) => s === '')) return `Prefix ${quote(value)} contains "//"; use single slashes between folders`;
  const bad = [...value].find((c) => !/[A-Za-z0-9!_.*'()\-/]/.test(c));
  if (bad !== undefined) {
    return `Prefix ${quote(value)} contains ${bad === ' ' ? '"a space"' : quoteChar(bad)}; use letters, digits and - _ . / only`;
  }
  return undefined;
}

/** AWS access key IDs are 16-128 uppercase letters and digits; other servers allow more. */
export function validateAccessKeyId(id: string, strictAws = true): string | undefined {
  const value = id.trim();
  if (!value) return 'Access key ID is required';
  const masked = maskAccessKey(value);
  if (/\s/.test(value)) return `Access key ID ${masked} contains a space or line break`;
  if (strictAws) {
    if (!/^[A-Z0-9]+$/.test(value)) return `Access key ID ${masked} must contain only uppercase letters and digits`;
    if (value.length < 16 || value.length > 128) {
      return `Access key ID ${masked} is ${value.length} characters long; AWS IDs have 16 to 128`;
    }
    return undefined;
  }
  if (value.length < 3 || value.length > 128) {
    return `Access key ID ${masked} is ${value.length} characters long; use 3 to 128`;
  }
  if (/[^\x21-\x7e]/.test(value)) return `Access key ID ${masked} contains characters other than printable ASCII`;
  return undefined;
}

/** The secret is never shown, so the message only says what is wrong with it. */
export function validateSecretAccessKey(secret: string): string | undefined {
  if (!secret) return 'Secret access key is required';
  if (secret !== secret.trim()) return 'Secret access key starts or ends with a space or line break';
  if (/\s/.test(secret)) return 'Secret access key contains a space or line break';
  return undefined;
}
