// Uploads resume after a reload, through the real PWA and relay: a 20 MiB upload (three 8 MiB parts)
// is cut off by reloading the tab while parts 1 and 2 hang on the wire; after logging in again the
// files page says an upload was interrupted, the user picks the same file, and it finishes without
// sending part 0 again. The downloaded file is byte for byte the original.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, openApp, strongPassword, readDownloadBytes, row, signUp, waitForAnnouncement, withoutSavePicker, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';

const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-resume-'));
const bigPath = join(work, 'holiday.mov');
const big = noiseBytes(20 * MiB + 4321, 5);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  writeFileSync(bigPath, big);
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
  await signUp(app.page, relay.url, 'resumer');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

const partPut = /\/api\/v1\/uploads\/[^/]+\/parts\/(\d+)$/;

test('a reload mid-upload: picking the same file again finishes it without resending stored parts', async () => {
  const { page, context } = app;
  const sent: number[] = [];
  const hanging: Route[] = [];
  let part0Stored!: () => void;
  const part0 = new Promise<void>((resolve) => { part0Stored = resolve; });
  // Parts from 1 on never get an answer (the connection hangs) until the page goes away.
  await context.route(partPut, (route) => {
    const index = Number(partPut.exec(new URL(route.request().url()).pathname)![1]);
    sent.push(index);
    if (index >= 1) hanging.push(route);
    else void route.fetch().then((response) => route.fulfill({ response })).then(part0Stored);
  });
  await page.locator('vb-files-page input#pick-files').setInputFiles(bigPath);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await part0;
  while (!sent.includes(1)) await page.waitForTimeout(50);
  await page.reload();
  await Promise.all(hanging.map((r) => r.abort().catch(() => undefined)));
  await context.unroute(partPut);

  const resent: number[] = [];
  context.on('request', (r) => { const m = partPut.exec(new URL(r.url()).pathname); if (m && r.method() === 'PUT') resent.push(Number(m[1])); });
  // The session survives the reload; the keys don't: the vault asks for the password again.
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await filesGrid(page, 'Home').waitFor();
  const notice = page.getByRole('region', { name: 'Interrupted uploads' });
  await notice.getByText(/1 upload was interrupted/).waitFor();
  assert.match(await notice.innerText(), /holiday\.mov/);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), notice.getByRole('button', { name: 'Choose files' }).click()]);
  await chooser.setFiles(bigPath);
  await waitForAnnouncement(page, /1 upload resumed and finished/, 120_000);
  await row(filesGrid(page, 'Home'), 'holiday.mov').waitFor();
  assert.not.ok(resent.includes(0), `part 0 was already stored; sent again: ${resent.join(', ')}`);
  assert.ok(resent.includes(1) && resent.includes(2), `the missing parts went out: ${resent.join(', ')}`);
  assert.is(await notice.count(), 0, 'the notice is gone');

  await row(filesGrid(page, 'Home'), 'holiday.mov').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(sha256(await readDownloadBytes(download)), sha256(big));
  assert.equal(app.problems.filter((p) => !/Failed to load resource|net::ERR_FAILED/.test(p)), []);
});

test.run();
