// Bundles src/cli.tsx into dist/cli.js. One file starts faster than hundreds of
// ESM modules; the Kubernetes and S3 SDKs stay external and are imported lazily
// so the first frame does not wait for them.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

await build({
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  packages: 'external',
  sourcemap: 'linked',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
