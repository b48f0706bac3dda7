// `npm run bench -- folder-sync [--files N]`: what one polling tick of folder sync in the browser costs
// (BrowserSyncRunner's cheap scan where FileSystemObserver is missing: FsaFolder.scan(), names plus a
// getFile() per file for size and mtime) on an OPFS folder of N files (default 1,000 and 5,000), in a
// headless Chromium Web Worker, against a bare walk of the same tree that lists names only, measured in
// the same run. Best of 3 each.
import { join } from 'node:path';
import type { Remote } from 'comlink';
import { launchChromium } from '../test/support/chromium.js';
import { bundleForBrowser } from '../test/support/bundle.js';
import { serveStatic } from '../test/support/static-server.js';
import type { ScanBenchApi } from './folder-sync/scan.worker.js';
import { option } from './options.js';

const here = new URL('.', import.meta.url).pathname;
const files = option('files', 0);
const counts = files > 0 ? [files] : [1000, 5000];

const { dir } = await bundleForBrowser({
  'scan.worker': join(here, 'folder-sync/scan.worker.ts'),
  'scan.page': join(here, 'folder-sync/scan.page.ts'),
}, 'scan.page');
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => 'bench' in globalThis);
  for (const files of counts) {
    const r = await page.evaluate((n) => (globalThis as unknown as { bench: Remote<ScanBenchApi> }).bench.run(n), files);
    console.log(`${files} files (${r.entries} entries): FsaFolder.scan ${r.scanMs.toFixed(0)} ms, bare walk (names only) ${r.bareMs.toFixed(0)} ms, ` +
      `ratio ${(r.scanMs / r.bareMs).toFixed(1)}×, ${(r.scanMs / files * 1000).toFixed(0)} µs per file; making them took ${(r.makeMs / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
  await server.close();
}
