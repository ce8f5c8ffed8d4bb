// Pure mapping between the storage settings form, Velero's BackupStorageLocation
// plus its credentials Secret, and the S3Destination the storage service reads.
// No SDK here: this file only shapes objects (DESIGN.md §3 BSL, §4 storage).
import type { BackupStorageLocation } from './model.js';
import { ServiceError, type S3Destination } from './interfaces.js';
import { rememberSecret } from '../format/secrets.js';

export const LOCATION_NAME = 'default';
export const CREDENTIALS_SECRET = 'cloud-credentials';
export const CREDENTIALS_KEY = 'cloud';
const DEFAULT_REGION = 'us-east-1';

export type DestinationType = 'aws' | 's3-compatible' | 'internal';

export interface AccessKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the storage settings form collects. */
export interface LocationInput {
  type: DestinationType;
  /** Velero's namespace: where the BSL and its Secret live. */
  namespace: string;
  bucket: string;
  prefix?: string;
  region: string;
  /** S3-compatible: the endpoint URL. Internal: the in-cluster URL Velero uses. */
  endpoint?: string;
  /** Internal storage: an address reachable from the nodes when it differs from `endpoint`. */
  publicUrl?: string;
  /** PEM text of the CA that signed the server's certificate. */
  caCert?: string;
  insecureSkipTLSVerify?: boolean;
  /**
   * Velero aws plugin `checksumAlgorithm`. Undefined means "" for S3-compatible and
   * internal storage (Ceph RGW, versitygw and others reject CRC32 trailers) and the
   * plugin's default for AWS. Pass a value (even "") to write it explicitly.
   */
  checksumAlgorithm?: string;
  /** Absent: use the instance role (AWS only), no Secret is written. */
  credentials?: AccessKeys;
  accessMode?: 'ReadWrite' | 'ReadOnly';
}

export interface ComposedLocation {
  location: BackupStorageLocation;
  secret: { name: string; data: { cloud: string } } | undefined;
}

/**
 * What the credentials Secret holds once the instance role is chosen. Velero's
 * install mounts this Secret as its default credentials file, which the AWS
 * SDK reads before it asks the instance for a role: old keys left there would
 * quietly go on being used. Without a profile the SDK goes on to the role.
 */
export const KEYLESS_CREDENTIALS = '# No keys: Velero uses the instance role (written by snapshots).\n';

/** The Secret and key holding the location's credentials INI. */
export function credentialRefOf(bsl: BackupStorageLocation): { name: string; key: string } {
  const ref = bsl.spec.credential;
  if (ref?.name && ref.key) return { name: ref.name, key: ref.key };
  return { name: CREDENTIALS_SECRET, key: CREDENTIALS_KEY };
}

/** The S3 destination to read a location with; `secretData` is the whole Secret's string data. */
export function destinationFromLocation(
  bsl: BackupStorageLocation,
  secretData: Record<string, string> | undefined,
): S3Destination {
  const config = bsl.spec.config ?? {};
  const prefix = trimSlashes(bsl.spec.objectStorage.prefix ?? '');
  // publicUrl is the address Velero hands to clients outside the cluster; s3Url is
  // often an in-cluster service name this SSH session cannot resolve.
  const endpoint = nonEmpty(config.publicUrl) ?? nonEmpty(config.s3Url);
  const dest: S3Destination = {
    bucket: trimSlashes(bsl.spec.objectStorage.bucket),
    region: nonEmpty(config.region) ?? DEFAULT_REGION,
  };
  if (prefix) dest.prefix = prefix;
  if (endpoint) dest.endpoint = endpoint;
  if (config.s3ForcePathStyle === 'true') dest.forcePathStyle = true;
  if (config.insecureSkipTLSVerify === 'true') dest.insecureSkipTLSVerify = true;
  const ca = bsl.spec.objectStorage.caCert;
  if (ca) dest.caCert = Buffer.from(ca, 'base64').toString('utf8');
  if (secretData !== undefined) {
    const ref = credentialRefOf(bsl);
    const profile = nonEmpty(config.profile) ?? 'default';
    const ini = secretData[ref.key];
    const keys = ini === undefined ? undefined : parseCredentialsIni(ini, profile);
    if (!keys) {
      throw new ServiceError(
        'invalid',
        `Secret "${ref.name}" key "${ref.key}" has no aws_access_key_id and aws_secret_access_key in profile [${profile}]`,
        'Save the storage settings again with the access key ID and secret access key',
      );
    }
    dest.credentials = keys;
  }
  return dest;
}

/**
 * Marks a location this program wrote as internal storage: when the node
 * reaches the store at its in-cluster URL there is no publicUrl to tell it
 * apart from any other S3-compatible store.
 */
export const DESTINATION_ANNOTATION = 'snapshots.kots.io/destination';

/** Which form a location was written with, to prefill the storage settings. */
export function destinationTypeOf(bsl: BackupStorageLocation): DestinationType {
  const config = bsl.spec.config ?? {};
  if (!nonEmpty(config.s3Url)) return 'aws';
  if (bsl.metadata.annotations?.[DESTINATION_ANNOTATION] === 'internal') return 'internal';
  return nonEmpty(config.publicUrl) ? 'internal' : 's3-compatible';
}

/** The BSL named `default` and, unless an instance role is used, its credentials Secret. */
export function composeLocation(input: LocationInput): ComposedLocation {
  if (input.type !== 'aws' && !input.credentials) {
    throw new ServiceError('invalid', 'S3-compatible storage needs an access key ID and a secret access key');
  }
  if (input.type !== 'aws' && !nonEmpty(input.endpoint)) {
    throw new ServiceError('invalid', 'S3-compatible storage needs an endpoint URL');
  }
  const config: Record<string, string> = { region: input.region };
  if (input.type !== 'aws') {
    config.s3Url = input.endpoint as string;
    config.s3ForcePathStyle = 'true';
  }
  if (input.type === 'internal' && nonEmpty(input.publicUrl) && input.publicUrl !== input.endpoint) {
    config.publicUrl = input.publicUrl as string;
  }
  if (input.insecureSkipTLSVerify) config.insecureSkipTLSVerify = 'true';
  const checksum = input.checksumAlgorithm ?? (input.type === 'aws' ? undefined : '');
  if (checksum !== undefined) config.checksumAlgorithm = checksum;

  const objectStorage: BackupStorageLocation['spec']['objectStorage'] = { bucket: trimSlashes(input.bucket) };
  const prefix = trimSlashes(input.prefix ?? '');
  if (prefix) objectStorage.prefix = prefix;
  if (nonEmpty(input.caCert)) objectStorage.caCert = Buffer.from(input.caCert as string, 'utf8').toString('base64');

  const location: BackupStorageLocation = {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name: LOCATION_NAME, namespace: input.namespace, ...(input.type === 'internal' && { annotations: { [DESTINATION_ANNOTATION]: 'internal' } }) },
    spec: {
      provider: 'aws',
      objectStorage,
      config,
      default: true,
      accessMode: input.accessMode ?? 'ReadWrite',
    },
  };
  if (!input.credentials) return { location, secret: undefined };
  // Pointing the BSL at the Secret makes Velero read it through the API on every
  // use, so new keys apply at once instead of after the mounted file refreshes.
  location.spec.credential = { name: CREDENTIALS_SECRET, key: CREDENTIALS_KEY };
  return {
    location,
    secret: { name: CREDENTIALS_SECRET, data: { cloud: credentialsIni(input.credentials) } },
  };
}

/** What to validate before saving: the destination exactly as the composed location describes it. */
export function destinationFromInput(input: LocationInput): S3Destination {
  const { location, secret } = composeLocation(input);
  return destinationFromLocation(location, secret?.data);
}

/** `[default]` INI as the aws plugin reads it. */
export function credentialsIni(keys: AccessKeys): string {
  return `[default]\naws_access_key_id=${keys.accessKeyId}\naws_secret_access_key=${keys.secretAccessKey}\n`;
}

/** Keys of one profile of an AWS shared-credentials INI; undefined when either is missing. */
export function parseCredentialsIni(text: string, profile = 'default'): AccessKeys | undefined {
  let section: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const eq = line.indexOf('=');
    if (section !== profile || eq < 0) continue;
    values[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  const accessKeyId = values.aws_access_key_id;
  const secretAccessKey = values.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  rememberSecret(accessKeyId);
  rememberSecret(secretAccessKey);
  return { accessKeyId, secretAccessKey };
}

/** Shows at most the last 4 characters (fewer for short IDs), never the whole ID. */
export function maskAccessKey(id: string): string {
  if (!id) return '';
  const shown = Math.min(4, Math.floor(id.length / 2));
  return `••••${id.slice(id.length - shown)}`;
}

function trimSlashes(value: string): string {
  return value.trim().replace(/^\/+|\/+$/g, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
