import type { Plugin } from 'esbuild';
/** esbuild plugin: Ink's text caches are emptied once they hold `max` entries (default 2000). */
export function inkBoundedCaches(max?: number): Plugin;
