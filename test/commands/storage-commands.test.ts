// storage show / validate / set against the demo, run as the real CLI process.
// Keys go in through the environment or a file and must never come out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, MISSING_BUCKET, WRONG_SECRET } from '../../src/services/demo/index.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

const NO_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
const KEY_ID = 'CMDTESTKEYID8642';
const SECRET = 'cmd-test-secret-Zq81vX';
const S3 = ['--provider', 's3-compatible', '--endpoint', 'http://minio2.example:9000', '--bucket', 'new-bucket', '--prefix', 'velero'];

function leaksNothing(r: CliResult, ...secrets: string[]) {
  for (const s of secrets) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

function credentialsFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'snapshots-cmd-')), 'credentials');
  writeFileSync(file, text);
  return file;
}

describe('storage show', () => {
  it('--json describes the location with the key masked and no secret', async () => {
    const r = await runCli(['storage', 'show', '--demo', '--json'], NO_KEYS);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ name: 'default', type: 's3-compatible', provider: 'aws', phase: 'Available', accessMode: 'ReadWrite', credentials: { source: 'secret', secret: 'cloud-credentials', maskedKeyId: '••••1234' } });
    expect(s.usage.backups).toBeGreaterThan(0);
    leaksNothing(r, DEMO_SECRET_KEY, DEMO_ACCESS_KEY);
  });
});

describe('storage validate', () => {
  it('checks the current location without flags and saves nothing', async () => {
    const r = await runCli(['storage', 'validate', '--demo', '--json'], NO_KEYS);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ intent: 'validate', checked: true, failure: null, writes: [] });
    expect(Object.values(run.steps)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    leaksNothing(r, DEMO_SECRET_KEY, DEMO_ACCESS_KEY);
  });

  it('exits 3 when the server cannot be reached, 1 for other failures, with the precise message', async () => {
    const down = await runCli(['storage', 'validate', '--demo', '--provider', 's3-compatible', '--endpoint', 'http://unreachable.example:9000', '--bucket', 'b-one'], NO_KEYS);
    expect(down.code).toBe(3);
    expect(down.stdout).toContain('✖ Connection to unreachable.example:9000 refused');
    const missing = await runCli(['storage', 'validate', '--demo', '--provider', 's3-compatible', '--endpoint', 'http://minio2.example:9000', '--bucket', MISSING_BUCKET], NO_KEYS);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`✖ Bucket "${MISSING_BUCKET}" does not exist at http://minio2.example:9000`);
    expect(missing.stdout).toContain('Nothing in the cluster was changed.');
  });

  it('exits 2 naming the flag of a bad value, or a bad provider', async () => {
    const bucket = await runCli(['storage', 'validate', '--demo', '--provider', 's3-compatible', '--endpoint', 'http://m:9000', '--bucket', 'Bad_Bucket'], NO_KEYS);
    expect(bucket.code).toBe(2);
    expect(bucket.stderr).toContain('--bucket: Bucket "Bad_Bucket" contains "B"; use lowercase letters');
    const provider = await runCli(['storage', 'validate', '--demo', '--provider', 'gcs', '--bucket', 'b-one']);
    expect([provider.code, provider.stderr]).toEqual([2, expect.stringContaining('--provider "gcs" is not known: use aws, s3-compatible, internal')]);
  });
});

describe('storage set', () => {
  it('takes keys from the environment, saves, reports Velero’s verdict, and never prints the secret', async () => {
    const r = await runCli(['storage', 'set', '--demo', ...S3, '--json'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET });
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ intent: 'save', checked: true, verdict: { phase: 'Available', timedOut: false }, writeError: null });
    expect(run.writes.map((w: { id: string; status: string }) => [w.id, w.status])).toEqual([['secret', 'ok'], ['location', 'ok']]);
    leaksNothing(r, SECRET, KEY_ID);
  });

  it('takes keys from a credentials file (INI) and prints neither key', async () => {
    const file = credentialsFile(`[default]\naws_access_key_id=${KEY_ID}\naws_secret_access_key=${SECRET}\n`);
    const r = await runCli(['storage', 'set', '--demo', ...S3, '--credentials-file', file], NO_KEYS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('● Available — Velero can use the location');
    leaksNothing(r, SECRET, KEY_ID);
  });

  it('exits 1 when the keys are refused, nothing written, secret not shown', async () => {
    const r = await runCli(['storage', 'set', '--demo', ...S3, '--json'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: WRONG_SECRET });
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout);
    expect(run.failure).toMatchObject({ step: 'bucket', message: expect.stringContaining('secret access key does not match') });
    expect(run.writes).toEqual([]);
    expect(r.stdout).not.toContain(KEY_ID);
  });

  it('exits 2 for keys given halfway, a file without keys, and flags that do not fit', async () => {
    const half = await runCli(['storage', 'set', '--demo', ...S3], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: '' });
    expect([half.code, half.stderr]).toEqual([2, expect.stringContaining('AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is')]);
    leaksNothing(half, KEY_ID);
    const file = credentialsFile(`[other]\naws_access_key_id=${KEY_ID}\naws_secret_access_key=${SECRET}\n`);
    const empty = await runCli(['storage', 'set', '--demo', ...S3, '--credentials-file', file], NO_KEYS);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('has no aws_access_key_id and aws_secret_access_key under [default]')]);
    leaksNothing(empty, KEY_ID, SECRET);
    const role = await runCli(['storage', 'set', '--demo', ...S3, '--instance-role'], NO_KEYS);
    expect([role.code, role.stderr]).toEqual([2, expect.stringContaining('--instance-role is for --provider aws only')]);
    const region = await runCli(['storage', 'set', '--demo', '--provider', 'aws', '--bucket', 'b-one'], NO_KEYS);
    expect([region.code, region.stderr]).toEqual([2, expect.stringContaining('--region is required for --provider aws')]);
    const ro = await runCli(['storage', 'set', '--demo', ...S3, '--readonly'], NO_KEYS);
    expect([ro.code, ro.stderr]).toEqual([2, expect.stringContaining('Refusing to change the storage settings')]);
  });

  it('a secret key cannot be passed as a flag', async () => {
    const r = await runCli(['storage', 'set', '--demo', ...S3, '--secret-access-key', SECRET], NO_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--secret-access-key'");
  });
});
