// BrowserSyncRunner (worker/src/sync/browser-sync-runner.ts) in a Chromium Web Worker on an OPFS folder
// and an in-memory vault: the first pass both ways, polling where FileSystemObserver is off, a lapsed
// permission stopping passes until reconnect, no pass while offline or while the vault folder is in the
// trash, the mass-deletion pause until confirmed, a second runner on the pair (another tab) waiting for the
// first, nothing after stop, and the log's rows and counts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { Remote } from 'comlink';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { bundleForBrowser } from '../support/bundle.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';
import type { RunnerChecksApi } from './sync-runner.worker.js';

const here = new URL('.', import.meta.url).pathname;
let browser: Browser;
let server: StaticServer;

test.before(async () => {
  const { dir } = await bundleForBrowser({
    'sync-runner.worker': join(here, 'sync-runner.worker.ts'),
    'sync-runner.page': join(here, 'sync-runner.page.ts'),
  }, 'sync-runner.page');
  server = await serveStatic(dir);
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

test('the runner syncs, polls, waits for permission, for a confirmed mass deletion and for another tab\'s runner, and logs each pass', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => 'runner' in globalThis);
  const outcome = await page.evaluate(() => (globalThis as unknown as { runner: Remote<RunnerChecksApi> }).runner.run());
  assert.ok(outcome.ok, outcome.message);
  const { watching, totals, logStatuses } = outcome.result!;
  assert.is(watching, 'polling');
  // a, b, d, f, six bulk files and e (by the second runner) sent; v received; the six removed after the confirmation.
  assert.equal({ sent: totals.sent, received: totals.received, removed: totals.removed, conflicts: totals.conflicts, errors: totals.errors }, { sent: 11, received: 1, removed: 6, conflicts: 0, errors: 0 });
  assert.ok(logStatuses.includes('paused'), `the paused pass is logged: ${logStatuses.join(', ')}`);
  assert.is(logStatuses.filter((s) => s === 'paused').length, 1, 'a pause repeated by polling is logged once');
  assert.equal(errors, []);
});

test.run();
