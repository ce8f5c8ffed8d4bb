// The bin as users run it (`snapshots`, `kubectl snapshots`): the bundle's
// cli.js executed through its shebang, not as `node cli.js`.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_DIR } from '../helpers/run-cli.js';

const cli = `${process.env.SNAPSHOTS_CLI_TEST_DIR ?? CLI_TEST_DIR}/cli.js`;
// `env` finds node on PATH, as on an admin's machine.
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
const tmp = mkdtempSync(join(tmpdir(), 'snapshots-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the bin', () => {
  it('is executable and starts with a node shebang', () => {
    accessSync(cli, constants.X_OK);
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs through its shebang', async () => {
    const r = await run(cli, ['--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^snapshots \d+\.\d+\.\d+\n$/);
  });

  it('runs as the kubectl plugin: a symlink named kubectl-snapshots elsewhere on PATH', async () => {
    const link = join(tmp, 'kubectl-snapshots');
    symlinkSync(cli, link);
    const r = await run(link, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: snapshots');
  });
});
