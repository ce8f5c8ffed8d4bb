// A/B of builds on one metric, alternating them session by session (the
// machine's load drifts; alternating keeps it fair). Used for the numbers in
// the performance commits of issue 9. Needs a running lab (LAB_DIR) and, for
// everything but `start`, the 5,000 Backups of `npm run bench` (BENCH_KEEP=1).
//
//   node bench/ab.mjs <metric> <rounds> <dirA> <dirB> [...]
//   dirs: builds, e.g. `node -e "import('./scripts/bundle.mjs').then(m => m.bundle('/tmp/a'))"`
//   metrics: start    start to the list in the velero namespace (+ first frame, CPU)
//            list     start to the list of 5,000 (+ VmHWM, CPU at that point)
//            scale    list of 5,000, 5 keys and a filter (+ VmHWM)
//            keys     15 j presses on the 5,000: key to frame
//            progress 10 Backup progress patches: PATCH to frame
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PtySession, ttyEnv } from './lib/pty.mjs';
import { Api, readKubeconfig, veleroPath } from './lib/kube.mjs';
import { cpuMs, memoryMb, summary, sleep } from './lib/stats.mjs';
const [metric, rounds, ...dists] = process.argv.slice(2);
if (!metric || !dists.length) {
  process.stderr.write('usage: node bench/ab.mjs start|list|scale|keys|progress <rounds> <dir>...\n');
  process.exit(2);
}
const labDir = process.env.LAB_DIR || join(fileURLToPath(new URL('..', import.meta.url)), '.lab');
const kubeconfig = join(labDir, 'kubeconfig');
const api = new Api(readKubeconfig(kubeconfig));
const env = ttyEnv({ KUBECONFIG: kubeconfig });
const ns = 'bench-scale';
const out = Object.fromEntries(dists.map((d) => [d, []]));
const cpu = {};
const extra = Object.fromEntries(dists.map((d) => [d, []]));
const startupLine = {};
async function one(dist) {
  const cli = `${dist}/cli.js`;
  if (metric === 'start') {
    const s = new PtySession(['node', cli], { env });
    try {
      const line = s.waitRaw('starting…');
      const f = await s.waitFrame(() => true);
      const l = await s.waitFrame((t) => t.includes('bench-start'));
      (cpu[dist] ??= []).push(cpuMs(s.pid()));
      extra[dist].push(s.since(f.t));
      const lt = await Promise.race([line, sleep(0)]);
      if (lt !== undefined && lt <= f.t) (startupLine[dist] ??= []).push(s.since(lt));
      return [s.since(l.t)];
    } finally {
      await s.close();
    }
  }
  const s = new PtySession(['node', cli, '--velero-namespace', ns], { env });
  try {
    const l = await s.waitFrame((t) => /(?<![0-9])1\/5000/.test(t), { timeoutMs: 60000 });
    if (metric === 'list') {
      extra[dist].push(memoryMb(s.pid()).hwm);
      (cpu[dist] ??= []).push(cpuMs(s.pid()));
      return [s.since(l.t)];
    }
    if (metric === 'scale') {
      await s.settle(800);
      let pos = 1;
      for (let k = 0; k < 5; k++) { await s.press('j', new RegExp(`(?<![0-9])${++pos}/5000`)); await sleep(100); }
      await s.press('/', /filter: +5000 match/);
      for (const [i, c] of [...'instance-b'].entries()) { await s.press(c, new RegExp(`filter: ${'instance-b'.slice(0, i + 1)} +\\d+ match`)); await sleep(100); }
      extra[dist].push(memoryMb(s.pid()).hwm);
      return [s.since(l.t)];
    }
    if (metric === 'keys') {
      await s.settle(800);
      const lat = [];
      let pos = 1;
      for (let k = 0; k < 15; k++) { lat.push(await s.press('j', new RegExp(`(?<![0-9])${++pos}/5000`))); await sleep(100); }
      return lat;
    }
    if (metric === 'progress') {
      await s.settle(500);
      await api.request('DELETE', veleroPath(ns, 'backups', 'harness-progress'));
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      await api.ok('POST', veleroPath(ns, 'backups'), { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'harness-progress' }, spec: {}, status: { phase: 'InProgress', startTimestamp: now, progress: { totalItems: 1000, itemsBackedUp: 0 } } });
      await s.waitFrame(/0\/1000 items/);
      await sleep(300);
      const lat = [];
      for (let k = 1; k <= 10; k++) {
        const fr = s.waitFrame(new RegExp(`(?<![0-9])${k}/1000 items`), { after: s.frames.length });
        const r = await api.ok('PATCH', veleroPath(ns, 'backups', 'harness-progress'), { status: { progress: { itemsBackedUp: k } } }, 'application/merge-patch+json');
        lat.push((await fr).t - r.sentAt);
        await sleep(150 + Math.random() * 100);
      }
      return lat;
    }
  } finally {
    await s.close();
    if (metric === 'progress') await api.request('DELETE', veleroPath(ns, 'backups', 'harness-progress'));
  }
}
for (let r = 0; r < Number(rounds); r++) {
  for (const d of r % 2 ? [...dists].reverse() : dists) out[d].push(...(await one(d)));
  process.stderr.write('.');
}
// extra: first frame (start) or VmHWM in MB (list, scale); cpu: CPU ms of the program when the list was drawn;
// line: the startup line drawn before Ink's first frame (start), if the build draws one.
process.stderr.write('\n');
for (const d of dists) console.log(d.split('/').pop().padEnd(8), JSON.stringify(summary(out[d])), extra[d].length ? 'extra ' + JSON.stringify(summary(extra[d])) : '', cpu[d] ? 'cpu ' + JSON.stringify(summary(cpu[d])) : '', startupLine[d] ? 'line ' + JSON.stringify(summary(startupLine[d])) : '');
api.close();
