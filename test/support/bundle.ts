// Bundles browser entry points for tests and benchmarks with esbuild (the same tool Vite uses under
// the hood), leaving node-only modules out exactly as the PWA build does.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BrowserBundle { dir: string }

/** Bundles `entries` (name → source path) as ES modules into a fresh temp folder with an index.html
 * that loads `page` (an entry name). */
export async function bundleForBrowser(entries: Record<string, string>, page: string): Promise<BrowserBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-bundle-'));
  await build({
    entryPoints: entries,
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['node:*'],
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>test</title><script type="module" src="/${page}.js"></script>`);
  return { dir };
}
