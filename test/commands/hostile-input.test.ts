// Bad values on every command flag: exit 2, a message that names the value
// (shortened when long) and what is allowed, and nothing written to the
// cluster (the demo backend's calls log stays empty). Run in-process against
// a demo backend the test keeps; a few also through the real CLI process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseCli } from '../../src/cli-args.js';
import { runCommand } from '../../src/commands/index.js';
import { createDemoBackend, SEEDED_BACKUPS as B, type DemoBackend } from '../../src/services/demo/index.js';
import { makeTestTls } from '../helpers/tls.js';
import { runCli } from '../helpers/run-cli.js';

const LONG = 'x'.repeat(10_000);
const CYR_A = '\u0430';
const KEYS = { AWS_ACCESS_KEY_ID: 'HOSTILEINPUTKEY1', AWS_SECRET_ACCESS_KEY: 'hostile-input-secret' };

let backend: DemoBackend | undefined;
afterEach(() => backend?.close());

const dir = mkdtempSync(join(tmpdir(), 'hostile-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tls = makeTestTls();

/** Runs a command in-process; output, exit code and every cluster write. */
async function run(argv: string[], env: Record<string, string> = {}) {
  backend = createDemoBackend({ tick: 5 });
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
  vi.stubEnv('AWS_ACCESS_KEY_ID', env.AWS_ACCESS_KEY_ID ?? '');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', env.AWS_SECRET_ACCESS_KEY ?? '');
  try {
    const code = await runCommand(parseCli([...argv, '--demo']), { open: async () => backend! });
    return { code, stdout: out.join(''), stderr: err.join(''), calls: [...backend.demo.calls] };
  } finally {
    o.mockRestore();
    e.mockRestore();
    vi.unstubAllEnvs();
  }
}

type Case = [name: string, argv: string[], message: RegExp];

/** Exit 2, the message, short output, nothing written, no secret echoed. */
async function refused([, argv, message]: Case, env: Record<string, string> = {}) {
  const r = await run(argv, env);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.calls).toEqual([]);
  expect(r.stdout).toBe('');
  expect(r.stderr.length).toBeLessThan(1200);
  expect(r.stderr).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  expect(r.stderr).not.toContain(KEYS.AWS_ACCESS_KEY_ID);
}

const SET = ['schedule', 'set', '--full'];
const scheduleCases: Case[] = [
  ['cron out of range', [...SET, '--cron', '61 * * * *'], /--cron "61 \* \* \* \*": minute field '61' is out of range 0-59/],
  ['cron with seconds', [...SET, '--cron', '0 0 * * * *'], /--cron "0 0 \* \* \* \*": 6 fields: Velero does not accept a seconds field; use 5/],
  ['empty cron', [...SET, '--cron', ''], /--cron "": Enter a schedule: 5 fields/],
  ['500-character cron', [...SET, '--cron', 'x'.repeat(500)], /--cron "x{60}…" \(500 characters\): Schedule "x{40}…" \(500 characters\) is 500 characters long/],
  ['full-width cron', [...SET, '--cron', '0 0 * * ＭＯＮ'], /day-of-week field 'ＭＯＮ' is not a number 0-6 or a name SUN-SAT/],
  ['@reboot', [...SET, '--cron', '@reboot'], /'@reboot' is not a schedule Velero knows; use @yearly/],
  ['Cyrillic month', [...SET, '--cron', `0 0 * ${CYR_A}pr *`], /month field 'аpr' is not a number 1-12 or a name JAN-DEC/],
  ['never runs', [...SET, '--cron', '0 0 31 2 *'], /day-of-month 31 never occurs in month FEB/],
  ['retention 0', [...SET, '--retention', '0d'], /--retention "0d": Retention must be more than 0.* Use a number and a unit d, w, m or y/],
  ['retention -1', [...SET, '--retention=-1d'], /--retention "-1d": "-1" is negative; enter a positive number/],
  ['retention without unit', [...SET, '--retention', '1.5'], /--retention "1\.5" is not a retention: use a number and a unit d, w, m or y/],
  ['retention abc', [...SET, '--retention', 'abc'], /--retention "abc" is not a retention/],
  ['retention 99999 years', [...SET, '--retention', '99999y'], /--retention "99999y": Retention longer than 100 years is not supported/],
  ['empty retention', [...SET, '--retention', ''], /--retention "" is not a retention/],
  ['retention 1e3', [...SET, '--retention', '1e3d'], /--retention "1e3d": "1e3" is not a number/],
  ['retention of 10,000 characters', [...SET, '--retention', LONG], /--retention "x{60}…" \(10000 characters\) is not a retention/],
  ['unknown subcommand of 10,000 characters', ['schedule', LONG], /unknown schedule command "x{60}…" \(10000 characters\)/],
];

const S3 = ['storage', 'set', '--provider', 's3-compatible', '--endpoint', 'http://minio2.example:9000'];
const AWS = ['storage', 'set', '--provider', 'aws', '--region', 'us-east-1'];
const storageCases: Case[] = [
  ['uppercase bucket', [...S3, '--bucket', 'MyBucket'], /--bucket: Bucket "MyBucket" contains "M"; use lowercase letters, digits, dots and hyphens only/],
  ['short bucket', [...S3, '--bucket', 'ab'], /--bucket: Bucket "ab" is 2 characters long; names have 3 to 63 characters/],
  ['long bucket', [...S3, '--bucket', 'a'.repeat(64)], /--bucket: Bucket "a{60}…" \(64 characters\) is 64 characters long/],
  ['IP-like bucket', [...S3, '--bucket', '192.168.1.1'], /--bucket: Bucket "192\.168\.1\.1" looks like an IP address/],
  ['bucket with ..', [...S3, '--bucket', 'my..bucket'], /--bucket: Bucket "my\.\.bucket" has two dots in a row/],
  ['Unicode bucket', [...S3, '--bucket', 'bückét'], /--bucket: Bucket "bückét" contains "ü" \(U\+00FC\)/],
  ['lookalike bucket', [...S3, '--bucket', `b${CYR_A}cket`], /--bucket: Bucket "bаcket" contains "а" \(U\+0430\)/],
  ['empty bucket', [...S3, '--bucket', ''], /--bucket is required/],
  ['bucket of 10,000 characters', [...S3, '--bucket', LONG], /--bucket: Bucket "x{60}…" \(10000 characters\) is 10000 characters long/],
  ['ftp endpoint', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', 'ftp://x'], /--endpoint: Endpoint "ftp:\/\/x" uses "ftp"; only http and https are allowed/],
  ['endpoint without scheme', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', 'minio:9000'], /--endpoint: Endpoint "minio:9000" uses "minio"; only http and https/],
  ['endpoint with a space', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', 'http://my host:9000'], /--endpoint: Endpoint "http:\/\/my host:9000" is not a URL; write it as http:\/\/host:port/],
  ['javascript: endpoint', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', 'javascript:alert(1)'], /uses "javascript"; only http and https/],
  ['very long endpoint', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', `http://${'a.'.repeat(3000)}x`], /--endpoint: Endpoint "http:\/\/a\.a\..*…" \(6008 characters\) is 6008 characters long; a URL has at most 2048/],
  ['empty endpoint', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', ''], /--endpoint is required for --provider s3-compatible/],
  ['lookalike endpoint host', ['storage', 'set', '--provider', 's3-compatible', '--bucket', 'b-one', '--endpoint', `http://minio.${CYR_A}rchive.example`], /contains "а" \(U\+0430\); write the host in plain ASCII/],
  ['AWS region in capitals', ['storage', 'set', '--provider', 'aws', '--bucket', 'b-one', '--region', 'US-EAST-1'], /--region: Region "US-EAST-1" is not an AWS region; use the form us-east-1 or eu-west-3/],
  ['empty region', ['storage', 'set', '--provider', 'aws', '--bucket', 'b-one', '--region', ''], /--region is required for --provider aws/],
  ['region with a space', [...S3, '--bucket', 'b-one', '--region', 'my region'], /--region: Region "my region" may contain only letters, digits, "-" and "_"/],
  ['region of 10,000 characters', [...AWS.slice(0, 4), '--bucket', 'b-one', '--region', LONG], /--region: Region "x{60}…" \(10000 characters\) is not an AWS region/],
  ['absolute prefix', [...S3, '--bucket', 'b-one', '--prefix', '/velero'], /--prefix: Prefix "\/velero" starts with "\/"/],
  ['prefix with ..', [...S3, '--bucket', 'b-one', '--prefix', '../other'], /--prefix: Prefix "\.\.\/other" contains "\." or "\.\." as a folder/],
  ['unknown provider', ['storage', 'set', '--provider', 'gcs', '--bucket', 'b-one'], /--provider "gcs" is not known: use aws, s3-compatible, internal/],
  ['empty provider', ['storage', 'set', '--provider', '', '--bucket', 'b-one'], /--provider is required: one of aws, s3-compatible, internal/],
  ['instance role on S3-compatible', [...S3, '--bucket', 'b-one', '--instance-role'], /--instance-role is for --provider aws only/],
];

const caCases = (): Case[] => [
  ['missing CA file', [...S3, '--bucket', 'b-one', '--ca-cert', join(dir, 'nope.pem')], /No file at .*nope\.pem\. Nothing was checked or saved\./],
  ['CA file not PEM', [...S3, '--bucket', 'b-one', '--ca-cert', file('notes.txt', 'not a certificate')], /notes\.txt: CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----/],
  ['private key instead of a CA', [...S3, '--bucket', 'b-one', '--ca-cert', file('key.pem', tls.serverKey)], /key\.pem: .*holds a private key \(a private key is not a certificate/],
  ['CA with its private key', [...S3, '--bucket', 'b-one', '--ca-cert', file('bundle.pem', tls.caCert + tls.serverKey)], /bundle\.pem: .*holds a private key/],
  ['empty CA file', [...S3, '--bucket', 'b-one', '--ca-cert', file('empty.pem', '')], /empty\.pem is empty/],
  ['CA path is a folder', [...S3, '--bucket', 'b-one', '--ca-cert', dir], /is a folder; give the path of the PEM file/],
  ['missing credentials file', [...S3, '--bucket', 'b-one', '--credentials-file', join(dir, 'nope.ini')], /--credentials-file .*nope\.ini: no such file/],
  ['credentials file without keys', [...S3, '--bucket', 'b-one', '--credentials-file', file('creds.ini', '[other]\naws_access_key_id=X\n')], /creds\.ini has no aws_access_key_id and aws_secret_access_key under \[default\]/],
  ['empty credentials file', [...S3, '--bucket', 'b-one', '--credentials-file', file('empty.ini', '')], /empty\.ini has no aws_access_key_id/],
];

const restoreCases: Case[] = [
  ['wrong slug', ['restore', B.partial, '--partial', '--app', 'other', '--yes'], /--app "other" is not the app's slug: the expected value is harness\. Nothing was changed\./],
  ['empty slug', ['restore', B.partial, '--partial', '--app', '', '--yes'], /pass --app harness to confirm the app/],
  ['lookalike slug (Cyrillic а)', ['restore', B.partial, '--partial', '--app', `h${CYR_A}rness`, '--yes'], /--app "hаrness" is not the app's slug: the expected value is harness/],
  ['slug with a trailing space', ['restore', B.partial, '--partial', '--app', 'harness ', '--yes'], /--app "harness " is not the app's slug/],
  ['slug with a zero-width space', ['restore', B.partial, '--partial', '--app', 'harness\u200b', '--yes'], /--app "harness\\u200b" is not the app's slug/],
  ['slug of 10,000 characters', ['restore', B.partial, '--partial', '--app', LONG, '--yes'], /--app "x{60}…" \(10000 characters\) is not the app's slug/],
  ['unknown snapshot', ['restore', 'nope', '--full', '--yes'], /No snapshot named "nope"\. List them with: snapshots list/],
  ['snapshot name of 10,000 characters', ['restore', LONG, '--full', '--yes'], /No snapshot named "x{60}…" \(10000 characters\)/],
];

const nameCases: Case[] = [
  ['delete: unknown snapshot', ['delete', 'nope', '--yes'], /No snapshot named "nope"\. List them with: snapshots list/],
  ['delete: lookalike name', ['delete', `inst${CYR_A}nce-6pz4k`, '--yes'], /No snapshot named "instаnce-6pz4k"/],
  ['delete: trailing space', ['delete', `${B.latestFull} `, '--yes'], new RegExp(`No snapshot named "${B.latestFull} "`)],
  ['delete: empty name', ['delete', '', '--yes'], /No snapshot named ""/],
  ['delete: 10,000 characters', ['delete', LONG, '--yes'], /No snapshot named "x{60}…" \(10000 characters\)/],
  ['describe: 10,000 characters', ['describe', LONG], /No snapshot named "x{60}…" \(10000 characters\)\. List them with: snapshots list/],
  ['describe: escape sequence', ['describe', 'a\u001b[2Jb'], /No snapshot named "a\\u001b\[2Jb"/],
  ['logs: empty search', ['logs', B.latestFull, '--search', ''], /--search needs some text to look for/],
  ['an extra argument of 10,000 characters', ['list', LONG], /Unexpected argument "x{60}…" \(10000 characters\) after list/],
];

describe('bad flag values exit 2, name the value and what is allowed, and write nothing', () => {
  it.each(scheduleCases)('schedule set: %s', async (...c) => refused(c));
  it.each(storageCases)('storage set: %s', async (...c) => refused(c, KEYS));
  it.each(storageCases.slice(0, 6).map(([n, a, m]): Case => [n, ['storage', 'validate', ...a.slice(2)], m]))('storage validate: %s', async (...c) => refused(c, KEYS));
  it.each(caCases())('storage set: %s', async (...c) => refused(c, KEYS));
  it.each(restoreCases)('restore: %s', async (...c) => refused(c));
  it.each(nameCases)('%s', async (...c) => {
    const r = await run(c[1]);
    expect(r.stderr).toMatch(c[2]);
    expect(r.code).toBe(2);
    expect(r.calls).toEqual([]);
    expect(r.stderr.length).toBeLessThan(1200);
  });
});

describe('the same through the real CLI process', () => {
  it.each([
    ['cron', ['schedule', 'set', '--full', '--cron', '61 * * * *'], /minute field '61' is out of range 0-59/],
    ['retention', ['schedule', 'set', '--full', '--retention=-1d'], /"-1" is negative/],
    ['retention that looks like a flag', ['schedule', 'set', '--full', '--retention', '-1d'], /Option '--retention' argument is ambiguous.*--retention=-XYZ/s],
    ['bucket', ['storage', 'validate', '--provider', 's3-compatible', '--endpoint', 'http://m:9000', '--bucket', `b${CYR_A}cket`], /contains "а" \(U\+0430\)/],
    ['endpoint', ['storage', 'validate', '--provider', 's3-compatible', '--endpoint', 'javascript:alert(1)', '--bucket', 'b-one'], /only http and https are allowed/],
    ['slug', ['restore', B.partial, '--partial', '--app', `h${CYR_A}rness`, '--yes'], /the expected value is harness/],
    ['an unknown flag', ['list', '--\u001b[2J'], /Unknown option/],
  ])('%s', async (_name, argv, message) => {
    const r = await runCli([...argv, '--demo'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
  });
});
