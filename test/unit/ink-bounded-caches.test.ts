// The bundle's Ink caches stay bounded (scripts/ink-bounded-caches.mjs): a
// progress screen measures a new text every second, and Ink kept them all.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { inkBoundedCaches } from '../../scripts/ink-bounded-caches.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const inkBuild = join(root, 'node_modules/ink/build');
const dir = mkdtempSync(join(tmpdir(), 'ink-caches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `code` (with or without the plugin) and returns the output file. */
async function bundleEntry(name: string, code: string, bounded: boolean): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: bounded ? [inkBoundedCaches(100)] : [],
  });
  return outfile;
}

// Counts the largest Map any code builds while measuring 1,000 different texts.
const MEASURE_MANY = `
  import measureText from ${JSON.stringify(join(inkBuild, 'measure-text.js'))};
  let largest = 0;
  const set = Map.prototype.set;
  Map.prototype.set = function (k, v) { const r = set.call(this, k, v); largest = Math.max(largest, this.size); return r; };
  for (let i = 0; i < 1000; i++) if (measureText('progress line ' + i).width === 0) throw new Error('not measured');
  console.log(largest);
`;

async function largestCache(bounded: boolean): Promise<number> {
  const file = await bundleEntry(`measure-${bounded}`, MEASURE_MANY, bounded);
  const { stdout } = await promisify(execFile)(process.execPath, [file]);
  return Number(stdout.trim());
}

describe('Ink caches in the bundle', () => {
  it("measure-text's cache is emptied at the bound; without the plugin it keeps every text", async () => {
    expect(await largestCache(false)).toBe(1000);
    expect(await largestCache(true)).toBe(100);
  });

  it("wrap-text's cache is reset at the bound, and still wraps", async () => {
    const code = `import wrapText from ${JSON.stringify(join(inkBuild, 'wrap-text.js'))};\nconsole.log(JSON.stringify(wrapText('aaa bbb', 4, 'wrap')));`;
    const file = await bundleEntry('wrap', code, true);
    expect(readFileSync(file, 'utf8')).toMatch(/if \(\+\+cacheSize > 100\) \{\s*cache = \{\};\s*cacheSize = 1;/);
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    expect(JSON.parse(stdout)).toMatch(/^aaa ?\nbbb$/);
  });
});
