// Every format check — Wycheproof vectors, VBX1 vectors, round trips, tamper cases — run again inside a
// Web Worker in headless Chromium through comlink, proving the browser path is the same code as Node's.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { Remote } from 'comlink';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { bundleForBrowser } from '../support/bundle.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';
import { browserFormatChecks } from './browser-format-checks.js';
import type { FormatChecksApi } from './format-checks.worker.js';

type PageGlobals = { checks: Remote<FormatChecksApi> };
const here = new URL('.', import.meta.url).pathname;
const checks = browserFormatChecks();
let browser: Browser;
let server: StaticServer;
let page: Page;

const inBrowser = suite('format checks in a Chromium Web Worker');

inBrowser.before(async () => {
  const { dir } = await bundleForBrowser({
    'format-checks.worker': join(here, 'format-checks.worker.ts'),
    'format-checks.page': join(here, 'format-checks.page.ts'),
  }, 'format-checks.page');
  server = await serveStatic(dir);
  browser = await launchChromium();
  page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => 'checks' in globalThis);
  const names = await page.evaluate(() => (globalThis as unknown as PageGlobals).checks.list());
  assert.equal(names.length, checks.length, `the browser bundle lists every check ${errors.join('; ')}`);
});

inBrowser.after(async () => {
  await browser?.close();
  await server?.close();
});

for (const { suite: group, name } of checks) {
  inBrowser(`${group}: ${name}`, async () => {
    const result = await page.evaluate(([s, n]) => (globalThis as unknown as PageGlobals).checks.run(s, n), [group, name] as const);
    assert.ok(result.ok, result.message);
  });
}

inBrowser.run();
