// The share page in a second engine: Firefox ESR (Debian's), headless, driven by puppeteer-core over
// WebDriver BiDi, against the real relay process. The owner side runs in Node through the worker's
// share API (a file and a folder share, both with a password); Firefox, which has no save dialog,
// opens each link, asks for the password, says a wrong one is wrong, and downloads through the
// service worker's streamed route (or its blob fallback) — the bytes on disk must be exact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefox } from '../support/firefox.js';
import { MemoryDeviceStore, VaultCore } from '../../worker/src/client/index.js';
import { shareApi } from '../../worker/src/share-api.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { noiseBytes, sha256 } from './support/sample-files.js';

let relay: PwaRelay;
let browser: Browser;
const downloads = mkdtempSync(join(tmpdir(), 'vb-firefox-downloads-'));
const fileBytes = noiseBytes(2_500_000, 31);
const password = 'otter lantern 19';
let fileLink = '';
let folderLink = '';

test.before(async () => {
  relay = await startPwaRelay();
  const core = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new MemoryDeviceStore(), webSocket: null });
  await core.signUp('firefox-owner', 'firefox owner password 1');
  const { rootId } = await core.listTree();
  const up = await core.upload(rootId, [
    { file: new File([new Uint8Array(fileBytes)], 'Heron report.bin'), relativePath: 'Heron report.bin' },
    { file: new File(['first note'], 'one.txt', { type: 'text/plain' }), relativePath: 'Notes/one.txt' },
    { file: new File([new Uint8Array(noiseBytes(40_000, 32))], 'two.bin'), relativePath: 'Notes/sub/two.bin' },
  ], { conflict: 'keep-both' });
  assert.is(up.failed.length, 0);
  const nodes = (await core.listTree()).nodes;
  const owner = shareApi(core);
  fileLink = relay.url + (await owner.createShare(nodes.find((n) => n.name === 'Heron report.bin')!.id, { password, downloadLimit: 3 })).linkPath!;
  folderLink = relay.url + (await owner.createShare(nodes.find((n) => n.name === 'Notes')!.id, { password })).linkPath!;
  browser = await launchFirefox(downloads);
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

/** Waits until Firefox has finished writing `name` into the download folder (no .part left). */
async function downloaded(name: string, timeoutMs = 60_000): Promise<Buffer> {
  const started = Date.now();
  for (;;) {
    const names = readdirSync(downloads);
    if (names.includes(name) && !names.some((n) => n.endsWith('.part'))) {
      const size = statSync(join(downloads, name)).size;
      await new Promise((r) => setTimeout(r, 300));
      if (statSync(join(downloads, name)).size === size) return readFileSync(join(downloads, name));
    }
    if (Date.now() - started > timeoutMs) throw new Error(`Firefox saved no ${name}; the folder has ${names.join(', ') || 'nothing'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Text of the share page's shadow tree. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('vb-app')?.shadowRoot?.querySelector('vb-share-page')?.shadowRoot?.textContent ?? '');
}

async function waitForText(page: Page, pattern: RegExp, timeout = 90_000): Promise<void> {
  const started = Date.now();
  while (!pattern.test(await pageText(page))) {
    if (Date.now() - started > timeout) throw new Error(`The share page never said ${pattern}; it says: ${await pageText(page)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function unlock(page: Page, typed: string): Promise<void> {
  const input = await page.locator('>>> #share-password').waitHandle();
  await input.evaluate((el) => { (el as HTMLInputElement).value = ''; });
  await input.type(typed);
  await page.locator('>>> button[type=submit]').click();
}

test('Firefox opens a password share of a file, refuses a wrong password, and saves the exact bytes', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(fileLink);
  await waitForText(page, /This share is protected/);
  assert.is(new URL(page.url()).hash, '', 'the secret left the address bar');
  await unlock(page, 'not it');
  await waitForText(page, /Wrong password\. 9 tries left/);
  await unlock(page, password);
  await waitForText(page, /Heron report\.bin/);
  await page.locator('>>> button.primary.block').click();
  const got = await downloaded('Heron report.bin');
  assert.is(got.length, fileBytes.length);
  assert.is(sha256(got), sha256(fileBytes));
  await waitForText(page, /Heron report\.bin saved\./);
  await waitForText(page, /2 downloads left/);
  assert.equal(errors, []);
  await page.close();
});

test('Firefox opens a folder share and saves it as a streamed ZIP with every file', async () => {
  const page = await browser.newPage();
  await page.goto(folderLink);
  await waitForText(page, /This share is protected/);
  await unlock(page, password);
  await waitForText(page, /sub\/two\.bin/);
  await page.locator('>>> button.primary.block').click();
  const zip = unzipSync(await downloaded('Notes.zip'));
  assert.equal(Object.keys(zip).sort(), ['one.txt', 'sub/two.bin']);
  assert.is(Buffer.from(zip['one.txt']).toString(), 'first note');
  assert.is(sha256(zip['sub/two.bin']), sha256(noiseBytes(40_000, 32)));
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'a service worker controls the share page, so downloads stream to disk');
  await page.close();
});

test.run();
