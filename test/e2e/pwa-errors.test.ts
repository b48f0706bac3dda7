// Errors the user can act on, shown in words, in headless Chromium against the real relay and crypto
// worker: a full quota (nothing lost, no half file), a server that can't be reached (a change waits on
// the device and goes out when it is back; a download says so), and a session the relay ended (log in
// again, not a raw error).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import {
  filesGrid, logIn, openApp, readDownloadBytes, row, signUp, strongPassword, withoutSavePicker, type AppPage,
} from './support/pwa-page.js';
import { noiseBytes, sha256 } from './support/sample-files.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
const login = 'errors';
const first = noiseBytes(120_000, 31);

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
  await signUp(app.page, relay.url, login);
  await upload(app.page, 'first.bin', first);
  await app.page.getByRole('button', { name: 'Done' }).click();
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

async function upload(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name, mimeType: 'application/octet-stream', buffer: bytes }]);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
}

async function download(page: Page, name: string): Promise<Buffer> {
  await row(filesGrid(page, 'Home'), name).click();
  await page.locator('vb-details-panel h2', { hasText: name }).waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  return readDownloadBytes(file);
}

/** The error notice in the corner whose text matches `text`. */
function notice(page: Page, text: RegExp) {
  return page.locator('vb-notices .notice').filter({ hasText: text });
}

/** Closes every notice, so the next test sees only its own. */
async function dismissNotices(page: Page): Promise<void> {
  const buttons = page.locator('vb-notices').getByRole('button', { name: /^Dismiss/ });
  while (await buttons.count()) await buttons.first().click();
}

async function newFolder(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill(name);
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
}

test('storage full: the upload is refused in words, and nothing is lost or half there', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  const blobs = relay.storedBlobs().map((b) => b.id).sort();
  const used = await relay.usage(login);
  await relay.setQuota(login, used + 50_000);

  await upload(page, 'too big.bin', noiseBytes(200_000, 32));
  const panel = page.getByRole('region', { name: 'Upload finished' });
  const item = panel.getByRole('listitem').filter({ hasText: 'too big.bin' });
  assert.match(await item.textContent() ?? '', /Your storage is full\. Empty the trash or delete files, then try again\./);
  assert.match(await panel.textContent() ?? '', /0\/1 files/);
  await page.getByRole('button', { name: 'Done' }).click();

  assert.is(await row(home, 'too big.bin').count(), 0, 'no half file in the list');
  assert.equal(relay.storedBlobs().map((b) => b.id).sort(), blobs, 'no blob was added on the relay');
  assert.is(await relay.usage(login), used, 'nothing is held against the quota');
  assert.is(sha256(await download(page, 'first.bin')), sha256(first), 'the earlier file is intact');
  // After a reload too: the list comes from the relay, not from what the page remembered.
  await page.reload();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await row(home, 'first.bin').waitFor({ timeout: 60_000 });
  assert.is(await row(home, 'too big.bin').count(), 0);
  await relay.setQuota(login, 10 * 1024 ** 3);
  assert.equal(app.problems, []);
  await dismissNotices(page);
});

/** The bar under the top bar listing changes made offline; gone once they were sent. */
function waiting(page: Page) {
  return page.locator('vb-offline-changes summary');
}

test('network lost: a change waits on the device, a download says the file is not kept here, and the change goes out once it is back', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  await relay.goOffline();
  await newFolder(page, 'made offline');
  await row(home, 'made offline').waitFor();
  await waiting(page).filter({ hasText: /1 change made offline waits to be sent/ }).waitFor();
  let downloads = 0;
  const count = () => { downloads++; };
  page.on('download', count);
  await row(home, 'first.bin').click();
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  // Working offline, a file this device doesn't keep says so.
  await notice(page, /Couldn't download: not available offline/i).waitFor();
  page.off('download', count);
  assert.is(downloads, 0, 'no file is handed to the browser');

  await relay.comeBack();
  await waiting(page).waitFor({ state: 'detached', timeout: 60_000 });
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock your vault' }).or(filesGrid(page, 'Home')).first().waitFor({ timeout: 60_000 });
  if (await page.getByRole('heading', { name: 'Unlock your vault' }).isVisible()) {
    await page.getByLabel('Password', { exact: true }).fill(strongPassword);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
  await row(filesGrid(page, 'Home'), 'made offline').waitFor({ timeout: 60_000 });
  assert.is(sha256(await download(page, 'first.bin')), sha256(first));
  assert.equal(app.problems, []);
  await dismissNotices(page);
});

test('browser offline: the change waits, and goes out once the browser is back online', async () => {
  const { page, context } = app;
  const home = filesGrid(page, 'Home');
  await context.setOffline(true);
  await newFolder(page, 'made while offline');
  await row(home, 'made while offline').waitFor();
  await waiting(page).waitFor();
  await context.setOffline(false);
  await waiting(page).waitFor({ state: 'detached', timeout: 60_000 });
  await row(home, 'made while offline').waitFor();
  assert.equal(app.problems, []);
  await dismissNotices(page);
});

test('session ended on the relay: the next action says to log in again, and logging in goes on', async () => {
  const { page } = app;
  await relay.endLoginSessions(login);
  await newFolder(page, 'after expiry');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  const said = notice(page, /Signed out|session/i);
  await said.waitFor();
  assert.match(await said.textContent() ?? '', /Log in again/);
  assert.not.match(await said.textContent() ?? '', /relay|401|unauthenticated/i, 'no raw error');
  assert.is(await page.getByRole('grid').count(), 0);

  await logIn(page, login);
  await newFolder(page, 'after expiry');
  await row(filesGrid(page, 'Home'), 'after expiry').waitFor();
  assert.equal(app.problems, []);
  await dismissNotices(page);
});

test.run();
