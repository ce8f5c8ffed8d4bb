// vitest globalSetup: bundle the CLI once per run for the command tests, the
// same way `npm run build` does, into a test-only folder of this run (runs of
// other sessions in the same checkout must not delete it under our feet).
import { rm } from 'node:fs/promises';
// @ts-expect-error plain .mjs build script without types
import { bundle } from '../../scripts/bundle.mjs';
import { CLI_TEST_DIR } from './run-cli.js';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = `${CLI_TEST_DIR}/run-${process.pid}`;
  await (bundle as (dir: string) => Promise<void>)(dir);
  // Test workers start after this and inherit the environment.
  process.env.SNAPSHOTS_CLI_TEST_DIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}
