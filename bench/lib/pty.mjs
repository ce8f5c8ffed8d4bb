// Runs a program on a pseudo-terminal (util-linux `script`) and watches what
// it draws. Ink wraps every frame in synchronized-output marks
// (ESC[?2026h … ESC[?2026l), so frames are counted and searched exactly;
// each frame is timestamped when its last byte reaches this process.
import { spawn } from 'node:child_process';
import { childPid, shq, sleep } from './stats.mjs';

const BSU = '\u001b[?2026h';
const ESU = '\u001b[?2026l';
// CSI, OSC and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?<>=!]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78cDEHM]/g;

export const stripAnsi = (s) => s.replace(ANSI, '');

/** Environment without the variables that make Ink skip drawing (it checks CI). */
export function ttyEnv(extra = {}) {
  const env = { ...process.env, TERM: 'xterm-256color', ...extra };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
}

// Sessions still running when the harness exits (an error, ctrl-c) are ended
// too, so no TUI is left behind on an orphaned pseudo-terminal.
const live = new Set();
process.once('exit', () => {
  for (const s of live) {
    try {
      const pid = s.pid();
      if (pid) process.kill(pid, 'SIGTERM');
      s.child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
});

export class PtySession {
  /**
   * @param {string[]} argv program and arguments
   * @param {{rows?: number, cols?: number, env?: NodeJS.ProcessEnv, cwd?: string}} opts
   */
  constructor(argv, { rows = 40, cols = 120, env = ttyEnv(), cwd } = {}) {
    this.frames = []; // { t, index, bytes, text? } — text kept for the last frames only
    this.waiters = new Set();
    this.bytes = 0;
    this.pending = '';
    this.outside = 0; // bytes written outside a frame (e.g. alternate screen switches)
    this.rawTail = ''; // the last few KB of the raw stream, for text drawn outside frames
    this.rawWaiters = new Set();
    const command = `stty rows ${rows} cols ${cols}; exec ${argv.map(shq).join(' ')}`;
    this.t0 = performance.now();
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => this.onData(chunk, performance.now()));
    this.child.stderr.on('data', () => undefined);
    live.add(this);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitAt = performance.now();
        live.delete(this);
        for (const w of this.waiters) w.reject(new Error(`${argv[0]} exited (${code ?? signal}) before the awaited frame`));
        this.waiters.clear();
        resolve({ code, signal });
      });
    });
  }

  /** Milliseconds since spawn. */
  since(t = performance.now()) {
    return t - this.t0;
  }

  onData(chunk, t) {
    this.bytes += Buffer.byteLength(chunk);
    if (this.rawWaiters.size) {
      this.rawTail = (this.rawTail + chunk).slice(-4096);
      const text = stripAnsi(this.rawTail);
      for (const w of [...this.rawWaiters]) {
        if (text.includes(w.text)) {
          this.rawWaiters.delete(w);
          w.resolve(t);
        }
      }
    }
    this.pending += chunk;
    for (;;) {
      const start = this.pending.indexOf(BSU);
      if (start < 0) {
        this.outside += this.pending.length;
        this.pending = '';
        return;
      }
      const end = this.pending.indexOf(ESU, start);
      if (end < 0) {
        this.outside += start;
        this.pending = this.pending.slice(start);
        return;
      }
      this.outside += start;
      const raw = this.pending.slice(start + BSU.length, end);
      this.pending = this.pending.slice(end + ESU.length);
      // Ink's synchronized write of an unchanged frame is empty: not a frame.
      if (!raw) continue;
      const frame = { t, index: this.frames.length, bytes: Buffer.byteLength(raw), text: stripAnsi(raw) };
      this.frames.push(frame);
      if (this.frames.length > 50) this.frames[this.frames.length - 51].text = undefined;
      this.last = frame;
      for (const w of [...this.waiters]) {
        if (frame.index >= w.after && w.test(frame.text)) {
          this.waiters.delete(w);
          w.resolve(frame);
        }
      }
    }
  }

  /** The first frame (numbered `after` or later) whose text passes `test`. */
  waitFrame(test, { timeoutMs = 30_000, after = 0, what = 'frame' } = {}) {
    const pred = typeof test === 'function' ? test : test instanceof RegExp ? (s) => test.test(s) : (s) => s.includes(test);
    for (const f of this.frames) if (f.index >= after && f.text !== undefined && pred(f.text)) return Promise.resolve(f);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${this.last?.text ?? '(none)'}`));
      }, timeoutMs);
      const w = {
        after,
        test: pred,
        resolve: (f) => (clearTimeout(timer), resolve(f)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.waiters.add(w);
    });
  }

  /**
   * Time (performance.now()) when `text` first shows in the raw stream, in a
   * frame or not: e.g. the startup line the program draws before Ink's first
   * frame. Resolves undefined if the program exits first. Register it right
   * after the session starts.
   */
  waitRaw(text) {
    return new Promise((resolve) => {
      const w = { text, resolve };
      this.rawWaiters.add(w);
      this.exited.then(() => {
        if (this.rawWaiters.delete(w)) resolve(undefined);
      });
    });
  }

  /** Writes keys, then waits for the first later frame passing `test`; returns milliseconds. */
  async press(keys, test, opts = {}) {
    const after = this.frames.length;
    const t = performance.now();
    this.child.stdin.write(keys);
    const frame = await this.waitFrame(test, { after, ...opts });
    return frame.t - t;
  }

  /** Resolves once no frame has arrived for `quietMs` (and at least `minMs` after spawn). */
  async settle(quietMs = 1500, minMs = 0, timeoutMs = 60_000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const lastT = this.last?.t ?? this.t0;
      const now = performance.now();
      if (now - lastT >= quietMs && this.since(now) >= minMs) return;
      if (now > deadline) throw new Error('the screen never settled');
      await sleep(Math.max(50, Math.min(quietMs - (now - lastT), 250)));
    }
  }

  /** The program's pid (script's child, after `exec`). */
  pid() {
    return childPid(this.child.pid);
  }

  async close() {
    if (this.exitAt) return;
    const pid = this.pid();
    try {
      if (pid) process.kill(pid, 'SIGTERM');
      else this.child.kill('SIGTERM');
    } catch {
      // already gone
    }
    const done = await Promise.race([this.exited, sleep(3000).then(() => false)]);
    if (done === false) {
      if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Runs a program to completion on a pseudo-terminal (for CLI peers); returns milliseconds and output. */
export async function runOnPty(argv, opts = {}) {
  const s = new PtySession(argv, opts);
  let out = '';
  s.child.stdout.on('data', (c) => (out += c));
  const { code } = await s.exited;
  return { ms: s.exitAt - s.t0, code, output: stripAnsi(out) };
}
