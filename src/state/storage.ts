// Storage settings effects that read: what the current location uses (masked
// keys, space used), which in-cluster object stores exist, and turning the
// form into the BSL + Secret to write. Keys stay inside these functions: what
// they return holds masked key IDs at most.
import { readFile, stat } from 'node:fs/promises';
import type { S3Destination } from '../services/interfaces.js';
import type { BackupStorageLocation } from '../services/model.js';
import {
  composeLocation,
  credentialRefOf,
  destinationFromLocation,
  destinationTypeOf,
  LOCATION_NAME,
  maskAccessKey,
  parseCredentialsIni,
  type AccessKeys,
  type ComposedLocation,
  type LocationInput,
} from '../services/storage-location.js';
import { validateCaCertificate } from '../services/validate-input.js';
import { requireSession, type EffectContext } from './context.js';
import { errorText } from './operations.js';
import { CA_NONE, keysFromStore, selectedStore, usesKeys, type FormContext, type StorageForm } from './storage-form.js';
import { detectInternalStores, internalStoreKeys } from './storage-internal.js';
import type { CredentialsView, StorageInfo } from './storage-types.js';

/** The location this program manages: the BSL named `default`. */
export async function currentLocation(ctx: EffectContext): Promise<BackupStorageLocation | undefined> {
  const { velero } = requireSession(ctx);
  return ctx.store.getState().objects.BackupStorageLocation[LOCATION_NAME] ?? (await velero.get('BackupStorageLocation', LOCATION_NAME));
}

/** Keys of the location's Secret, when it has some. Velero mounts cloud-credentials even without spec.credential. */
async function storedKeys(ctx: EffectContext, bsl: BackupStorageLocation | undefined): Promise<AccessKeys | undefined> {
  if (!bsl) return undefined;
  const { backend, velero } = requireSession(ctx);
  const ref = credentialRefOf(bsl);
  const data = await backend.cluster.getSecret(velero.namespace, ref.name);
  const ini = data?.[ref.key];
  return ini === undefined ? undefined : parseCredentialsIni(ini, bsl.spec.config?.profile || 'default');
}

/** How the location authenticates (masked) and the space its snapshots use. */
export async function loadStorageInfo(ctx: EffectContext, bsl: BackupStorageLocation): Promise<StorageInfo> {
  const { backend, velero } = requireSession(ctx);
  const ref = credentialRefOf(bsl);
  let credentials: CredentialsView;
  let dest: S3Destination | undefined;
  try {
    const data = await backend.cluster.getSecret(velero.namespace, ref.name);
    if (data === undefined && !bsl.spec.credential) {
      credentials = { source: 'instance-role' };
      dest = destinationFromLocation(bsl, undefined);
    } else if (data === undefined) {
      credentials = { source: 'problem', ...ref, problem: `Secret "${ref.name}" does not exist` };
    } else {
      dest = destinationFromLocation(bsl, data);
      credentials = { source: 'secret', ...ref, maskedKeyId: maskAccessKey(dest.credentials?.accessKeyId ?? '') };
    }
  } catch (err) {
    credentials = { source: 'problem', ...ref, problem: errorText(err) };
  }
  const info: StorageInfo = { credentials };
  if (!dest) return info;
  try {
    info.usage = await backend.storage.usage(dest);
  } catch (err) {
    info.usageError = errorText(err);
  }
  return info;
}

/** What the form needs to know about the current location. */
export async function loadFormContext(ctx: EffectContext): Promise<FormContext> {
  const bsl = await currentLocation(ctx);
  let keys: AccessKeys | undefined;
  try {
    keys = await storedKeys(ctx, bsl);
  } catch {
    keys = undefined;
  }
  return {
    storedKeys: Boolean(keys),
    storedKeyMasked: keys ? maskAccessKey(keys.accessKeyId) : undefined,
    storedCa: Boolean(bsl?.spec.objectStorage.caCert),
    internalStores: await detectInternalStores(ctx),
  };
}

/** Reads a CA bundle from a file on this node and checks it is PEM; never throws. */
export async function readCaFile(path: string): Promise<{ pem: string } | { error: string }> {
  const file = path.trim();
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { error: `${file} is a folder; give the path of the PEM file` };
    if (info.size > 1_000_000) return { error: `${file} is ${info.size} bytes; a CA bundle is a few KB of PEM text` };
    const pem = await readFile(file, 'utf8');
    const problem = validateCaCertificate(pem);
    if (problem) return { error: `${file}: ${problem}` };
    if (!pem.trim()) return { error: `${file} is empty` };
    return { pem };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `No file at ${file}` };
    if (code === 'EACCES') return { error: `${file} cannot be read by this user` };
    return { error: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export interface ResolvedLocation {
  composed: ComposedLocation;
  /** What this program validates: the node-reachable URL and the keys to write. */
  dest: S3Destination;
  previous?: BackupStorageLocation;
}

/**
 * The BSL and Secret the form describes. Empty key fields keep the stored
 * keys, an empty CA field keeps the stored CA; settings the form does not show
 * (checksum, TLS skip, sync/validation periods) are carried over.
 */
export async function resolveLocation(ctx: EffectContext, form: StorageForm, fctx: FormContext): Promise<ResolvedLocation> {
  const { velero } = requireSession(ctx);
  const previous = await currentLocation(ctx);
  const input: LocationInput = {
    type: form.type,
    namespace: velero.namespace,
    bucket: form.bucket.trim(),
    prefix: form.prefix.trim(),
    region: form.region.trim(),
    accessMode: form.accessMode,
  };
  if (form.type !== 'aws') input.endpoint = form.endpoint.trim();
  if (form.type === 'internal' && form.publicUrl.trim()) input.publicUrl = form.publicUrl.trim();

  if (usesKeys(form)) {
    const store = selectedStore(form, fctx);
    if (store && keysFromStore(form, fctx)) {
      input.credentials = await internalStoreKeys(ctx, store);
      if (!input.credentials) throw new Error(`The credentials in Secret ${store.credentials?.secret} could not be read; choose "Enter manually"`);
    } else {
      const typedId = form.accessKeyId.trim();
      const kept = !typedId || !form.secretAccessKey ? await storedKeys(ctx, previous) : undefined;
      const accessKeyId = typedId || kept?.accessKeyId;
      const secretAccessKey = form.secretAccessKey || kept?.secretAccessKey;
      if (!accessKeyId || !secretAccessKey) throw new Error('The current keys could not be read; enter the access key ID and secret key');
      input.credentials = { accessKeyId, secretAccessKey };
    }
  }

  const caPath = form.caFile.trim();
  if (form.type !== 'aws' && caPath && caPath !== CA_NONE) {
    const ca = await readCaFile(caPath);
    if ('error' in ca) throw new Error(ca.error);
    input.caCert = ca.pem;
  } else if (form.type !== 'aws' && !caPath && previous?.spec.objectStorage.caCert) {
    input.caCert = Buffer.from(previous.spec.objectStorage.caCert, 'base64').toString('utf8');
  }

  const sameType = previous !== undefined && destinationTypeOf(previous) === form.type;
  const oldConfig = previous?.spec.config ?? {};
  if (sameType && oldConfig.checksumAlgorithm !== undefined) input.checksumAlgorithm = oldConfig.checksumAlgorithm;
  if (sameType && oldConfig.insecureSkipTLSVerify === 'true') input.insecureSkipTLSVerify = true;

  const composed = composeLocation(input);
  if (previous?.spec.backupSyncPeriod) composed.location.spec.backupSyncPeriod = previous.spec.backupSyncPeriod;
  if (previous?.spec.validationFrequency) composed.location.spec.validationFrequency = previous.spec.validationFrequency;
  const dest = destinationFromLocation(composed.location, composed.secret?.data);
  return { composed, dest, previous };
}

/** "bucket b/p at URL" for progress lines and notices. */
export function describeDestination(dest: S3Destination): string {
  const where = dest.prefix ? `${dest.bucket}/${dest.prefix}` : dest.bucket;
  return `bucket ${where} at ${dest.endpoint ?? `AWS S3 (${dest.region})`}`;
}

/** Whether the new location points somewhere else than the old one (snapshot list changes). */
export function placeChanged(previous: BackupStorageLocation | undefined, next: BackupStorageLocation): boolean {
  if (!previous) return false;
  const trim = (s: string | undefined) => (s ?? '').replace(/^\/+|\/+$/g, '');
  const a = previous.spec;
  const b = next.spec;
  return (
    trim(a.objectStorage.bucket) !== trim(b.objectStorage.bucket) ||
    trim(a.objectStorage.prefix) !== trim(b.objectStorage.prefix) ||
    (a.config?.s3Url ?? '') !== (b.config?.s3Url ?? '')
  );
}
