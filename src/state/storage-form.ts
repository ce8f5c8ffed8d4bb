// The storage settings form as plain data: which fields a destination type
// shows, what each field's value must be, and the prefill from the current
// location. Pure: shared by the Storage screen and `storage set`.
import type { BackupStorageLocation } from '../services/model.js';
import { destinationTypeOf, type DestinationType } from '../services/storage-location.js';
import {
  validateAccessKeyId,
  validateBucketName,
  validateEndpoint,
  validatePrefix,
  validateRegion,
  validateSecretAccessKey,
} from '../services/validate-input.js';
import type { InternalStore } from './storage-types.js';

export type FieldId =
  | 'type'
  | 'internalStore'
  | 'endpoint'
  | 'publicUrl'
  | 'region'
  | 'bucket'
  | 'prefix'
  | 'auth'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'caFile'
  | 'accessMode';

export type AuthMode = 'keys' | 'instance-role';
export type AccessMode = 'ReadWrite' | 'ReadOnly';
/** `manual`, or the id of a detected in-cluster store. */
export type InternalChoice = string;

export interface StorageForm {
  type: DestinationType;
  internalStore: InternalChoice;
  endpoint: string;
  publicUrl: string;
  region: string;
  bucket: string;
  prefix: string;
  auth: AuthMode;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path of a PEM file on this node; empty keeps the current CA, `none` removes it. */
  caFile: string;
  accessMode: AccessMode;
}

/** What the form knows besides its values. */
export interface FormContext {
  /** The current location's Secret holds keys that an empty key field keeps. */
  storedKeys: boolean;
  /** The stored access key ID, masked (••••WXYZ). */
  storedKeyMasked?: string;
  /** The current location has a CA certificate that an empty CA field keeps. */
  storedCa: boolean;
  internalStores: InternalStore[];
  /** Result of reading the CA file (set asynchronously); keyed by the path it is about. */
  caCheck?: { path: string; error?: string };
}

export const CA_NONE = 'none';
export const DEFAULT_REGION = 'us-east-1';
export const INTERNAL_BUCKET = 'velero';

export const TYPE_OPTIONS = [
  { value: 'aws', label: 'Amazon S3' },
  { value: 's3-compatible', label: 'S3-compatible' },
  { value: 'internal', label: 'Internal storage' },
] as const satisfies readonly { value: DestinationType; label: string }[];

export const AUTH_OPTIONS = [
  { value: 'keys', label: 'Access keys' },
  { value: 'instance-role', label: 'Instance role (no keys stored)' },
] as const satisfies readonly { value: AuthMode; label: string }[];

export const ACCESS_OPTIONS = [
  { value: 'ReadWrite', label: 'Read-write' },
  { value: 'ReadOnly', label: 'Read-only (restore only)' },
] as const satisfies readonly { value: AccessMode; label: string }[];

export function emptyForm(accessMode: AccessMode = 'ReadWrite'): StorageForm {
  return {
    type: 'aws',
    internalStore: 'manual',
    endpoint: '',
    publicUrl: '',
    region: DEFAULT_REGION,
    bucket: '',
    prefix: '',
    auth: 'keys',
    accessKeyId: '',
    secretAccessKey: '',
    caFile: '',
    accessMode,
  };
}

/** The form filled from the current location; key fields stay empty (empty keeps them). */
export function formFromLocation(bsl: BackupStorageLocation, usesKeys: boolean): StorageForm {
  const config = bsl.spec.config ?? {};
  const type = destinationTypeOf(bsl);
  return {
    ...emptyForm(bsl.spec.accessMode === 'ReadOnly' ? 'ReadOnly' : 'ReadWrite'),
    type,
    endpoint: config.s3Url ?? '',
    publicUrl: type === 'internal' ? (config.publicUrl ?? '') : '',
    region: config.region || DEFAULT_REGION,
    bucket: bsl.spec.objectStorage.bucket,
    prefix: bsl.spec.objectStorage.prefix ?? '',
    auth: type === 'aws' && !usesKeys ? 'instance-role' : 'keys',
  };
}

export function selectedStore(form: StorageForm, fctx: FormContext): InternalStore | undefined {
  if (form.type !== 'internal') return undefined;
  return fctx.internalStores.find((s) => s.id === form.internalStore);
}

/** Keys come from the detected store's own Secret: no key fields. */
export function keysFromStore(form: StorageForm, fctx: FormContext): boolean {
  return Boolean(selectedStore(form, fctx)?.credentials);
}

export function usesKeys(form: StorageForm): boolean {
  return form.type !== 'aws' || form.auth === 'keys';
}

/** Fields in the order the form shows them for this destination type. */
export function visibleFields(form: StorageForm, fctx: FormContext): FieldId[] {
  const keyFields: FieldId[] = usesKeys(form) && !keysFromStore(form, fctx) ? ['accessKeyId', 'secretAccessKey'] : [];
  switch (form.type) {
    case 'aws':
      return ['type', 'bucket', 'prefix', 'region', 'auth', ...keyFields, 'accessMode'];
    case 's3-compatible':
      return ['type', 'endpoint', 'region', 'bucket', 'prefix', ...keyFields, 'caFile', 'accessMode'];
    case 'internal': {
      const pick: FieldId[] = fctx.internalStores.length > 0 ? ['internalStore'] : [];
      return ['type', ...pick, 'endpoint', 'publicUrl', 'region', 'bucket', 'prefix', ...keyFields, 'caFile', 'accessMode'];
    }
  }
}

/** What is wrong with one field, or undefined. Never echoes a secret. */
export function fieldError(field: FieldId, form: StorageForm, fctx: FormContext): string | undefined {
  const strictAws = form.type === 'aws';
  switch (field) {
    case 'bucket':
      return validateBucketName(form.bucket);
    case 'prefix':
      return validatePrefix(form.prefix);
    case 'region':
      return validateRegion(form.region, strictAws);
    case 'endpoint':
      return form.type === 'aws' ? undefined : validateEndpoint(form.endpoint);
    case 'publicUrl':
      return form.publicUrl.trim() ? validateEndpoint(form.publicUrl) : undefined;
    case 'accessKeyId':
      if (!form.accessKeyId.trim() && fctx.storedKeys) return undefined;
      return validateAccessKeyId(form.accessKeyId, strictAws);
    case 'secretAccessKey':
      if (!form.secretAccessKey && fctx.storedKeys) return undefined;
      return validateSecretAccessKey(form.secretAccessKey);
    case 'caFile': {
      const path = form.caFile.trim();
      if (!path || path === CA_NONE) return undefined;
      if (fctx.caCheck?.path === path) return fctx.caCheck.error;
      return undefined;
    }
    default:
      return undefined;
  }
}

export function formErrors(form: StorageForm, fctx: FormContext): Partial<Record<FieldId, string>> {
  const errors: Partial<Record<FieldId, string>> = {};
  for (const field of visibleFields(form, fctx)) {
    const error = fieldError(field, form, fctx);
    if (error) errors[field] = error;
  }
  return errors;
}

export function firstInvalid(form: StorageForm, fctx: FormContext): FieldId | undefined {
  return visibleFields(form, fctx).find((f) => fieldError(f, form, fctx) !== undefined);
}

/** Switching destination type: fill what the new type needs without losing what was typed. */
export function withType(form: StorageForm, type: DestinationType, fctx: FormContext): StorageForm {
  const next = { ...form, type };
  if (type === 'internal') {
    const store = fctx.internalStores[0];
    if (form.internalStore === 'manual' && store) return withStore(next, store.id, fctx);
    if (!next.bucket) next.bucket = INTERNAL_BUCKET;
  }
  return next;
}

/** Picking a detected store prefills its in-cluster URL. */
export function withStore(form: StorageForm, id: InternalChoice, fctx: FormContext): StorageForm {
  const store = fctx.internalStores.find((s) => s.id === id);
  if (!store) return { ...form, internalStore: 'manual' };
  return { ...form, internalStore: id, endpoint: store.inClusterUrl, bucket: form.bucket || INTERNAL_BUCKET };
}

export function internalOptions(fctx: FormContext): { value: InternalChoice; label: string }[] {
  return [...fctx.internalStores.map((s) => ({ value: s.id, label: s.label })), { value: 'manual', label: 'Enter manually' }];
}

export const FIELD_LABELS: Record<FieldId, string> = {
  type: 'Destination',
  internalStore: 'Found in cluster',
  endpoint: 'Endpoint URL',
  publicUrl: 'Node URL',
  region: 'Region',
  bucket: 'Bucket',
  prefix: 'Prefix',
  auth: 'Credentials',
  accessKeyId: 'Access key ID',
  secretAccessKey: 'Secret key',
  caFile: 'CA certificate',
  accessMode: 'Access',
};

/** The dimmed help line under a focused field. */
export function fieldHint(field: FieldId, form: StorageForm, fctx: FormContext): string | undefined {
  const internal = form.type === 'internal';
  switch (field) {
    case 'type':
      return '←/→ choose · S3 is recommended (it survives the cluster)';
    case 'internalStore':
      return "←/→ choose · keys come from the store's own Secret";
    case 'endpoint':
      return internal ? 'In-cluster URL that Velero uses, e.g. http://minio.minio' : 'http(s)://host:port of the S3 API (path-style)';
    case 'publicUrl':
      return "For this program's check: e.g. http://<Service ClusterIP>";
    case 'region':
      return form.type === 'aws' ? "The bucket's AWS region" : 'us-east-1 unless the server was set up with another region';
    case 'prefix':
      return 'Optional folder inside the bucket, e.g. velero';
    case 'auth':
      return '←/→ choose · the instance role stores no keys';
    case 'accessKeyId':
      return fctx.storedKeys ? 'Leave empty to keep the current key' : undefined;
    case 'secretAccessKey':
      return fctx.storedKeys ? 'Leave empty to keep the current key' : 'Typed characters are hidden';
    case 'caFile':
      return fctx.storedCa
        ? `PEM file on this node; empty keeps it, "${CA_NONE}" removes it`
        : 'Optional: PEM file on this node, for a private CA';
    case 'accessMode':
      return '←/→ choose · read-only: restore from it, never write to it';
    default:
      return undefined;
  }
}

/** Select fields change with ←/→; the rest are typed into. */
export const SELECT_FIELDS: ReadonlySet<FieldId> = new Set(['type', 'internalStore', 'auth', 'accessMode']);
