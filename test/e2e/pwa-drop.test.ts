// "Upload from your phone" end to end in Chromium on the real relay: the desktop's "Receive from phone"
// shows a QR code and link for a drop into the open folder; a phone-sized touch context opens the link
// with no account, taps the picker, picks several files, and sees them encrypted, sent and taken by
// the desktop, which lists each arrival live and closes the drop. The files are in the folder and
// download to the same bytes. A used and an expired drop say so on the phone. Then the Web Share
// Target: the manifest's share_target, and a multipart POST to it from a page the service worker
// controls lands the files in "Inbox", exact, with the service worker's temporary copy deleted. The
// relay's data folder and output hold no drop secret and no file name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { expireDropNow } from './support/drop-expiry.js';
import { filesGrid, newAppContext, openApp, readDownloadBytes, row, signUp, strongPassword, watchPage, withoutSavePicker, type AppPage } from './support/pwa-page.js';

let relay: PwaRelay;
let browser: Browser;
let desk: AppPage;
const secrets: string[] = [];
const names: string[] = [];

const phoneFiles = [
  { name: 'IMG_20240612_beach-dune.jpg', mimeType: 'image/jpeg', buffer: randomBuffer(300_000, 1) },
  { name: 'voice memo lighthouse.m4a', mimeType: 'audio/mp4', buffer: randomBuffer(20_000, 2) },
  { name: 'grocery-list-orbit.txt', mimeType: 'text/plain', buffer: Buffer.from('apples\n'.repeat(500)) },
];

function randomBuffer(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < size; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; out[i] = x & 0xff; }
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A phone: small viewport, touch; `isMobile` where this Chromium build takes it. */
async function phoneContext(): Promise<BrowserContext> {
  const options = { viewport: { width: 390, height: 844 }, hasTouch: true, acceptDownloads: true };
  try {
    return await browser.newContext({ ...options, isMobile: true });
  } catch {
    return browser.newContext(options);
  }
}

async function openPhone(link: string): Promise<{ page: Page; problems: string[]; context: BrowserContext }> {
  const context = await phoneContext();
  const page = await context.newPage();
  const problems: string[] = [];
  watchPage(page, problems);
  await page.goto(link);
  return { page, problems, context };
}

/** Opens "Receive from phone" in the open folder; resolves the full link the dialog shows. */
async function receiveLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Receive from phone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Receive from phone' });
  await dialog.getByRole('img', { name: /QR code/ }).waitFor();
  const text = (await dialog.getByLabel('Link for your phone').textContent())!.trim();
  assert.match(text, /^127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{22}$/, 'short link: host, /d/<id>, 128-bit secret in the fragment');
  const link = `http://${text}`;
  secrets.push(new URL(link).hash.slice(1));
  return link;
}

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  const context = await newAppContext(browser);
  await withoutSavePicker(context);
  desk = await openApp(browser, relay.url, context);
  await signUp(desk.page, relay.url, 'drop-owner');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

test('files picked on a phone arrive live in the open folder and download to the same bytes', async () => {
  const { page } = desk;
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Phone pics');
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
  await row(filesGrid(page, 'Home'), 'Phone pics').dblclick();
  await filesGrid(page, 'Phone pics').waitFor();
  const link = await receiveLink(page);

  const phone = await openPhone(link);
  await phone.page.getByRole('heading', { name: 'Send files to Phone pics' }).waitFor();
  assert.not.match(phone.page.url(), /#/, 'the secret left the address bar');
  const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), phone.page.getByText('Choose photos and files').tap()]);
  assert.ok(chooser.isMultiple(), 'the picker takes several files at once');
  await chooser.setFiles(phoneFiles);
  await phone.page.getByText('Your computer has the 3 files. You can close this page.').waitFor({ timeout: 60_000 });

  const dialog = page.getByRole('dialog', { name: 'Receive from phone' });
  const received = dialog.getByRole('list', { name: 'Received files' });
  for (const f of phoneFiles) await received.getByText(f.name).waitFor();
  await dialog.getByText('Done: 3 files received into Phone pics. The drop is closed.').waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const grid = filesGrid(page, 'Phone pics');
  for (const f of phoneFiles) {
    await row(grid, f.name).click();
    await page.locator('vb-details-panel h2', { hasText: f.name }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    assert.is(sha256(await readDownloadBytes(download)), sha256(f.buffer), `${f.name} decrypts to the bytes the phone sent`);
    names.push(f.name);
  }

  // The same code again: used, and the phone says so.
  const again = await phone.context.newPage();
  watchPage(again, phone.problems);
  await again.goto(link);
  await again.getByRole('heading', { name: 'This code was already used' }).waitFor();
  assert.equal(phone.problems, []);
  assert.equal(desk.problems, []);
  await phone.context.close();
});

test('an expired drop says so on the phone, before and after picking', async () => {
  const { page } = desk;
  const link = await receiveLink(page);
  const phone = await openPhone(link);
  await phone.page.getByRole('heading', { name: 'Send files to Phone pics' }).waitFor();
  expireDropNow(relay.dataDir, new URL(link).pathname.split('/').pop()!);
  // Picked after the expiry: the upload is refused and the page says why.
  const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), phone.page.getByText('Choose photos and files').tap()]);
  await chooser.setFiles([{ name: 'too-late.txt', mimeType: 'text/plain', buffer: Buffer.from('late') }]);
  await phone.page.getByRole('heading', { name: 'This code has expired' }).waitFor();
  // Opened after the expiry.
  const fresh = await phone.context.newPage();
  await fresh.goto(link);
  await fresh.getByRole('heading', { name: 'This code has expired' }).waitFor();
  await page.getByRole('dialog', { name: 'Receive from phone' }).getByText(/The code has expired|Waiting for files/).waitFor();
  await page.getByRole('dialog', { name: 'Receive from phone' }).getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Phone pics'), 'too-late.txt').waitFor({ state: 'detached', timeout: 1000 }).catch(() => undefined);
  assert.is(await row(filesGrid(page, 'Phone pics'), 'too-late.txt').count(), 0);
  assert.equal(phone.problems.filter((p) => !/status of 410/.test(p)), []);
  await phone.context.close();
});

test('a link with no secret, or a made-up drop, says so instead of failing silently', async () => {
  const phone = await openPhone(`${relay.url}/d/AAAAAAAAAAAAAAAAAAAAAA`);
  await phone.page.getByRole('heading', { name: 'This link is incomplete' }).waitFor();
  await phone.page.goto(`${relay.url}/d/AAAAAAAAAAAAAAAAAAAAAQ#BBBBBBBBBBBBBBBBBBBBBA`);
  await phone.page.getByRole('heading', { name: 'This code does not work' }).waitFor();
  await phone.context.close();
});

test('Web Share Target: the manifest declares it, and shared files land in Inbox, exact, with no copy left behind', async () => {
  const { page } = desk;
  const manifest = await (await fetch(`${relay.url}/manifest.webmanifest`)).json() as { share_target?: { action: string; method: string; enctype: string; params: { files: { name: string; accept: string[] }[] } } };
  assert.is(manifest.share_target?.method, 'POST');
  assert.is(manifest.share_target?.enctype, 'multipart/form-data');
  assert.is(manifest.share_target?.action, '/share-target');
  assert.ok(manifest.share_target?.params.files[0].accept.includes('image/*'));
  assert.ok(await page.evaluate(() => document.querySelector('link[rel="manifest"]') !== null), 'the page links the manifest');

  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const shared = [
    { name: 'shared sunset over harbour.jpg', type: 'image/jpeg', bytes: [...randomBuffer(70_000, 9)] },
    { name: 'shared receipt.png', type: 'image/png', bytes: [...randomBuffer(5_000, 10)] },
  ];
  // What the phone's share sheet does: a multipart POST to the action URL, answered by the service worker.
  const landing = await page.evaluate(async (files) => {
    const form = new FormData();
    for (const f of files) form.append('files', new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    const response = await fetch('/share-target', { method: 'POST', body: form });
    const kept = await (await caches.open('veilbox-share-target')).keys();
    return { url: response.url, redirected: response.redirected, kept: kept.length };
  }, shared);
  assert.ok(landing.redirected);
  assert.match(landing.url, /\/files\?share-target=[A-Za-z0-9_-]{22}$/);
  assert.is(landing.kept, 2, 'the service worker keeps the files until the app takes them');

  // The share sheet opens the app afresh: the vault is locked until the password is given again.
  await page.goto(landing.url);
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // The app goes to Inbox once the files are in (its "saved to Inbox" announcement is followed by the folder's own).
  const inbox = filesGrid(page, 'Inbox');
  for (const f of shared) await row(inbox, f.name).waitFor({ timeout: 60_000 });
  for (const f of shared) {
    await row(inbox, f.name).click();
    await page.locator('vb-details-panel h2', { hasText: f.name }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    assert.is(sha256(await readDownloadBytes(download)), sha256(Buffer.from(f.bytes)), `${f.name} is exact`);
    names.push(f.name);
  }
  assert.not.match(page.url(), /share-target/, 'the id left the address bar');
  const left = await page.evaluate(async () => (await (await caches.open('veilbox-share-target')).keys()).length);
  assert.is(left, 0, 'the temporary plaintext copy is deleted after the upload');
  assert.equal(desk.problems, []);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('the relay\'s data folder and output hold no drop secret and no file name', async () => {
  assert.ok(secrets.length >= 2 && names.length >= 5);
  const haystacks = [...filesUnder(relay.dataDir).map((f) => ({ name: f, bytes: readFileSync(f) })), { name: 'relay output', bytes: Buffer.from(relay.process.output()) }];
  for (const { name, bytes } of haystacks) {
    for (const s of secrets) {
      assert.not.ok(bytes.includes(Buffer.from(s)), `${name} holds a drop secret`);
      assert.not.ok(bytes.includes(Buffer.from(s, 'base64url')), `${name} holds a drop secret's bytes`);
    }
    for (const n of names) assert.not.ok(bytes.includes(Buffer.from(n)), `${name} holds the file name ${n}`);
  }
  // Positive control: the scan sees what the relay may keep.
  assert.ok(haystacks.some((h) => h.bytes.includes(Buffer.from('drop-owner'))), 'the scan finds the login name');
});

test.run();
