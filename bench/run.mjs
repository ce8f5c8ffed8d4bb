#!/usr/bin/env node
// `npm run bench`: the program side by side with kubectl and the velero CLI,
// against the real lab, in one run (issue 9). Writes bench/results/<date>.json
// and prints a short table. Method and findings: bench/README.md.
//
// Environment:
//   LAB_DIR             the lab to use (default <repo>/.lab); started with
//                       test/lab/up.sh if it is not up (and stopped again after)
//   BENCH_RUNS          measured iterations per comparison (default 5)
//   BENCH_WARMUP        unmeasured iterations first (default 1)
//   BENCH_SCALE         Backup objects in the scale namespace (default 5000)
//   BENCH_IDLE_SECONDS  idle window (default 30)
//   BENCH_ONLY          comma list of sections: start,scale,idle,progress,command
//   BENCH_KEEP=1        keep the scale namespace (the next run reuses it)
//   BENCH_DIST          an existing build's directory (default: bundle src/ into bench/.dist)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupNames, createMissing, ensureNamespace, scaleBackups } from './lib/fixtures.mjs';
import { Api, readKubeconfig, veleroPath } from './lib/kube.mjs';
import { startCountingProxy } from './lib/proxy.mjs';
import { PtySession, runOnPty, ttyEnv } from './lib/pty.mjs';
import { cpuMs, loadAvg, memoryMb, pairRatios, round, sleep, summary } from './lib/stats.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const int = (v, d) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const cfg = {
  runs: int(process.env.BENCH_RUNS, 5),
  warmup: int(process.env.BENCH_WARMUP, 1),
  scale: int(process.env.BENCH_SCALE, 5000),
  idleSeconds: int(process.env.BENCH_IDLE_SECONDS, 30),
  sections: (process.env.BENCH_ONLY || 'start,scale,idle,progress,command').split(',').map((s) => s.trim()),
  keep: process.env.BENCH_KEEP === '1',
  labDir: process.env.LAB_DIR || join(repo, '.lab'),
  rows: 40,
  cols: 120,
  scaleNamespace: 'bench-scale',
  startBackup: 'bench-start',
};
const T = {
  startRatio: 1.5,
  shellFirstFrameMs: 300,
  scaleRatio: 1.5,
  rssMb: 200,
  keyMs: 50,
  progressMs: 250,
  idleCpuPct: 1,
  commandRatio: 1.5,
};

const log = (...a) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${a.join(' ')}\n`);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const position = (n, total) => new RegExp(`(?<![0-9])${n}/${total}(?![0-9])`);
const rotate = (list, i) => list.map((_, k) => list[(k + i) % list.length]);
const has = (section) => cfg.sections.includes(section);

// ---------------------------------------------------------------- lab, build
function labUp() {
  return spawnSync('bash', [join(repo, 'test/lab/down.sh'), '--check'], { env: { ...process.env, LAB_DIR: cfg.labDir }, stdio: 'ignore' }).status === 0;
}

/** The peers' times and the program's pairwise ratios to each (scale and command sections). */
function versusPeers(samples) {
  return {
    kubectlMs: summary(samples.kubectl),
    kubectlOnePageMs: summary(samples.kubectlOnePage),
    veleroMs: summary(samples.velero),
    ratioVsKubectl: summary(pairRatios(samples.tui, samples.kubectl)),
    ratioVsKubectlOnePage: summary(pairRatios(samples.tui, samples.kubectlOnePage)),
    ratioVsVelero: summary(pairRatios(samples.tui, samples.velero)),
  };
}

async function prepareLab() {
  let started = false;
  if (!existsSync(join(cfg.labDir, 'lab.json')) || !labUp()) {
    if (process.env.BENCH_LAB_UP === '0') throw new Error(`no lab is up in ${cfg.labDir} (npm run lab:up)`);
    log(`starting the lab in ${cfg.labDir}`);
    execFileSync('bash', [join(repo, 'test/lab/up.sh')], { env: { ...process.env, LAB_DIR: cfg.labDir }, stdio: ['ignore', 'inherit', 'inherit'] });
    started = true;
  }
  const lab = JSON.parse(readFileSync(join(cfg.labDir, 'lab.json'), 'utf8'));
  return { lab, started };
}

async function prepareBuild() {
  if (process.env.BENCH_DIST) return { dir: process.env.BENCH_DIST, ms: null };
  const dir = join(repo, 'bench/.dist');
  const t = performance.now();
  const { bundle } = await import(join(repo, 'scripts/bundle.mjs'));
  await bundle(dir);
  return { dir, ms: round(performance.now() - t, 0) };
}

function bundleSizes(dir) {
  let total = 0;
  let files = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js')) continue;
    total += statSync(join(dir, f)).size;
    files++;
  }
  return { entryBytes: statSync(join(dir, 'cli.js')).size, jsBytes: total, jsFiles: files };
}

function versions(lab, cli) {
  const out = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: lab.kubeconfig }, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch (err) {
      return `unknown (${err.message.split('\n')[0]})`;
    }
  };
  let kubectlClient;
  try {
    kubectlClient = JSON.parse(out(lab.kubectlBin, ['version', '--client', '-o', 'json'])).clientVersion.gitVersion;
  } catch {
    kubectlClient = 'unknown';
  }
  const pkg = (name) => JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    program: out('node', [cli, '--version']),
    node: process.version,
    ink: pkg('ink'),
    react: pkg('react'),
    clientNode: pkg('@kubernetes/client-node'),
    kubectl: kubectlClient,
    veleroCli: /Version:\s*(\S+)/.exec(out(lab.veleroBin, ['version', '--client-only']))?.[1] ?? 'unknown',
    kubeApiserver: lab.kubeVersion,
    veleroServer: lab.veleroVersion,
    etcd: lab.etcdVersion,
    script: out('script', ['--version']),
  };
}

// ---------------------------------------------------------------- fixtures
async function ensureStartBackup(api, lab) {
  const res = await api.request('GET', veleroPath(lab.veleroNamespace, 'backups', cfg.startBackup));
  if (res.status === 200 && res.body.status?.phase === 'Completed') return res.body;
  log(`creating backup ${cfg.startBackup} with the velero CLI`);
  execFileSync(lab.veleroBin, ['backup', 'create', cfg.startBackup, '-n', lab.veleroNamespace, '--include-namespaces', 'harness', '--wait'], {
    env: { ...process.env, KUBECONFIG: lab.kubeconfig },
    stdio: 'ignore',
  });
  return (await api.ok('GET', veleroPath(lab.veleroNamespace, 'backups', cfg.startBackup))).body;
}

async function ensureScale(api, template) {
  await ensureNamespace(api, cfg.scaleNamespace);
  const objects = scaleBackups(template, cfg.scaleNamespace, cfg.scale);
  const made = await createMissing(api, cfg.scaleNamespace, objects);
  if (made.created || made.deleted) log(`scale fixture: created ${made.created}, removed ${made.deleted} Backups in ${round(made.ms / 1000)} s`);
  const names = await backupNames(api, cfg.scaleNamespace);
  if (names.size !== cfg.scale) throw new Error(`expected ${cfg.scale} Backups in ${cfg.scaleNamespace}, found ${names.size}`);
  return { objects: names.size, createMs: round(made.ms, 0), created: made.created, newest: objects[0].metadata.name };
}

// ---------------------------------------------------------------- runners
/** A CLI peer on a PTY, like an admin would run it; milliseconds until it exits. */
async function cliOnPty(argv, env, expect) {
  const r = await runOnPty(argv, { rows: cfg.rows, cols: cfg.cols, env });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.output.slice(0, 300)}`);
  if (expect && !r.output.includes(expect)) throw new Error(`${argv.join(' ')}: output lacks ${expect}`);
  return r.ms;
}

/** A command with stdout to a pipe (command mode); milliseconds until it exits, and its output. */
function runPiped(argv, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${err.slice(0, 300)}`));
      resolve({ ms, stdout: Buffer.concat(out) });
    });
  });
}

/** Runs `peers` (name → async () => sample) warm-up + measured times, in rotating order. */
async function paired(title, peers) {
  const names = Object.keys(peers);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = -cfg.warmup; i < cfg.runs; i++) {
    for (const name of rotate(names, (i + cfg.warmup) % names.length)) {
      const value = await peers[name]();
      if (i >= 0) samples[name].push(value);
      await sleep(200);
    }
    log(`${title}: ${i < 0 ? 'warm-up' : `run ${i + 1}/${cfg.runs}`} done`);
  }
  return samples;
}

// ---------------------------------------------------------------- 1. start
async function benchStart(ctx) {
  const { lab, cli, env } = ctx;
  const ns = lab.veleroNamespace;
  const tuiSteps = [];
  const samples = await paired('start', {
    kubectl: () => cliOnPty([lab.kubectlBin, 'get', 'backups.velero.io', '-n', ns], env, cfg.startBackup),
    velero: () => cliOnPty([lab.veleroBin, 'backup', 'get', '-n', ns], env, cfg.startBackup),
    tui: async () => {
      const s = new PtySession(['node', cli], { rows: cfg.rows, cols: cfg.cols, env });
      try {
        const steps = {};
        const marks = { kubeconfig: 'Loading kubeconfig', apiserver: 'Contacting the Kubernetes API', velero: 'Looking for Velero', profile: 'Resolving the app profile' };
        for (const [k, text] of Object.entries(marks)) s.waitFrame(text, { timeoutMs: 20_000 }).then((f) => (steps[k] = round(s.since(f.t))), () => undefined);
        // The startup line cli.js draws before loading the UI (not a frame of
        // the shell: it is written outside synchronized-output marks).
        const startupLine = s.waitRaw('starting…');
        const first = await s.waitFrame(() => true, { what: 'the first frame' });
        const list = await s.waitFrame((t) => t.includes(cfg.startBackup), { what: `a row for ${cfg.startBackup}` });
        steps.list = round(s.since(list.t));
        const line = await Promise.race([startupLine, sleep(0)]);
        if (line !== undefined && line <= first.t) steps.startupLine = round(s.since(line));
        tuiSteps.push(steps);
        return { first: s.since(first.t), list: s.since(list.t), frames: list.index + 1, startupLine: steps.startupLine };
      } finally {
        await s.close();
      }
    },
    // Floors: what any program started this way pays before its own code runs.
    ptyWrapper: () => cliOnPty(['true'], env),
    nodeEmpty: () => cliOnPty(['node', '-e', '0'], env),
    cliVersion: () => cliOnPty(['node', cli, '--version'], env),
  });
  const tuiList = samples.tui.map((x) => x.list);
  const tuiFirst = samples.tui.map((x) => x.first);
  const tuiStartupLine = samples.tui.map((x) => x.startupLine).filter((x) => x !== undefined);
  return {
    what: `process start until the list shows Backup ${cfg.startBackup} (namespace ${ns}), vs the CLIs listing it; all on a ${cfg.cols}x${cfg.rows} PTY via script(1)`,
    tuiFirstFrameMs: summary(tuiFirst),
    // Before Ink's first frame: the one-line startup frame of cli.js (alternate screen, "snapshots starting…").
    tuiStartupLineMs: tuiStartupLine.length ? summary(tuiStartupLine) : undefined,
    tuiListMs: summary(tuiList),
    kubectlMs: summary(samples.kubectl),
    veleroMs: summary(samples.velero),
    ratioVsKubectl: summary(pairRatios(tuiList, samples.kubectl)),
    ratioVsVelero: summary(pairRatios(tuiList, samples.velero)),
    floors: { ptyWrapperMs: summary(samples.ptyWrapper), nodeEmptyMs: summary(samples.nodeEmpty), cliVersionMs: summary(samples.cliVersion) },
    tuiSteps,
    raw: samples,
  };
}

// ---------------------------------------------------------------- 2. scale
async function benchScale(ctx) {
  const { lab, cli, env, scale } = ctx;
  const ns = cfg.scaleNamespace;
  const N = cfg.scale;
  const keys = { down: [], pageDown: [], end: [], home: [], filterOpen: [], filterChar: [], filterBackspace: [], filterClear: [] };
  const memory = [];
  const samples = await paired('scale', {
    kubectl: () => cliOnPty([lab.kubectlBin, 'get', 'backups.velero.io', '-n', ns], env, scale.newest),
    // kubectl pages lists by 500 by default; the lab's apiserver serves pages from etcd, slowly.
    kubectlOnePage: () => cliOnPty([lab.kubectlBin, 'get', 'backups.velero.io', '-n', ns, '--chunk-size=0'], env, scale.newest),
    velero: () => cliOnPty([lab.veleroBin, 'backup', 'get', '-n', ns], env, scale.newest),
    tui: async () => {
      const s = new PtySession(['node', cli, '--velero-namespace', ns], { rows: cfg.rows, cols: cfg.cols, env });
      try {
        const list = await s.waitFrame((t) => t.includes(`All (${N})`) && position(1, N).test(t), { what: `the list of ${N}`, timeoutMs: 60_000 });
        const listMs = s.since(list.t);
        const pid = s.pid();
        const afterList = memoryMb(pid);
        await s.settle(800);
        const gap = () => sleep(90 + Math.random() * 40);
        const measure = async (bucket, key, test) => {
          const ms = await s.press(key, test, { timeoutMs: 5000, what: `the frame after ${JSON.stringify(key)}` });
          keys[bucket].push(ms);
          await gap();
        };
        let pos = 1;
        for (let k = 0; k < 15; k++) await measure('down', 'j', position(++pos, N));
        for (let k = 0; k < 5; k++) {
          const from = pos;
          await measure('pageDown', ' ', (t) => {
            const m = new RegExp(`(?<![0-9])(\\d+)/${N}(?![0-9])`).exec(t);
            return m ? ((pos = Number(m[1])), pos > from) : false;
          });
        }
        await measure('end', 'G', position(N, N));
        await measure('home', 'g', position(1, N));
        await measure('filterOpen', '/', new RegExp(`filter: +${N} match`));
        const query = 'instance-b';
        for (let k = 1; k <= query.length; k++) {
          await measure('filterChar', query[k - 1], new RegExp(`filter: ${escapeRe(query.slice(0, k))} +\\d+ match`));
        }
        for (let k = query.length - 1; k >= query.length - 3; k--) {
          await measure('filterBackspace', '\u007f', new RegExp(`filter: ${escapeRe(query.slice(0, k))} +\\d+ match`));
        }
        await measure('filterClear', '\u001b', (t) => !t.includes('filter:') && !t.includes('filter "') && new RegExp(`\\d+/${N}`).test(t));
        const end = memoryMb(pid);
        memory.push({ afterListRssMb: afterList.rss, peakRssMb: end.hwm, endRssMb: end.rss });
        return listMs;
      } finally {
        await s.close();
      }
    },
  });
  const allKeys = Object.values(keys).flat();
  return {
    what: `${N} Backups in namespace ${ns} (no Velero server watches it): time until the list is drawn vs kubectl get / velero backup get printing it; peak RSS (VmHWM) after scrolling and filtering; key press to the frame that shows its effect`,
    objects: scale,
    tuiListMs: summary(samples.tui),
    ...versusPeers(samples),
    peakRssMb: summary(memory.map((m) => m.peakRssMb)),
    afterListRssMb: summary(memory.map((m) => m.afterListRssMb)),
    keyMs: Object.fromEntries([['all', summary(allKeys)], ...Object.entries(keys).map(([k, v]) => [k, summary(v)])]),
    raw: { ...samples, memory, keys },
  };
}

// ---------------------------------------------------------------- 3. progress
async function benchProgress(ctx) {
  const { lab, cli, env, api } = ctx;
  const ns = cfg.scaleNamespace;
  const backupName = 'harness-progress';
  const restoreName = 'harness-progress-restore';
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await api.request('DELETE', veleroPath(ns, 'backups', backupName));
  await api.request('DELETE', veleroPath(ns, 'restores', restoreName));
  const s = new PtySession(['node', cli, '--velero-namespace', ns], { rows: cfg.rows, cols: cfg.cols, env });
  const kubectlSeen = new Map();
  let kw;
  const tui = { backup: [], restore: [], backupFromResponse: [] };
  const kubectl = [];
  try {
    await s.waitFrame((t) => position(1, cfg.scale).test(t), { what: 'the list', timeoutMs: 60_000 });
    await api.ok('POST', veleroPath(ns, 'backups'), {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: backupName, labels: { 'kots.io/app-slug': 'harness' }, annotations: { 'kots.io/snapshot-trigger': 'manual' } },
      spec: { includedNamespaces: ['harness'], storageLocation: 'default', ttl: '720h0m0s' },
      status: { phase: 'InProgress', startTimestamp: now, progress: { totalItems: 1000, itemsBackedUp: 0 } },
    });
    await api.ok('POST', veleroPath(ns, 'restores'), {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: restoreName },
      spec: { backupName: scaleNewest(ctx) },
      status: { phase: 'InProgress', startTimestamp: now, progress: { totalItems: 2000, itemsRestored: 0 } },
    });
    // kubectl's own watch on the same object, printing the counter on each change: the peer.
    kw = spawn(lab.kubectlBin, ['get', 'backups.velero.io', backupName, '-n', ns, '-w', '--no-headers', '-o', 'custom-columns=N:.status.progress.itemsBackedUp'], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let kbuf = '';
    kw.stdout.setEncoding('utf8');
    kw.stdout.on('data', (c) => {
      const t = performance.now();
      kbuf += c;
      const lines = kbuf.split('\n');
      kbuf = lines.pop();
      for (const l of lines) if (!kubectlSeen.has(l.trim())) kubectlSeen.set(l.trim(), t);
    });
    await s.waitFrame(/0\/1000 items/, { what: 'the running backup in the header' });
    const deadline = performance.now() + 10_000;
    while (!kubectlSeen.has('0') && performance.now() < deadline) await sleep(20);
    await s.waitFrame(/0\/2000 items/, { what: 'the running restore in the header' });
    await s.settle(500);
    const patch = (plural, name, progress) =>
      api.ok('PATCH', veleroPath(ns, plural, name), { status: { progress } }, 'application/merge-patch+json');
    const n = Math.max(10, cfg.runs * 4);
    for (let k = 1; k <= n + cfg.warmup; k++) {
      const measured = k > cfg.warmup;
      let after = s.frames.length;
      let frame = s.waitFrame(new RegExp(`(?<![0-9])${k}/1000 items`), { after, timeoutMs: 10_000, what: `backup progress ${k}` });
      const res = await patch('backups', backupName, { totalItems: 1000, itemsBackedUp: k });
      const f = await frame;
      if (measured) {
        tui.backup.push(f.t - res.sentAt);
        tui.backupFromResponse.push(f.t - res.doneAt);
        const deadline = performance.now() + 5000;
        while (!kubectlSeen.has(String(k)) && performance.now() < deadline) await sleep(5);
        if (kubectlSeen.has(String(k))) kubectl.push(kubectlSeen.get(String(k)) - res.sentAt);
      }
      await sleep(150 + Math.random() * 100);
      after = s.frames.length;
      frame = s.waitFrame(new RegExp(`(?<![0-9])${k}/2000 items`), { after, timeoutMs: 10_000, what: `restore progress ${k}` });
      const r2 = await patch('restores', restoreName, { totalItems: 2000, itemsRestored: k });
      const f2 = await frame;
      if (measured) tui.restore.push(f2.t - r2.sentAt);
      await sleep(150 + Math.random() * 100);
    }
  } finally {
    kw?.kill('SIGTERM');
    await s.close();
    await api.request('DELETE', veleroPath(ns, 'backups', backupName));
    await api.request('DELETE', veleroPath(ns, 'restores', restoreName));
  }
  return {
    what: `merge-patch of status.progress on a running Backup / Restore in ${ns} (${cfg.scale} other Backups) until the header shows the new count; from sending the PATCH. Peer: kubectl get -w on the same Backup printing the counter`,
    backupMs: summary(tui.backup),
    restoreMs: summary(tui.restore),
    backupFromResponseMs: summary(tui.backupFromResponse),
    kubectlWatchMs: summary(kubectl),
    ratioVsKubectlWatch: summary(pairRatios(tui.backup, kubectl)),
    raw: { tui, kubectl },
  };
}

function scaleNewest(ctx) {
  return ctx.scale?.newest ?? 'harness-unknown';
}

// ---------------------------------------------------------------- 4. idle
async function benchIdle(ctx, ns, label) {
  const { cli, kc } = ctx;
  const proxy = await startCountingProxy(kc);
  const kubeconfig = join(repo, 'bench/.dist', `idle-${label}.kubeconfig`);
  proxy.writeKubeconfig(kubeconfig, kc.token);
  const s = new PtySession(['node', cli, '--velero-namespace', ns], { rows: cfg.rows, cols: cfg.cols, env: ttyEnv({ KUBECONFIG: kubeconfig }) });
  try {
    await s.waitFrame((t) => /(?<![0-9])1\/\d+(?![0-9])/.test(t), { what: 'the list', timeoutMs: 60_000 });
    // Let start-up work finish (the Velero server check gives up after 8 s where no server runs).
    await s.settle(2000, 12_000);
    const pid = s.pid();
    const startup = proxy.log.map((e) => ({ atMs: round(s.since(e.t)), method: e.method, path: e.path, watch: e.watch, status: e.status }));
    const r0 = proxy.log.length;
    const ev0 = proxy.log.reduce((n, e) => n + e.events, 0);
    const c0 = cpuMs(pid);
    const f0 = s.frames.length;
    const b0 = s.bytes;
    const t0 = performance.now();
    // CPU per 10 s slice too: the first slices can still hold V8's post-load GC work.
    const slices = [];
    for (let left = cfg.idleSeconds * 1000, last = c0; left > 0; left -= 10_000) {
      await sleep(Math.min(10_000, left));
      const now = cpuMs(pid);
      slices.push(round(now - last));
      last = now;
    }
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - c0;
    const requests = proxy.log.slice(r0).map((e) => ({ atMs: round(e.t - t0), method: e.method, path: e.path, watch: e.watch }));
    const events = proxy.log.reduce((n, e) => n + e.events, 0) - ev0;
    const frames = s.frames.slice(f0).map((f) => round(f.t - t0));
    return {
      namespace: ns,
      seconds: round(wall / 1000),
      requests: requests.length,
      requestList: requests,
      watchEventsReceived: events,
      openWatchesAtStart: startup.filter((e) => e.watch).length,
      cpuMs: round(cpu),
      cpuPctOfCore: round((cpu / wall) * 100, 2),
      cpuMsPer10s: slices,
      frames: frames.length,
      frameTimesMs: frames,
      bytesWritten: s.bytes - b0,
      rssMb: memoryMb(pid).rss,
      startupRequests: startup,
    };
  } finally {
    await s.close();
    proxy.close();
  }
}

// ---------------------------------------------------------------- 5. command
async function benchCommand(ctx) {
  const { lab, cli, env } = ctx;
  const ns = cfg.scaleNamespace;
  const checks = {};
  const check = (name, stdout) => {
    if (checks[name]) return;
    const parsed = JSON.parse(stdout.toString('utf8'));
    const items = Array.isArray(parsed) ? parsed : parsed.items;
    checks[name] = { items: items.length, bytes: stdout.length };
    if (items.length !== cfg.scale) throw new Error(`${name}: ${items.length} items, expected ${cfg.scale}`);
  };
  const samples = await paired('command', {
    kubectl: async () => {
      const r = await runPiped([lab.kubectlBin, 'get', 'backups.velero.io', '-n', ns, '-o', 'json'], env);
      check('kubectl', r.stdout);
      return r.ms;
    },
    tui: async () => {
      const r = await runPiped(['node', cli, 'list', '--json', '--velero-namespace', ns], env);
      check('program', r.stdout);
      return r.ms;
    },
    kubectlOnePage: async () => {
      const r = await runPiped([lab.kubectlBin, 'get', 'backups.velero.io', '-n', ns, '-o', 'json', '--chunk-size=0'], env);
      check('kubectlOnePage', r.stdout);
      return r.ms;
    },
    velero: async () => {
      const r = await runPiped([lab.veleroBin, 'backup', 'get', '-n', ns, '-o', 'json'], env);
      return r.ms;
    },
  });
  return {
    what: `\`snapshots list --json --velero-namespace ${ns}\` (${cfg.scale} snapshots) vs \`kubectl get backups.velero.io -n ${ns} -o json\`, stdout to a pipe, until exit`,
    programMs: summary(samples.tui),
    ...versusPeers(samples),
    output: checks,
    raw: samples,
  };
}

// ---------------------------------------------------------------- report
function verdicts(r) {
  const rows = [];
  const add = (item, metric, value, target, met, note = '') => rows.push({ item, metric, value, target, met, note });
  const med = (s) => s?.median;
  if (r.start) {
    add(1, 'list shown / kubectl get (ratio)', med(r.start.ratioVsKubectl), `<= ${T.startRatio}`, med(r.start.ratioVsKubectl) <= T.startRatio);
    add(1, 'first frame of the shell (ms)', med(r.start.tuiFirstFrameMs), `< ${T.shellFirstFrameMs}`, med(r.start.tuiFirstFrameMs) < T.shellFirstFrameMs);
  }
  if (r.scale) {
    add(2, `list of ${cfg.scale} / kubectl get (ratio)`, med(r.scale.ratioVsKubectl), `<= ${T.scaleRatio}`, med(r.scale.ratioVsKubectl) <= T.scaleRatio);
    add(2, 'RSS when the list is drawn (MB, max of runs)', r.scale.afterListRssMb.max, `< ${T.rssMb}`, r.scale.afterListRssMb.max < T.rssMb);
    add(2, 'peak RSS after the keys (MB, max of runs)', r.scale.peakRssMb.max, `< ${T.rssMb}`, r.scale.peakRssMb.max < T.rssMb);
    add(2, 'key to frame (ms, median / p90)', `${r.scale.keyMs.all.median} / ${r.scale.keyMs.all.p90}`, `< ${T.keyMs}`, r.scale.keyMs.all.p90 < T.keyMs);
  }
  if (r.progress) {
    add(3, 'backup progress to screen (ms, median / max)', `${r.progress.backupMs.median} / ${r.progress.backupMs.max}`, `< ${T.progressMs}`, r.progress.backupMs.max < T.progressMs);
    add(3, 'restore progress to screen (ms, median / max)', `${r.progress.restoreMs.median} / ${r.progress.restoreMs.max}`, `< ${T.progressMs}`, r.progress.restoreMs.max < T.progressMs);
  }
  for (const idle of r.idle ?? []) {
    const kinds = {};
    for (const q of idle.requestList) kinds[`${q.method} ${q.path.split('/').pop()}${q.watch ? ' (watch)' : ''}`] = (kinds[`${q.method} ${q.path.split('/').pop()}${q.watch ? ' (watch)' : ''}`] ?? 0) + 1;
    const what = Object.entries(kinds).map(([k, n]) => `${n}× ${k}`).join(', ');
    add(4, `idle ${idle.seconds} s (${idle.namespace}): requests`, idle.requests, '0', idle.requests === 0, what);
    add(4, `idle (${idle.namespace}): CPU % of a core`, idle.cpuPctOfCore, `< ${T.idleCpuPct}`, idle.cpuPctOfCore < T.idleCpuPct);
    add(4, `idle (${idle.namespace}): frames drawn`, idle.frames, '0', idle.frames === 0, idle.watchEventsReceived ? `${idle.watchEventsReceived} watch events arrived` : '');
  }
  if (r.command) {
    add(5, 'list --json / kubectl -o json (ratio)', med(r.command.ratioVsKubectl), `<= ${T.commandRatio}`, med(r.command.ratioVsKubectl) <= T.commandRatio);
  }
  return rows;
}

function printTable(r) {
  const lines = [];
  const pad = (s, n) => String(s).padEnd(n);
  const mmm = (s) => (s && s.n ? `${s.min} / ${s.median} / ${s.max}` : '—');
  lines.push('', `velero-snapshots-tui bench · ${r.date} · node ${r.versions.node}, kubectl ${r.versions.kubectl}, velero ${r.versions.veleroCli}, apiserver ${r.versions.kubeApiserver}`);
  lines.push(`runs ${cfg.runs} (+${cfg.warmup} warm-up) · ${os.cpus().length} cores · load ${r.host.loadBefore.join(' ')} → ${r.host.loadAfter.join(' ')}`, '');
  lines.push(`${pad('measurement', 44)} min / median / max`);
  const row = (name, s, unit = 'ms') => s && lines.push(`${pad(name, 44)} ${mmm(s)} ${unit}`);
  if (r.start) {
    row('1 startup line (before Ink; not the shell)', r.start.tuiStartupLineMs);
    row('1 first frame (shell)', r.start.tuiFirstFrameMs);
    row('1 list shown (program)', r.start.tuiListMs);
    row('1 kubectl get backups', r.start.kubectlMs);
    row('1 velero backup get', r.start.veleroMs);
    row('1 ratio program/kubectl (pairwise)', r.start.ratioVsKubectl, '×');
    row('1 ratio program/velero (pairwise)', r.start.ratioVsVelero, '×');
    row('  floor: script(1) + stty', r.start.floors.ptyWrapperMs);
    row('  floor: node -e 0', r.start.floors.nodeEmptyMs);
    row('  floor: cli --version', r.start.floors.cliVersionMs);
  }
  if (r.scale) {
    row(`2 list of ${cfg.scale} shown (program)`, r.scale.tuiListMs);
    row(`2 kubectl get (${cfg.scale})`, r.scale.kubectlMs);
    row(`2 kubectl get --chunk-size=0`, r.scale.kubectlOnePageMs);
    row(`2 velero backup get (${cfg.scale})`, r.scale.veleroMs);
    row('2 ratio program/kubectl (pairwise)', r.scale.ratioVsKubectl, '×');
    row('2 ratio program/kubectl --chunk-size=0', r.scale.ratioVsKubectlOnePage, '×');
    row('2 RSS when the list is drawn', r.scale.afterListRssMb, 'MB');
    row('2 peak RSS (VmHWM) after the keys', r.scale.peakRssMb, 'MB');
    for (const [k, s] of Object.entries(r.scale.keyMs)) row(`2 key → frame: ${k}`, s);
  }
  if (r.progress) {
    row('3 backup progress → screen', r.progress.backupMs);
    row('3 restore progress → screen', r.progress.restoreMs);
    row('3 kubectl get -w (same backup change)', r.progress.kubectlWatchMs);
    row('3 ratio program/kubectl -w (pairwise)', r.progress.ratioVsKubectlWatch, '×');
  }
  for (const i of r.idle ?? []) {
    lines.push(`${pad(`4 idle ${i.seconds} s in ${i.namespace}`, 44)} ${i.requests} requests, ${i.watchEventsReceived} watch events, CPU ${i.cpuMs} ms (${i.cpuPctOfCore}%; per 10 s: ${i.cpuMsPer10s.join(', ')}), ${i.frames} frames`);
  }
  if (r.command) {
    row(`5 list --json (${cfg.scale})`, r.command.programMs);
    row(`5 kubectl -o json (${cfg.scale})`, r.command.kubectlMs);
    row(`5 kubectl -o json --chunk-size=0`, r.command.kubectlOnePageMs);
    row(`5 velero -o json (${cfg.scale})`, r.command.veleroMs);
    row('5 ratio program/kubectl (pairwise)', r.command.ratioVsKubectl, '×');
    row('5 ratio program/kubectl --chunk-size=0', r.command.ratioVsKubectlOnePage, '×');
  }
  lines.push('', `${pad('target', 52)} ${pad('value', 16)} ${pad('goal', 8)} met`);
  for (const v of r.targets) lines.push(`${pad(`${v.item} ${v.metric}`, 52)} ${pad(v.value ?? '—', 16)} ${pad(v.target, 8)} ${v.met ? 'yes' : 'NO'}${v.note ? `  (${v.note})` : ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------- main
async function main() {
  const { lab, started } = await prepareLab();
  const build = await prepareBuild();
  const cli = join(build.dir, 'cli.js');
  const kc = readKubeconfig(lab.kubeconfig);
  const api = new Api(kc, { sockets: 16 });
  const env = ttyEnv({ KUBECONFIG: lab.kubeconfig });
  mkdirSync(join(repo, 'bench/.dist'), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    config: cfg,
    host: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: round(os.totalmem() / 2 ** 30), kernel: os.release(), loadBefore: loadAvg() },
    versions: versions(lab, cli),
    build: { ...build, ...bundleSizes(build.dir) },
  };
  log(`versions: ${JSON.stringify(result.versions)}`);
  const ctx = { lab, cli, env, api, kc };
  try {
    const template = await ensureStartBackup(api, lab);
    if (['scale', 'progress', 'idle', 'command'].some(has)) {
      ctx.scale = await ensureScale(api, template);
      result.scaleFixture = ctx.scale;
    }
    const section = async (name, fn) => {
      const before = loadAvg();
      const out = await fn();
      out.loadAvg = { before, after: loadAvg() };
      return out;
    };
    if (has('start')) result.start = await section('start', () => benchStart(ctx));
    if (has('scale')) result.scale = await section('scale', () => benchScale(ctx));
    if (has('idle')) {
      result.idle = [];
      log(`idle: ${cfg.idleSeconds} s in ${cfg.scaleNamespace}`);
      result.idle.push(await benchIdle(ctx, cfg.scaleNamespace, 'scale'));
      log(`idle: ${cfg.idleSeconds} s in ${lab.veleroNamespace}`);
      result.idle.push(await benchIdle(ctx, lab.veleroNamespace, 'velero'));
    }
    if (has('progress')) result.progress = await section('progress', () => benchProgress(ctx));
    if (has('command')) result.command = await section('command', () => benchCommand(ctx));
  } finally {
    if (ctx.scale && !cfg.keep) await api.request('DELETE', `/api/v1/namespaces/${cfg.scaleNamespace}`).catch(() => undefined);
    api.close();
    if (started) execFileSync('bash', [join(repo, 'test/lab/down.sh')], { env: { ...process.env, LAB_DIR: cfg.labDir }, stdio: 'ignore' });
  }
  result.host.loadAfter = loadAvg();
  result.targets = verdicts(result);
  const dir = join(repo, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.date.replace(/:/g, '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  printTable(result);
  process.stdout.write(`\nresults: ${file}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});
