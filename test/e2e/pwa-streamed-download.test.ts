// Streamed downloads through the service worker where the save dialog (showSaveFilePicker) is missing,
// as in Firefox, Safari and Chromium on phones: the browser's own download of a /download/<token>/<name>
// URL that the service worker answers with the worker's decrypted stream (pwa/src/sw/download-route.ts).
// Against the real relay behind a recording pass-through, so the test knows what reached the relay: the
// token never does. The file is several MiB, the bytes must come back exact, and no blob: URL (the old
// whole-file-in-memory path) is made. A chunk changed on the server mid-file fails the browser's download.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, newAppContext, openApp, readDownloadBytes, row, signUp, waitForAnnouncement, withoutSavePicker, type AppPage } from './support/pwa-page.js';
import { startRelayRecorder, type RelayRecorder } from './support/relay-recorder.js';
import { noiseBytes, sha256 } from './support/sample-files.js';
import { flipStoredByte } from '../support/stored-blobs.js';

let relay: PwaRelay;
let recorder: RelayRecorder;
let browser: Browser;
let app: AppPage;
const fileName = 'Résumé 2024 (final) – 東京.bin';
const bytes = noiseBytes(5 * 1024 * 1024 + 4321, 11);

/** Counts URL.createObjectURL calls in the page, the mark of a whole-file blob download. */
const countBlobUrls = () => {
  const original = URL.createObjectURL.bind(URL);
  (window as unknown as { blobUrls: number }).blobUrls = 0;
  URL.createObjectURL = (obj: Blob | MediaSource) => { (window as unknown as { blobUrls: number }).blobUrls++; return original(obj); };
};

test.before(async () => {
  relay = await startPwaRelay();
  recorder = await startRelayRecorder(relay.url);
  browser = await launchChromium();
  const context = await newAppContext(browser);
  await withoutSavePicker(context);
  await context.addInitScript(countBlobUrls);
  app = await openApp(browser, recorder.url, context);
  await signUp(app.page, recorder.url, 'streamer');
  // The service worker takes control on the first visit (skipWaiting + clients.claim).
  await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await app.page.locator('vb-files-page input#pick-files').setInputFiles([{ name: fileName, mimeType: 'application/octet-stream', buffer: bytes }]);
  await app.page.getByRole('button', { name: 'Upload 1 file' }).click();
  await app.page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await app.page.getByRole('button', { name: 'Done' }).click();
});

test.after(async () => {
  await browser?.close();
  await recorder?.stop();
  await relay?.stop();
});

test('a multi-MiB download streams through the service worker route and comes back exact', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  await row(home, fileName).click();
  await page.locator('vb-details-panel h2', { hasText: fileName }).waitFor();
  await page.evaluate(() => { (window as unknown as { blobUrls: number }).blobUrls = 0; });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);

  const url = new URL(download.url());
  assert.is(url.origin, recorder.url);
  assert.match(url.pathname, /^\/download\/[A-Za-z0-9_-]{22}\//, 'the browser downloaded the service worker route');
  assert.is(download.suggestedFilename(), fileName, 'Content-Disposition carries the exact UTF-8 name');
  const got = await readDownloadBytes(download);
  assert.is(got.length, bytes.length);
  assert.is(sha256(got), sha256(bytes));
  await waitForAnnouncement(page, /saved\./);

  const token = url.pathname.split('/')[2];
  assert.ok(recorder.requests.some((r) => r.method === 'GET' && r.url.startsWith('/api/v1/blobs/')), 'the encrypted blob came from the relay');
  assert.equal(recorder.requests.filter((r) => r.url.includes(token)), [], 'the token never reached the relay');
  assert.equal(recorder.requests.filter((r) => r.url.startsWith('/download/')), [], 'no download URL reached the relay');
  assert.is(await page.evaluate(() => (window as unknown as { blobUrls: number }).blobUrls), 0, 'no whole-file blob: URL was made');
  assert.equal(app.problems, []);
});

test('a download link works once: asked again, the service worker answers 404 itself', async () => {
  const { page } = app;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(sha256(await readDownloadBytes(download)), sha256(bytes));
  const path = new URL(download.url()).pathname;
  const before = recorder.requests.length;
  const again = await page.evaluate(async (p) => (await fetch(p)).status, path);
  assert.is(again, 404);
  // The browser may check /sw.js for an update at any moment (after a navigation, a download): not this link.
  assert.equal(recorder.requests.slice(before).filter((r) => r.url !== '/sw.js'), [], 'the used link was answered without the relay');
});

test('a chunk changed on the server mid-file fails the browser download and says so; no partial file passes as complete', async () => {
  const { page } = app;
  const name = 'damaged.bin';
  const damaged = noiseBytes(8 * 1024 * 1024, 12);
  const before = new Set(relay.storedBlobs().map((b) => b.id));
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name, mimeType: 'application/octet-stream', buffer: damaged }]);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  const [blob] = relay.storedBlobs().filter((b) => !before.has(b.id));
  // Chunk 400 (~6.3 MiB in): past the first batch the page waits for before handing out the link and the
  // one read ahead of it (COPY_BATCH_BYTES each), so the browser's download has begun when it fails.
  flipStoredByte(blob, 64 + 400 * 16400 + 5);

  await row(filesGrid(page, 'Home'), name).click();
  await page.locator('vb-details-panel h2', { hasText: name }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.match(new URL(download.url()).pathname, /^\/download\//);
  assert.ok(await download.failure(), 'the browser marks the download failed');
  await page.locator('vb-notices').filter({ hasText: /This file was changed on the server and can't be trusted/ }).waitFor();
  // The page's own report; Chromium adds no error of its own for a failed download.
  assert.ok(app.problems.every((p) => !/CSP violation|Uncaught/.test(p)), app.problems.join('\n'));
  app.problems.length = 0;
});

test('the service worker cached the app shell and nothing else: no API answer, no transfer', async () => {
  const cached = await app.page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
  assert.ok(cached.includes('/index.html'), `precached: ${cached.join(', ')}`);
  // Build files: the shell, hashed assets, the manifest and its icons, and the installed version's build-info.json.
  assert.equal(cached.filter((p) => !/^\/(index\.html|favicon\.svg|manifest\.webmanifest|build-info\.json|icons\/[\w.-]+\.png|assets\/[\w.-]+\.(js|css))$/.test(p)), [], 'only build files are cached');
});

test.run();
