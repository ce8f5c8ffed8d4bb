// Small S3 read helpers shared by validation and the Velero layout readers.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { isMissing } from './storage-error-codes.js';

const gunzipAsync = promisify(gunzip);
/** Bounds a listing at 1,000 pages (a million keys) so a huge bucket cannot loop forever. */
const MAX_PAGES = 1_000;

export interface ListedObject {
  key: string;
  size: number;
}

export interface Listing {
  objects: ListedObject[];
  /** Common prefixes (folders), when listed with a delimiter. */
  prefixes: string[];
}

/** The object's bytes, or undefined when it does not exist. */
export async function getObjectBytes(client: S3Client, bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

export async function listAll(client: S3Client, bucket: string, prefix: string, delimiter?: string): Promise<Listing> {
  const listing: Listing = { objects: [], prefixes: [] };
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const o of out.Contents ?? []) if (o.Key) listing.objects.push({ key: o.Key, size: o.Size ?? 0 });
    for (const p of out.CommonPrefixes ?? []) if (p.Prefix) listing.prefixes.push(p.Prefix);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
    if (!token) break;
  }
  return listing;
}

export async function gunzipText(bytes: Uint8Array): Promise<string> {
  return (await gunzipAsync(bytes)).toString('utf8');
}
