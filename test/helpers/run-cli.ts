// Runs the built CLI as a real process: the same bundle users run, with its
// real exit code, stdout and stderr.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
let built: Promise<unknown> | undefined;

/** Bundles src/cli.tsx into a test-only file once per test run. */
function ensureBuilt(): Promise<unknown> {
  built ??= build({
    entryPoints: [`${root}/src/cli.tsx`],
    outfile: `${root}/node_modules/.cache/snapshots-test/cli.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    packages: 'external',
    logLevel: 'silent',
  });
  return built;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  await ensureBuilt();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${root}/node_modules/.cache/snapshots-test/cli.js`, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
