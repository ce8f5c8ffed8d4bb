import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/build-cli.ts'],
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/screens/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}', 'test/commands/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
