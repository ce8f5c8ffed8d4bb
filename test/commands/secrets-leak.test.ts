// Known secrets fed through every command path must never come out: not in
// stdout or stderr (tables, --json, progress, error messages, debug output),
// not in the process table while a command runs, and not in any file written
// during the run (a fresh HOME and TMPDIR, and the repository). The values are
// random per run, so any occurrence anywhere is a leak; assertion messages
// name the secret, never print it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCli } from '../../src/cli-args.js';
import { runCommand } from '../../src/commands/index.js';
import { createDemoBackend, MISSING_BUCKET, type DemoBackend } from '../../src/services/demo/index.js';
import { CLI_TEST_DIR, runCli, type CliResult } from '../helpers/run-cli.js';
import { FakeApiServer, route } from '../unit/services/fake-apiserver.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const started = Date.now() - 2000;

const upper = (n: number) => [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const KEY_ID = `AKIA${upper(16)}`;
const SECRET = randomBytes(30).toString('base64').replace(/[+/=]/g, 'Q');
// A lab-like service-account token (JWT shape); only its random parts are checked (the header is common to all JWTs).
const TOKEN_BODY = randomBytes(48).toString('base64url');
const TOKEN_SIG = randomBytes(64).toString('base64url');
const TOKEN = `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${TOKEN_BODY}.${TOKEN_SIG}`;

/** Pieces long enough to identify each secret; the key ID may show its last 4 characters only. */
const PIECES: [label: string, value: string][] = [
  ['secret key', SECRET],
  ['start of the secret key', SECRET.slice(0, 10)],
  ['end of the secret key', SECRET.slice(-10)],
  ['access key ID', KEY_ID],
  ['access key ID beyond its last 4', KEY_ID.slice(0, -4)],
  ['middle of the access key ID', KEY_ID.slice(4, 14)],
  ['bearer token', TOKEN],
  ['token payload', TOKEN_BODY.slice(0, 24)],
  ['token signature', TOKEN_SIG.slice(-24)],
];

/** Labels of the secrets found in `text` (never the values, so a failure prints nothing secret). */
function leaks(text: string): string[] {
  return PIECES.filter(([, v]) => text.includes(v)).map(([label]) => label);
}

function noLeak(where: string, r: Pick<CliResult, 'stdout' | 'stderr'>): void {
  expect({ where, stdout: leaks(r.stdout), stderr: leaks(r.stderr) }).toEqual({ where, stdout: [], stderr: [] });
}

const home = mkdtempSync(join(tmpdir(), 'secrets-home-'));
const tmp = mkdtempSync(join(tmpdir(), 'secrets-tmp-'));
const inputs = mkdtempSync(join(tmpdir(), 'secrets-input-'));
const credentials = join(inputs, 'credentials');
writeFileSync(credentials, `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, { mode: 0o600 });

let api: FakeApiServer;
let kubeconfig: string;
beforeAll(async () => {
  api = await new FakeApiServer().start();
  kubeconfig = join(inputs, 'admin.conf');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // Plain HTTP on loopback: the client only allows it with TLS verification off.
      `- name: lab\n  cluster:\n    server: ${api.url}\n    insecure-skip-tls-verify: true`,
      'users:',
      `- name: lab-admin\n  user:\n    token: ${TOKEN}`,
      'contexts:',
      '- name: lab\n  context:\n    cluster: lab\n    user: lab-admin',
      'current-context: lab',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
});
afterAll(async () => {
  await api.stop();
  for (const d of [home, tmp, inputs]) rmSync(d, { recursive: true, force: true });
});

/** The environment of every run: fresh HOME and TMPDIR, so files the program writes can be found. */
const ENV = { HOME: home, TMPDIR: tmp, KUBECONFIG: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
const KEYS = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET };
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { ...ENV, ...env });

const S3 = ['--provider', 's3-compatible', '--endpoint', 'http://minio2.example:9000', '--bucket', 'new-bucket', '--prefix', 'velero'];

describe('storage commands with known keys (the real CLI process)', () => {
  it.each([
    ['set, keys from the environment', ['storage', 'set', '--demo', ...S3], KEYS, 0],
    ['set --json, keys from the environment', ['storage', 'set', '--demo', ...S3, '--json'], KEYS, 0],
    ['set, keys from a credentials file', ['storage', 'set', '--demo', ...S3, '--credentials-file', credentials], {}, 0],
    ['set --json, keys from a credentials file', ['storage', 'set', '--demo', ...S3, '--credentials-file', '@', '--json'], {}, 0],
    ['validate succeeding', ['storage', 'validate', '--demo', ...S3], KEYS, 0],
    ['validate --json succeeding', ['storage', 'validate', '--demo', ...S3, '--json'], KEYS, 0],
    ['validate failing (no such bucket)', ['storage', 'validate', '--demo', ...S3.slice(0, 4), '--bucket', MISSING_BUCKET], KEYS, 1],
    ['validate --json failing', ['storage', 'validate', '--demo', ...S3.slice(0, 4), '--bucket', MISSING_BUCKET, '--json'], KEYS, 1],
    ['set failing (unreachable)', ['storage', 'set', '--demo', '--provider', 's3-compatible', '--endpoint', 'http://unreachable:9000', '--bucket', 'b-one'], KEYS, 3],
    ['set refused (bad bucket)', ['storage', 'set', '--demo', ...S3.slice(0, 4), '--bucket', 'Bad_Bucket'], KEYS, 2],
    ['set refused (bad key ID)', ['storage', 'set', '--demo', '--provider', 'aws', '--region', 'us-east-1', '--bucket', 'b-one'], { AWS_ACCESS_KEY_ID: `${KEY_ID} x`, AWS_SECRET_ACCESS_KEY: SECRET }, 2],
    ['set refused (secret without ID)', ['storage', 'set', '--demo', ...S3], { AWS_SECRET_ACCESS_KEY: SECRET }, 2],
    ['show', ['storage', 'show', '--demo'], KEYS, 0],
    ['show --json', ['storage', 'show', '--demo', '--json'], KEYS, 0],
    ['status --json', ['status', '--demo', '--json'], KEYS, 0],
    ['debug output of a failure', ['storage', 'set', '--demo', '--provider', 's3-compatible', '--endpoint', 'http://unreachable:9000', '--bucket', 'b-one'], { ...KEYS, SNAPSHOTS_DEBUG: '1' }, 3],
  ])('%s', async (name, args, env, code) => {
    const argv = args.map((a) => (a === '@' ? credentials : a));
    const r = await cli(argv, env);
    expect([name, r.code]).toEqual([name, code]);
    noLeak(name, r);
  });

  it('keys cannot be given on the command line, and trying does not echo them', async () => {
    const help = await cli(['help']);
    expect(help.stdout).toContain('Storage keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or --credentials-file, never from flags.');
    for (const attempt of [[`--secret-access-key=${SECRET}`], ['--secret-access-key', SECRET], [`--aws-secret-access-key=${SECRET}`], [`--access-key-id=${KEY_ID}`], [`--token=${TOKEN}`]]) {
      const r = await cli(['storage', 'set', '--demo', ...S3, ...attempt]);
      expect(r.code).toBe(2);
      noLeak(`argv ${attempt[0]!.split('=')[0]}`, r);
    }
  });
});

describe('a kubeconfig with an admin bearer token', () => {
  const quietServer = () =>
    route('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { status: 201, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', status: { userInfo: { username: 'lab-admin' } } } });

  it.each([
    ['401 for everything', () => api.on(() => ({ status: 401, body: { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' } }))],
    ['a 403 whose message quotes the token', () => {
      api.on(() => ({ status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: `forbidden: token ${TOKEN} may not do this (Authorization: Bearer ${TOKEN})` } }));
    }],
    ['a 500 that echoes the request headers', () => {
      api.on(quietServer());
      api.on((s) => (s.path.startsWith('/apis/authentication') ? undefined : { status: 500, body: { kind: 'Status', code: 500, message: `internal error; request had authorization=${s.auth} and ${s.auth?.replace('Bearer ', '')}` } }));
    }],
    ['a proxy that answers with HTML quoting the token', () => {
      api.on(() => ({ status: 502, body: `<html>bad gateway for ${TOKEN}</html>` as unknown as object }));
    }],
  ])('%s: status, list and storage show say what failed without the token', async (name, setup) => {
    api.reset();
    setup();
    const runs: [string[], Record<string, string>][] = [
      [['status'], {}],
      [['list', '--json'], {}],
      [['storage', 'show', '--json'], { SNAPSHOTS_DEBUG: '1' }],
    ];
    for (const [args, env] of runs) {
      const r = await cli([...args, '--kubeconfig', kubeconfig], env);
      expect(r.code).not.toBe(0);
      noLeak(`${name}: ${args.join(' ')}`, r);
    }
    expect(api.seen.some((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
  }, 60_000);

  it('an unreachable apiserver and a kubeconfig that is not YAML name the problem, not the token', async () => {
    const dead = join(inputs, 'dead.conf');
    writeFileSync(dead, readFileSync(kubeconfig, 'utf8').replace(api.url, 'http://127.0.0.1:1'));
    const broken = join(inputs, 'broken.conf');
    writeFileSync(broken, readFileSync(kubeconfig, 'utf8').replace(`token: ${TOKEN}`, `token: ${TOKEN}\n   bad: [indent`));
    for (const file of [dead, broken]) {
      const r = await cli(['status', '--kubeconfig', file]);
      expect(r.code).not.toBe(0);
      noLeak(file, r);
    }
  });
});

describe('process arguments', () => {
  it('a running command’s arguments (ps, /proc) and every process’s hold no secret', async () => {
    api.reset();
    api.on(() => 'hang'); // the command waits on the apiserver, so it can be inspected
    const child = spawn(process.execPath, [`${process.env.SNAPSHOTS_CLI_TEST_DIR ?? CLI_TEST_DIR}/cli.js`, 'storage', 'set', ...S3, '--kubeconfig', kubeconfig], {
      cwd: ROOT,
      env: { ...process.env, ...ENV, ...KEYS, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await vi.waitFor(() => expect(api.seen.length).toBeGreaterThan(0), { timeout: 10_000 });
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').join(' ');
      expect(cmdline).toContain('storage set');
      expect(leaks(cmdline)).toEqual([]);
      const ps = await new Promise<string>((resolve) => {
        const p = spawn('ps', ['-eo', 'pid,args', '--no-headers', '-ww'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.on('close', () => resolve(out));
      });
      expect(ps).toContain(String(child.pid));
      expect(leaks(ps)).toEqual([]);
    } finally {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('in-process: apply, then everything that shows the location afterwards', () => {
  let backend: DemoBackend;
  beforeAll(() => {
    backend = createDemoBackend({ tick: 5 });
  });
  afterAll(() => backend.close());

  async function run(argv: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
    for (const [k, v] of Object.entries({ ...ENV, ...env })) vi.stubEnv(k, v);
    try {
      const code = await runCommand(parseCli([...argv, '--demo']), { open: async () => ({ ...backend, close: () => undefined }) });
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      o.mockRestore();
      e.mockRestore();
      vi.unstubAllEnvs();
    }
  }

  it('set, validate, show, status, list, describe: the keys reach the cluster and nothing else', async () => {
    const set = await run(['storage', 'set', ...S3, '--json'], KEYS);
    expect(set.code).toBe(0);
    noLeak('set', set);
    // The Secret was written with the keys...
    const secret = backend.demo.calls.find((c) => c.method === 'putSecret')!;
    expect(leaks(JSON.stringify(secret.args))).toEqual(['secret key', 'start of the secret key', 'end of the secret key', 'access key ID', 'access key ID beyond its last 4', 'middle of the access key ID']);
    // ...and everything after reads them back from it, showing at most the last 4 of the ID.
    for (const args of [['storage', 'show'], ['storage', 'show', '--json'], ['storage', 'validate'], ['storage', 'validate', '--json'], ['status'], ['status', '--json'], ['list', '--json'], ['schedule', 'show', '--json']]) {
      const r = await run(args);
      noLeak(args.join(' '), r);
    }
    const show = await run(['storage', 'show', '--json']);
    expect(JSON.parse(show.stdout).credentials.maskedKeyId).toBe(`••••${KEY_ID.slice(-4)}`);
    // A failing check with the stored keys, and a wrong secret for the same ID.
    const failing = await run(['storage', 'validate', ...S3.slice(0, 4), '--bucket', MISSING_BUCKET]);
    expect(failing.code).toBe(1);
    noLeak('validate failing', failing);
    const wrong = await run(['storage', 'validate', ...S3], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(wrong.stdout).toContain(`••••${KEY_ID.slice(-4)}`);
    noLeak('validate with a wrong secret', wrong);
  });
});

describe('local files', () => {
  /** Every file under `dir` changed since the tests started (skipping .git and the bulk of node_modules). */
  function changedFiles(dir: string, out: string[] = []): string[] {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === '.git') continue;
        if (dir.endsWith('node_modules') && e.name !== '.cache' && e.name !== '.vite' && e.name !== '.vitest') continue;
        changedFiles(path, out);
      } else if (e.isFile()) {
        try {
          const st = statSync(path);
          if (st.mtimeMs >= started && st.size < 20_000_000) out.push(path);
        } catch {
          // gone meanwhile
        }
      }
    }
    return out;
  }

  it('nothing written to HOME, TMPDIR or the repository during these runs holds a secret', () => {
    const files = [...changedFiles(home), ...changedFiles(tmp), ...changedFiles(ROOT)];
    const found = files.flatMap((f) => {
      let text: string;
      try {
        text = readFileSync(f, 'latin1');
      } catch {
        return [];
      }
      const hit = leaks(text);
      return hit.length ? [`${relative(ROOT, f)}: ${hit.join(', ')}`] : [];
    });
    expect(found).toEqual([]);
    // The program itself writes nothing to HOME or TMPDIR.
    expect([...changedFiles(home), ...changedFiles(tmp)]).toEqual([]);
  });
});
