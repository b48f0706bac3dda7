// A blob the server altered is refused, never shown: the test flips one byte of the stored blob file
// in the relay's data folder, and the preview and the download both report the tampered-data message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, openApp, row, signUp, withoutSavePicker, type AppPage } from './support/pwa-page.js';
import { pngBytes } from './support/sample-files.js';
import { flipStoredByte } from '../support/stored-blobs.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
const tamperedText = /This file was changed on the server and can't be trusted/;

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
  await signUp(app.page, relay.url, 'tamper');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

test('an image whose blob was altered on disk is refused with the tampered-data message', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name: 'portrait.png', mimeType: 'image/png', buffer: pngBytes(300, 200) }]);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await row(home, 'portrait.png').waitFor();

  const blobs = relay.storedBlobs();
  assert.is(blobs.length, 1, 'one file, one blob');
  // A byte inside the first encrypted chunk: past the 8-byte header, the salt and the commitment.
  flipStoredByte(blobs[0], 8 + 56 + 100);

  await row(home, 'portrait.png').click();
  const alert = page.locator('vb-preview [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent() ?? '', tamperedText);
  assert.is(await page.locator('vb-preview img').count(), 0, 'nothing decrypted is shown');

  let downloads = 0;
  page.on('download', () => { downloads++; });
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await page.locator('vb-notices').filter({ hasText: tamperedText }).waitFor();
  assert.is(downloads, 0, 'no file is handed to the browser');
  // The only console output is the app's own: no uncaught error, no CSP report.
  assert.ok(app.problems.every((p) => !/CSP violation|Uncaught/.test(p)), app.problems.join('\n'));
});

test.run();
