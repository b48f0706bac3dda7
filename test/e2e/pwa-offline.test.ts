// Offline, through the real PWA and relay: a folder made available offline keeps its files' encrypted
// bytes on the device; then the network is cut (context.setOffline) and the relay stopped, the page is
// reloaded from the service worker's cache, the password unlocks the vault against the wrapped key kept
// on the device, the whole tree is browsed from the cached records, a kept file downloads byte for
// byte, and a file that was not kept says it is not available offline. A rename and an upload made
// offline show at once, survive a reload, and wait sealed on the device; with the relay back they go out
// and another browser sees both, and the same tab syncs again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, logIn, openApp, readDownloadBytes, row, signUp, strongPassword, waitForAnnouncement, withoutSavePicker, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';

const work = mkdtempSync(join(tmpdir(), 'vb-pwa-offline-'));
const tripDir = join(work, 'Trip');
const kept = { 'notes.txt': Buffer.from('Train at 7:42, platform 3.\n'.repeat(300)), 'map.bin': noiseBytes(3 * 1024 * 1024 + 17, 4) };
const notKept = Buffer.from('only online\n');
const writtenOffline = Buffer.from('Written on the train, no signal.\n'.repeat(40));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  mkdirSync(tripDir);
  for (const [name, bytes] of Object.entries(kept)) writeFileSync(join(tripDir, name), bytes);
  writeFileSync(join(work, 'online-only.txt'), notKept);
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
  await signUp(app.page, relay.url, 'traveller');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function upload(page: AppPage['page'], input: 'pick-files' | 'pick-folder', path: string): Promise<void> {
  await page.locator(`vb-files-page input#${input}`).setInputFiles(path);
  await page.getByRole('button', { name: /^Upload \d+ files?$/ }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
}

test('a folder made available offline opens, browses and downloads with the network and the relay gone', async () => {
  const { page, context } = app;
  await upload(page, 'pick-folder', tripDir);
  await upload(page, 'pick-files', join(work, 'online-only.txt'));
  await row(filesGrid(page, 'Home'), 'Trip').click();
  await page.getByRole('checkbox', { name: /Available offline/ }).check();
  await waitForAnnouncement(page, /Available offline: 2 files kept on this device/, 60_000);

  await context.setOffline(true);
  await relay.goOffline();
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('form [role=alert]').filter({ hasText: 'Wrong password' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();

  // The whole tree, from the records kept on the device.
  const home = filesGrid(page, 'Home');
  await row(home, 'Trip').waitFor({ timeout: 60_000 });
  await row(home, 'online-only.txt').waitFor();
  await row(home, 'Trip').dblclick();
  const trip = filesGrid(page, 'Trip');
  for (const name of Object.keys(kept)) await row(trip, name).waitFor();

  for (const [name, bytes] of Object.entries(kept)) {
    await row(trip, name).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    assert.is(sha256(await readDownloadBytes(download)), sha256(bytes), `${name} from the device's copy`);
  }

  await page.getByRole('treeitem', { name: 'Home' }).click();
  await row(filesGrid(page, 'Home'), 'online-only.txt').click();
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await page.getByText(/Not available offline/).first().waitFor();

  // Changes made offline: a rename and an upload show at once and wait on the device, through a reload.
  await row(filesGrid(page, 'Home'), 'Trip').dblclick();
  await row(trip, 'notes.txt').click();
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('notes from the train.txt');
  await page.getByRole('textbox', { name: 'New name' }).press('Enter');
  await row(trip, 'notes from the train.txt').waitFor();
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name: 'written offline.txt', mimeType: 'text/plain', buffer: writtenOffline }]);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByText('Waiting for the connection').waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await row(trip, 'written offline.txt').waitFor();
  const waiting = page.locator('vb-offline-changes summary');
  await waiting.filter({ hasText: /2 changes made offline wait to be sent/ }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await waiting.filter({ hasText: /2 changes made offline wait to be sent/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('treeitem', { name: 'Trip' }).click();
  await row(trip, 'notes from the train.txt').waitFor();
  await row(trip, 'written offline.txt').click();
  const [fromDevice] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(sha256(await readDownloadBytes(fromDevice)), sha256(writtenOffline), 'the waiting file opens from its sealed copy');

  // Back online: the waiting changes go out in order, and another browser sees both.
  await relay.comeBack();
  await context.setOffline(false);
  await waiting.waitFor({ state: 'detached', timeout: 60_000 });
  const other = await openApp(browser, relay.url);
  await withoutSavePicker(other.context);
  await other.page.goto(`${relay.url}/login`);
  await logIn(other.page, 'traveller');
  await row(filesGrid(other.page, 'Home'), 'Trip').dblclick();
  const theirTrip = filesGrid(other.page, 'Trip');
  await row(theirTrip, 'notes from the train.txt').waitFor({ timeout: 60_000 });
  assert.is(await row(theirTrip, 'notes.txt').count(), 0);
  await row(theirTrip, 'written offline.txt').click();
  const [theirs] = await Promise.all([other.page.waitForEvent('download'), other.page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(sha256(await readDownloadBytes(theirs)), sha256(writtenOffline));
  await other.context.close();

  // And the same tab goes on working online.
  await page.getByRole('treeitem', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('Folder name').fill('Back online');
  await page.getByRole('button', { name: 'Create' }).click();
  await row(filesGrid(page, 'Home'), 'Back online').waitFor({ timeout: 60_000 });
});

test.run();
