// Checks a destination the way Velero will use it: reach the bucket, write,
// read back and delete a probe, then check the folders under the prefix.
// With `writeProbe: false` (--readonly) the probe steps are left out: nothing
// is written to the bucket.
import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Destination, ValidateOptions, ValidationResult, ValidationStep } from './interfaces.js';
import { isTransportError } from './storage-error-codes.js';
import { describeStorageError, redact, type StorageOperation } from './storage-errors.js';
import { foreignDirs, storageLayout, VELERO_TOP_DIRS } from './storage-layout.js';
import { getObjectBytes, listAll } from './storage-read.js';

export async function validateDestination(
  client: S3Client,
  dest: S3Destination,
  onStep?: (step: ValidationStep) => void,
  opts: ValidateOptions = {},
): Promise<ValidationResult> {
  const layout = storageLayout(dest.prefix);
  const fail = (step: ValidationStep, err: unknown, op: StorageOperation): ValidationResult => ({
    ok: false,
    failedStep: step,
    ...describeStorageError(err, dest, op),
  });

  onStep?.('reach');
  let headError: unknown;
  try {
    await client.send(new HeadBucketCommand({ Bucket: dest.bucket }));
  } catch (err) {
    if (isTransportError(err)) return fail('reach', err, 'bucket');
    headError = err;
  }

  onStep?.('bucket');
  if (headError !== undefined) {
    // A HEAD reply has no body, so wrong key, wrong secret and missing permission
    // all look alike; the same question as a GET returns the precise error code.
    // If the GET works (a server without HEAD support), Velero can still use the bucket.
    try {
      await client.send(new ListObjectsV2Command({ Bucket: dest.bucket, Prefix: layout.root, MaxKeys: 1 }));
    } catch (err) {
      return fail(isTransportError(err) ? 'reach' : 'bucket', err, 'bucket');
    }
  }

  const check: Check = { client, dest, layout, onStep, fail };
  if (opts.writeProbe !== false) {
    const probeFailure = await probe(check);
    if (probeFailure) return probeFailure;
  }
  return checkLayout(check);
}

/** What the steps after reaching the bucket share. */
interface Check {
  client: S3Client;
  dest: S3Destination;
  layout: ReturnType<typeof storageLayout>;
  onStep: ((step: ValidationStep) => void) | undefined;
  fail: (step: ValidationStep, err: unknown, op: StorageOperation) => ValidationResult;
}

/** Write, read back and delete a probe object; the failure, if any. */
async function probe({ client, dest, layout, onStep, fail }: Check): Promise<ValidationResult | undefined> {
  onStep?.('write');
  const key = layout.probeKey(randomBytes(6).toString('hex'));
  const body = Buffer.from(`snapshots-tui storage check ${new Date().toISOString()} ${randomBytes(8).toString('hex')}\n`);
  try {
    await client.send(new PutObjectCommand({ Bucket: dest.bucket, Key: key, Body: body, ContentType: 'text/plain' }));
  } catch (err) {
    return fail('write', err, 'write');
  }

  onStep?.('read');
  let readFailure: ValidationResult | undefined;
  try {
    const back = await getObjectBytes(client, dest.bucket, key);
    if (!back || !body.equals(Buffer.from(back))) {
      readFailure = {
        ok: false,
        failedStep: 'read',
        kind: 'unknown',
        message: back
          ? `Read back ${back.length} bytes that differ from the ${body.length} bytes written to ${key}`
          : `The object just written (${key}) cannot be found`,
        hint: 'The server does not store objects faithfully; Velero needs read-after-write consistency',
      };
    }
  } catch (err) {
    readFailure = fail('read', err, 'read');
  }

  onStep?.('delete');
  try {
    await client.send(new DeleteObjectCommand({ Bucket: dest.bucket, Key: key }));
  } catch (err) {
    if (readFailure) return readFailure;
    const failure = fail('delete', err, 'delete');
    return { ...failure, hint: redact(`${failure.hint ?? ''} (the probe ${key} was left behind; it is harmless)`.trim(), dest) };
  }
  return readFailure;
}

/** Velero refuses a prefix that holds folders it does not use. */
async function checkLayout({ client, dest, layout, onStep, fail }: Check): Promise<ValidationResult> {
  onStep?.('layout');
  let prefixes: string[];
  try {
    prefixes = (await listAll(client, dest.bucket, layout.root, '/')).prefixes;
  } catch (err) {
    return fail('layout', err, 'list');
  }
  // Velero only checks folders (common prefixes); loose files at the top are ignored by it.
  const foreign = foreignDirs(prefixes, layout.root);
  if (foreign.length > 0) {
    const where = layout.root ? `Prefix "${layout.root.replace(/\/$/, '')}"` : `The root of bucket "${dest.bucket}"`;
    const shown = foreign.slice(0, 5).map((f) => `${f}/`).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
    return {
      ok: false,
      failedStep: 'layout',
      kind: 'foreign-objects',
      foreignEntries: foreign,
      message: `${where} holds folders Velero does not use: ${shown}`,
      hint: `Velero marks such a location invalid (it allows only ${VELERO_TOP_DIRS.join('/, ')}/). Use an empty bucket or a new prefix, e.g. "velero"`,
    };
  }
  return { ok: true };
}
