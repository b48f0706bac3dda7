// Updates are a prompt ([Note: Updates are a prompt] in pwa/src/sw/sw.ts), through the real PWA and
// relay: the app is installed (a service worker controls the page from the first visit); the relay is
// restarted on the same port serving a second build of the same source (with a marker in its
// index.html); an update check finds it; the new version waits and "A new version is ready" appears,
// while the page and About still show the installed build. Reload pressed during an upload waits for it
// (the new worker stays waiting, the page stays), and once the upload is done the new worker takes over,
// the page reloads once into the new version and About shows the new build hash.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { pwaDist } from './support/pwa-build.js';
import { filesGrid, openApp, row, signUp, strongPassword, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-update-'));
const secondBuild = join(work, 'dist-2');
const uploadFile = join(work, 'during-update.bin');
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

const buildHash = (dir: string) => (JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8')) as { buildHash: string }).buildHash;

test.before(async () => {
  writeFileSync(uploadFile, noiseBytes(200_000, 3));
  relay = await startPwaRelay();
  // The same source built again, told apart by a marker in index.html: a new version as a deploy makes one.
  await build({
    configFile: join(root, 'vite.config.ts'), root: join(root, 'pwa'), logLevel: 'silent',
    build: { outDir: secondBuild, emptyOutDir: true },
    plugins: [{ name: 'test-second-build', transformIndexHtml: (html: string) => html.replace('<title>', '<meta name="veilbox-test-build" content="second" />\n    <title>') }],
  });
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await signUp(app.page, relay.url, 'updater');
  await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function aboutHash(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /About this version/ }).click();
  const dialog = page.getByRole('dialog', { name: 'About Veilbox' });
  const hash = dialog.locator('[data-build-hash]');
  await hash.waitFor();
  const text = (await hash.innerText()).trim();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('link', { name: 'Files' }).click();
  return text;
}

const waitingWorker = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null);

test('a new version waits for the user; Reload during an upload waits for it, then the new version runs', async () => {
  const { page, context } = app;
  const oldHash = buildHash(pwaDist);
  const newHash = buildHash(secondBuild);
  assert.is.not(oldHash, newHash, 'the two builds differ');
  assert.is(await aboutHash(page), oldHash, 'About names the installed build');
  assert.is(await page.getByText('A new version is ready').count(), 0, 'no prompt before there is a new version');
  await page.evaluate(() => { (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true; });

  await relay.serveBuild(secondBuild);
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
  const prompt = page.getByRole('status', { name: 'Update' });
  await prompt.filter({ hasText: 'A new version is ready' }).waitFor({ timeout: 60_000 });
  // Installed and waiting, not taken: the page, its worker and About are still the old version.
  assert.is(await waitingWorker(page), 'installed');
  assert.is(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate), true, 'no reload on its own');
  assert.is(await page.locator('meta[name=veilbox-test-build]').count(), 0);
  assert.is(await aboutHash(page), oldHash, 'the installed version still answers');

  // An upload whose bytes the test holds back (a small file goes in a batch of blobs): a transfer is running.
  let release!: () => void;
  const held = new Promise<Route>((resolve) => {
    void context.route(/\/api\/v1\/(uploads\/[^/]+\/parts\/|blobs\/batch$)/, (route) => {
      resolve(route);
      return new Promise<void>((done) => { release = () => { void route.continue().then(done); }; });
    });
  });
  await page.locator('vb-files-page input#pick-files').setInputFiles(uploadFile);
  await page.getByRole('button', { name: /^Upload 1 file$/ }).click();
  await held;

  await prompt.getByRole('button', { name: 'Reload' }).click();
  await prompt.filter({ hasText: 'Waiting for the transfer in progress to finish' }).waitFor();
  assert.is(await waitingWorker(page), 'installed', 'the new worker is not told to take over during the upload');
  assert.is(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate), true, 'no reload during the upload');

  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  release();
  await reloaded;
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 60_000 });
  assert.is(await page.locator('meta[name=veilbox-test-build]').getAttribute('content'), 'second', 'the new version\'s page');
  assert.is(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate ?? null), null);
  assert.is(await waitingWorker(page), null, 'nothing waits any more');
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // The upload ended before the reload, so the file is there whole.
  await row(filesGrid(page, 'Home'), 'during-update.bin').waitFor({ timeout: 60_000 });
  assert.is(await aboutHash(page), newHash, 'About names the new build');
  assert.is(await page.getByText('A new version is ready').count(), 0);
  assert.ok(app.problems.every((p) => !/CSP violation|Uncaught/.test(p)), app.problems.join('\n'));
});

test.run();
