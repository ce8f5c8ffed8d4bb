// Bundles the program: one entry file plus lazily loaded chunks.
// Bundling the dependencies too matters for start time: Node resolving and
// loading hundreds of ESM files from node_modules took ~3 s here, a bundle
// ~0.3 s. The Kubernetes and S3 SDKs land in chunks that load only when the
// real backend is opened, after the first frame is on screen.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inkBoundedCaches } from './ink-bounded-caches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundle(outdir) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [`${root}/src/cli.ts`],
    outdir,
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    sourcemap: 'linked',
    // Only loaded by Ink when DEV=true; not a dependency.
    external: ['react-devtools-core'],
    // node-fetch 2 uses Node's URL; its whatwg-url fallback cost ~25 ms of CPU at connect.
    alias: { 'whatwg-url': `${root}/scripts/whatwg-url-stub.cjs` },
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __snapshotsRequire } from 'node:module'; const require = __snapshotsRequire(import.meta.url);",
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink's text caches grow with every new line of progress; bound them (see the plugin).
    plugins: [inkBoundedCaches()],
    logLevel: 'warning',
  });
  await chmod(`${outdir}/cli.js`, 0o755);
}
