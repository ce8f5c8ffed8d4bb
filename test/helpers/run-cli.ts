// Runs the bundled CLI as a real process: the same bundle users run, with its
// real exit code, stdout and stderr. test/helpers/build-cli.ts builds it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_TEST_DIR = `${root}/node_modules/.cache/snapshots-test`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [`${process.env.SNAPSHOTS_CLI_TEST_DIR ?? CLI_TEST_DIR}/cli.js`, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}
