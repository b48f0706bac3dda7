// The File System Access adapter (worker/src/sync/fsa-folder.ts) in headless Chromium: the LocalFolder
// contract every adapter passes (local-folder-contract.ts), run inside a Web Worker on OPFS directories,
// plus what only this adapter does (case probe, Chromium's .crswap staging files skipped), and the
// browser's IndexedDB sync base and log beside it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { Remote } from 'comlink';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { bundleForBrowser } from '../support/bundle.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';
import type { FsaContractApi } from './fsa-folder.worker.js';

type PageGlobals = { contract: Remote<FsaContractApi> };
const here = new URL('.', import.meta.url).pathname;
let browser: Browser;
let server: StaticServer;
let page: Page;
const errors: string[] = [];

const fsa = suite('FsaFolder (File System Access on OPFS, in a Chromium Web Worker)');

fsa.before(async () => {
  const { dir } = await bundleForBrowser({
    'fsa-folder.worker': join(here, 'fsa-folder.worker.ts'),
    'fsa-folder.page': join(here, 'fsa-folder.page.ts'),
  }, 'fsa-folder.page');
  server = await serveStatic(dir);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => 'contract' in globalThis);
});

fsa.after(async () => {
  await browser?.close();
  await server?.close();
});

// The names are the contract's own (local-folder-contract.ts); each runs in the browser by name.
const names = [
  'scan lists folders before what they hold, with sizes, and skips the engine\'s temporary files and trash',
  'write lands only when complete, through a temporary name the scan skips, with the given mtime',
  'write replaces a file only while it is as expected; otherwise nothing changes',
  'a write whose source fails leaves neither the target nor a temporary file',
  'rename moves files and folders, making parents, and refuses a taken target',
  'trash keeps the file below .veilbox-trash, out of the scan',
  'makeFolder makes parents and accepts an existing folder, refuses a file',
];

fsa('the worker bundle holds exactly the contract\'s tests', async () => {
  const listed = await page.evaluate(() => (globalThis as unknown as PageGlobals).contract.list());
  assert.equal(listed, names, errors.join('; '));
});

for (const name of names) {
  fsa(`contract: ${name}`, async () => {
    const result = await page.evaluate((n) => (globalThis as unknown as PageGlobals).contract.run(n), name);
    assert.ok(result.ok, result.message);
  });
}

fsa('an OPFS folder is found case-sensitive; a file being written shows no .crswap in the scan', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).contract.adapterChecks());
  assert.ok(result.ok, result.message);
  assert.is(result.caseInsensitive, false);
  assert.ok(result.during!.some((p) => p.endsWith('.crswap')), `Chromium stages the write beside the file: ${result.during!.join(', ')}`);
  assert.equal(result.scanned, ['a.txt']);
});

fsa('the IndexedDB sync base and log (base-store-idb.ts, sync-pairs-idb.ts) in the same worker', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).contract.idb());
  assert.ok(result.ok, result.message);
});

fsa.run();
