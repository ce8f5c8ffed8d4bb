// Storage flags → the Storage screen's form (same checks, same resolution).
// Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an INI
// credentials file, never from argv; messages name their source, not their value.
import { readFile } from 'node:fs/promises';
import type { CliArgs } from '../cli-args.js';
import { parseCredentialsIni, type AccessKeys, type DestinationType } from '../services/storage-location.js';
import { emptyForm, FIELD_LABELS, formErrors, withType, type FieldId, type FormContext, type StorageForm } from '../state/storage-form.js';
import { flag, has, usage } from './args.js';
import { quote } from '../format/quote.js';
import { rememberSecret } from '../format/secrets.js';

const PROVIDERS: DestinationType[] = ['aws', 's3-compatible', 'internal'];

/** Flags that describe a destination (validate without them checks the current one). */
export const DESTINATION_FLAGS = ['provider', 'bucket', 'prefix', 'region', 'endpoint', 'public-url', 'ca-cert', 'instance-role', 'read-only', 'credentials-file', 'insecure-skip-tls-verify'];

export function destinationGiven(args: CliArgs): boolean {
  return DESTINATION_FLAGS.some((f) => args.rest[f] !== undefined);
}

/** Where each form field comes from on the command line, for messages. */
const SOURCE: Partial<Record<FieldId, string>> = {
  bucket: '--bucket',
  prefix: '--prefix',
  region: '--region',
  endpoint: '--endpoint',
  publicUrl: '--public-url',
  caFile: '--ca-cert',
  accessKeyId: 'the access key ID (AWS_ACCESS_KEY_ID or --credentials-file)',
  secretAccessKey: 'the secret access key (AWS_SECRET_ACCESS_KEY or --credentials-file)',
};

/** Exit-2 checks that need no cluster: provider, required flags, flag combinations. */
export function checkStorageFlags(args: CliArgs): DestinationType {
  const provider = flag(args, 'provider');
  if (!provider) throw usage(`--provider is required: one of ${PROVIDERS.join(', ')}.`);
  if (!PROVIDERS.includes(provider as DestinationType)) throw usage(`--provider ${quote(provider)} is not known: use ${PROVIDERS.join(', ')}.`);
  const type = provider as DestinationType;
  if (!flag(args, 'bucket')) throw usage('--bucket is required.');
  if (type === 'aws' && !flag(args, 'region')) throw usage('--region is required for --provider aws, e.g. --region us-east-1.');
  if (type === 's3-compatible' && !flag(args, 'endpoint')) throw usage('--endpoint is required for --provider s3-compatible, e.g. --endpoint https://s3.example.com:9000.');
  if (has(args, 'instance-role') && type !== 'aws') throw usage(`--instance-role is for --provider aws only; ${type} storage needs keys.`);
  if (has(args, 'instance-role') && flag(args, 'credentials-file')) throw usage('Pass --instance-role or --credentials-file, not both.');
  if (type === 'aws' && (flag(args, 'endpoint') || flag(args, 'ca-cert') || flag(args, 'public-url'))) {
    throw usage('--endpoint, --public-url and --ca-cert are for s3-compatible or internal storage, not --provider aws.');
  }
  if (type === 's3-compatible' && flag(args, 'public-url')) throw usage('--public-url is for --provider internal only.');
  return type;
}

/** Keys from --credentials-file, else from the environment; undefined keeps the stored keys. */
export async function readKeys(args: CliArgs, env: NodeJS.ProcessEnv = process.env): Promise<AccessKeys | undefined> {
  if (has(args, 'instance-role')) return undefined;
  const file = flag(args, 'credentials-file');
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw usage(`--credentials-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'cannot be read by this user' : 'cannot be read'}.`);
    }
    const keys = parseCredentialsIni(text, 'default');
    if (!keys) throw usage(`--credentials-file ${file} has no aws_access_key_id and aws_secret_access_key under [default].`);
    return keys;
  }
  const id = env.AWS_ACCESS_KEY_ID?.trim();
  const secret = env.AWS_SECRET_ACCESS_KEY;
  rememberSecret(id);
  rememberSecret(secret);
  if (id && secret) return { accessKeyId: id, secretAccessKey: secret };
  if (id || secret) {
    const [set, missing] = id ? ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] : ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'];
    throw usage(`${missing} is not set but ${set} is: set both, or neither to keep the stored keys.`);
  }
  return undefined;
}

/** The form the flags describe, checked with the form's own rules (exit 2 naming the flag). */
export function formFromFlags(args: CliArgs, type: DestinationType, fctx: FormContext, keys: AccessKeys | undefined): StorageForm {
  let form: StorageForm = withType(emptyForm(has(args, 'read-only') ? 'ReadOnly' : 'ReadWrite'), type, fctx);
  const endpoint = flag(args, 'endpoint');
  // An explicit endpoint is typed in by hand, not taken from a detected in-cluster store.
  if (endpoint !== undefined) form = { ...form, internalStore: 'manual', endpoint };
  form = {
    ...form,
    bucket: flag(args, 'bucket') ?? form.bucket,
    prefix: flag(args, 'prefix') ?? '',
    region: flag(args, 'region') ?? form.region,
    publicUrl: flag(args, 'public-url') ?? '',
    caFile: flag(args, 'ca-cert') ?? '',
    auth: has(args, 'instance-role') ? 'instance-role' : 'keys',
    accessKeyId: keys?.accessKeyId ?? '',
    secretAccessKey: keys?.secretAccessKey ?? '',
  };
  const errors = formErrors(form, fctx);
  const problems = Object.entries(errors).map(([field, error]) => `${SOURCE[field as FieldId] ?? FIELD_LABELS[field as FieldId]}: ${error}`);
  if (problems.length) throw usage(`Storage settings not valid, nothing was checked or saved:\n  ${problems.join('\n  ')}`);
  return form;
}
