import { defineConfig } from 'vitest/config';

// The e2e suite drives the real services and screens against the real lab
// (test/lab/up.sh must have run; it writes .lab/lab.json).
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/build-cli.ts'],
    include: ['test/e2e/**/*.test.{ts,tsx}'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
