// vitest globalSetup: bundle the CLI once per run for the command tests, the
// same way `npm run build` does, into a test-only folder.
// @ts-expect-error plain .mjs build script without types
import { bundle } from '../../scripts/bundle.mjs';
import { CLI_TEST_DIR } from './run-cli.js';

export default async function setup(): Promise<void> {
  await (bundle as (dir: string) => Promise<void>)(CLI_TEST_DIR);
}
