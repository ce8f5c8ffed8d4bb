// The private or shared lab the TUI e2e tests drive: its coordinates
// (LAB_DIR/lab.json, written by test/lab/up.sh), kubectl, the S3 server, and
// polling helpers. Nothing here sleeps a fixed time to get a result.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { REPO } from '../kube-lab.js';

export { REPO };

export interface LabInfo {
  labDir: string;
  kubeconfig: string;
  apiUrl: string;
  s3Url: string;
  s3Region: string;
  s3Bucket: string;
  s3AccessKey: string;
  s3SecretKey: string;
  kubectlBin: string;
  veleroBin: string;
  veleroVersion: string;
  veleroNamespace: string;
  fixture: { adminNamespace: string; appSlug: string; appNamespaces: string[]; crd: string } | null;
}

export const LAB_DIR = process.env.LAB_DIR || join(REPO, '.lab');

export function readLabInfo(): LabInfo {
  const file = join(LAB_DIR, 'lab.json');
  if (!existsSync(file)) throw new Error(`No lab: ${file} is missing. Run \`bash test/lab/build.sh && bash test/lab/up.sh\` (with the same LAB_DIR) first.`);
  const lab = JSON.parse(readFileSync(file, 'utf8')) as LabInfo;
  if (!lab.fixture) throw new Error(`The lab in ${LAB_DIR} runs without the app fixture (LAB_FIXTURE=0); the TUI e2e tests need it.`);
  return lab;
}

/** Runs kubectl against the lab; rejects with its stderr on a non-zero exit. */
export function kubectl(lab: LabInfo, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(lab.kubectlBin, ['--kubeconfig', lab.kubeconfig, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export async function kubectlJson<T = Obj>(lab: LabInfo, args: string[]): Promise<T> {
  return JSON.parse(await kubectl(lab, [...args, '-o', 'json'])) as T;
}

/** The object, or undefined when it does not exist. */
export async function getObject(lab: LabInfo, args: string[]): Promise<Obj | undefined> {
  const out = await kubectl(lab, [...args, '-o', 'json', '--ignore-not-found']);
  return out.trim() ? (JSON.parse(out) as Obj) : undefined;
}

export function veleroGet(lab: LabInfo, kind: string, name: string): Promise<Obj | undefined> {
  return getObject(lab, ['-n', lab.veleroNamespace, 'get', kind, name]);
}

export async function veleroList(lab: LabInfo, kind: string, selector?: string): Promise<Obj[]> {
  const list = await kubectlJson<{ items: Obj[] }>(lab, ['-n', lab.veleroNamespace, 'get', kind, ...(selector ? ['-l', selector] : [])]);
  return list.items;
}

export function s3Client(lab: LabInfo, secretKey = lab.s3SecretKey): S3Client {
  return new S3Client({
    endpoint: lab.s3Url,
    region: lab.s3Region,
    forcePathStyle: true,
    credentials: { accessKeyId: lab.s3AccessKey, secretAccessKey: secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Every key under `prefix` (all pages). */
export async function listKeys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  const keys = await listKeys(s3, bucket);
  for (let i = 0; i < keys.length; i += 500) {
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + 500).map((Key) => ({ Key })) } }));
  }
}

/** Polls `get` until `done` holds for its value; returns that value. */
export async function pollUntil<T>(what: string, get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await get();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function getBytes(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

/** The file names inside a Velero backup tarball (backups/<b>/<b>.tar.gz). */
export async function tarballEntries(s3: S3Client, bucket: string, backup: string): Promise<string[]> {
  const bytes = await getBytes(s3, bucket, `backups/${backup}/${backup}.tar.gz`);
  return execFileSync('tar', ['-tzf', '-'], { input: bytes, maxBuffer: 64 * 1024 * 1024 })
    .toString()
    .split('\n')
    .filter((l) => l && !l.endsWith('/'))
    .sort();
}

/** The backup log Velero uploaded (backups/<b>/<b>-logs.gz), as text. */
export async function backupLog(s3: S3Client, bucket: string, backup: string): Promise<string> {
  return gunzipSync(await getBytes(s3, bucket, `backups/${backup}/${backup}-logs.gz`)).toString('utf8');
}

export interface LineWatch {
  lines(): string[];
  stop(): void;
}

/**
 * `kubectl get KIND -w --output-watch-events` in the Velero namespace, one line
 * per event: "TYPE name field…" from a jsonpath over {.type} and {.object…}.
 * For objects Velero deletes right after processing them (DeleteBackupRequests).
 */
export async function watchVelero(lab: LabInfo, kind: string, jsonpath: string): Promise<LineWatch> {
  const child = spawn(
    lab.kubectlBin,
    ['--kubeconfig', lab.kubeconfig, '-v=6', '-n', lab.veleroNamespace, 'get', kind, '-w', '--output-watch-events', '-o', `jsonpath={.type}${jsonpath}{"\\n"}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // -v=6 logs each request once answered: the watch is open when its GET is logged.
  await pollUntil(`kubectl to open its watch of ${kind}`, async () => err, (e) => child.exitCode === null && /[?&]watch=true/.test(e), 30_000, 50).catch((e) => {
    child.kill();
    throw e;
  });
  return {
    lines: () => out.split('\n').filter(Boolean),
    stop: () => child.kill(),
  };
}
