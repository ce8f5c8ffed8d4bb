// Runs the bundled CLI in a real pseudo-terminal (util-linux `script`), the
// way an admin's SSH session does, to test what it leaves on the terminal
// when it is killed: the raw output (escape sequences included) and, once it
// exited, `stty -a` of the same terminal (raw mode must be off again).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const ESC = {
  enterAlt: '\u001b[?1049h',
  leaveAlt: '\u001b[?1049l',
  hideCursor: '\u001b[?25l',
  showCursor: '\u001b[?25h',
};

export interface PtyRun {
  /** Everything written to the terminal so far (raw). */
  output(): string;
  /** The same without escape sequences (what `waitFor` matches). */
  text(): string;
  /** The CLI's own process (node), to signal. */
  pid: number;
  /** The terminal device the CLI runs on, e.g. /dev/pts/3. */
  tty: string;
  /** Keys typed into the terminal. */
  write(keys: string): void;
  /** The CLI's exit code (printed by the wrapper shell after it ended). */
  exitCode(timeoutMs?: number): Promise<number>;
  /** `stty -a` of the terminal after the CLI ended. */
  sttyAfter(): string;
  /** Waits until the text written so far (escape sequences removed; from `since`, a text() length) matches; returns that text. */
  waitFor(text: string | RegExp, timeoutMs?: number, since?: number): Promise<string>;
  kill(): void;
}

/** Removes CSI escape sequences (colours, cursor moves, modes). */
export const stripEscapes = (s: string) => s.replace(/\u001b\[[0-9;?]*[ -\/]*[@-~]/g, '');

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function runCliInPty(args: string[], opts: { env?: Record<string, string>; rows?: number; cols?: number; cli?: string } = {}): Promise<PtyRun> {
  const cli = opts.cli ?? `${process.env.SNAPSHOTS_CLI_TEST_DIR ?? `${root}/dist`}/cli.js`;
  // The wrapper sizes the terminal, runs the CLI, then reports how it ended and the terminal's modes.
  const inner = `stty rows ${opts.rows ?? 30} cols ${opts.cols ?? 100}; ${quote(process.execPath)} ${[cli, ...args].map(quote).join(' ')}; echo "EXIT=$?"; stty -a; echo END-OF-RUN`;
  const child: ChildProcess = spawn('script', ['-qfec', `sh -c ${quote(inner)}`, '/dev/null'], {
    cwd: root,
    // Ink renders only the last frame when it believes it runs in CI (CI=true): a person at a terminal is what we test.
    env: { ...process.env, CI: 'false', CONTINUOUS_INTEGRATION: 'false', TERM: 'xterm-256color', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const waitFor = async (text: string | RegExp, timeoutMs = 20_000, since = 0) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const plain = stripEscapes(out).slice(since);
      if (typeof text === 'string' ? plain.includes(text) : text.test(plain)) return plain;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)} in the terminal; last output:\n${plain.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  // script → (its $SHELL →) sh → node. The CLI is the process whose own
  // argv[1] is the bundle: the shells' command lines contain its path too, and
  // whether `script` adds a shell of its own depends on the machine's $SHELL.
  const isCli = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[1] === cli;
    } catch {
      return false;
    }
  };
  const descendants = (p: number): number[] => childrenOf(p).flatMap((c) => [c, ...descendants(c)]);
  let pid = 0;
  for (let i = 0; i < 400 && !pid; i++) {
    pid = descendants(child.pid!).find(isCli) ?? 0;
    if (!pid) await new Promise((r) => setTimeout(r, 25));
  }
  let tty = '';
  try {
    if (!pid) throw new Error(`The CLI did not start in the terminal; output:\n${out}`);
    tty = readlinkSync(`/proc/${pid}/fd/0`);
  } catch (err) {
    // Never leave a terminal session behind when the test cannot use it.
    if (pid) process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
    throw err;
  }
  return {
    output: () => out,
    text: () => stripEscapes(out),
    pid,
    tty,
    write: (keys) => void child.stdin!.write(keys),
    async exitCode(timeoutMs = 20_000) {
      const text = await waitFor(/EXIT=(\d+)/, timeoutMs);
      return Number(/EXIT=(\d+)/.exec(text)![1]);
    },
    sttyAfter() {
      const after = out.slice(out.indexOf('EXIT='));
      return after.slice(after.indexOf('\n'), after.indexOf('END-OF-RUN'));
    },
    waitFor,
    kill() {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      child.kill('SIGKILL');
    },
  };
}

/** `stty -a` of a terminal device, from outside (while the CLI runs on it). */
export function sttyOf(tty: string): string {
  return execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
