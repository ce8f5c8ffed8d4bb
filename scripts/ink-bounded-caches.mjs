// Ink memoizes every text it measures (build/measure-text.js) and every text
// it wraps (build/wrap-text.js) in module-level caches that are never emptied.
// A progress screen changes a few lines every second, so a TUI left open
// through a long backup or restore grew by megabytes an hour (measured: 8.7 MB
// of heap for 20,000 updates of two lines; 0.8 MB with the bound). This esbuild
// plugin empties each cache once it holds `max` entries. The build fails if
// Ink's code no longer has the expected lines, rather than bundling unbounded.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const PATCHES = {
  'measure-text.js': [['    cache.set(text, dimensions);', (max) => `    if (cache.size >= ${max}) cache.clear();\n    cache.set(text, dimensions);`]],
  'wrap-text.js': [
    ['const cache = {};', () => 'let cache = {};\nlet cacheSize = 0;'],
    ['    cache[cacheKey] = wrappedText;', (max) => `    if (++cacheSize > ${max}) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;`],
  ],
};

export function inkBoundedCaches(max = 2000) {
  return {
    name: 'ink-bounded-caches',
    setup(build) {
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/ }, async (args) => {
        const file = args.path.split(/[\\/]/).pop();
        let source = await readFile(args.path, 'utf8');
        for (const [line, replacement] of PATCHES[file]) {
          if (!source.includes(line)) throw new Error(`ink-bounded-caches: ${args.path} no longer contains ${JSON.stringify(line)}; check Ink's cache there and update scripts/ink-bounded-caches.mjs`);
          source = source.replace(line, replacement(max));
        }
        return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
