// Share links end to end in headless Chromium against the real relay process: the owner shares from
// the file manager (dialog: limits, password, copy, QR, "Email it") and manages "My shares"; a visitor
// in a separate browser context, with no account, opens the link, downloads through the service
// worker's streamed route and gets the exact bytes (a file, a folder as ZIP, one file of a folder).
// Password right and wrong, expiry passing, download limit reached, revocation and a mistyped link are
// each shown in words on the visitor's page and refused by the relay itself (direct HTTP calls that skip
// the UI). At the end, the relay's data folder and its logs hold no secret, file name or password.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { deriveShareKeys } from '../../worker/src/keys/share-keys.js';
import { decodeBase64url, encodeBase64url } from '../../worker/src/client/base64url.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, newAppContext, openApp, readDownloadBytes, row, signUp, withOpfsSavePicker, withoutSavePicker, type AppPage } from './support/pwa-page.js';
import { noiseBytes, sha256, writeTree } from './support/sample-files.js';
import { expireShareNow } from './support/share-expiry.js';

let relay: PwaRelay;
let browser: Browser;
let owner: AppPage;
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-shares-'));
const fileName = 'Quarterly-Zebra-Report.bin';
const fileBytes = noiseBytes(1_300_000, 21);
const folder = { 'Kestrel-Trip/itinerary-Oboe.txt': Buffer.from('Day 1: the lake.\nDay 2: the hills.\n'), 'Kestrel-Trip/photos/Walrus-photo.bin': noiseBytes(300_000, 22) };
const password = 'marmalade sextant 44';
/** Every secret and name the relay must never hold or log. */
const secrets: string[] = [fileName, 'Kestrel-Trip', 'itinerary-Oboe.txt', 'Walrus-photo.bin', password];

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  const context = await newAppContext(browser);
  await withoutSavePicker(context);
  owner = await openApp(browser, relay.url, context);
  await signUp(owner.page, relay.url, 'share-owner');
  const { page } = owner;
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name: fileName, mimeType: 'application/octet-stream', buffer: fileBytes }]);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  writeTree(join(work, 'upload'), folder);
  await page.locator('vb-files-page input#pick-folder').setInputFiles(join(work, 'upload/Kestrel-Trip'));
  await page.getByRole('button', { name: 'Upload 2 files' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Shares `name` from the details panel with the dialog's options; returns the link. */
async function share(page: Page, name: string, options: { expiry?: string; limit?: number; password?: string } = {}): Promise<string> {
  await page.getByRole('link', { name: 'Files', exact: true }).click();
  await row(filesGrid(page, 'Home'), name).click();
  await page.locator('vb-details-panel h2', { hasText: name }).waitFor();
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog');
  if (options.expiry) await dialog.getByLabel('Link expires after').selectOption({ label: options.expiry });
  if (options.limit) await dialog.getByLabel('Download limit').fill(String(options.limit));
  if (options.password) await dialog.getByLabel(/^Password/).fill(options.password);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const link = await dialog.getByLabel('Share link').inputValue({ timeout: 30_000 });
  secrets.push(new URL(link).hash.slice(1));
  return link;
}

async function closeDialog(page: Page): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
}

/** A visitor: a fresh browser context with no account (and no save dialog, as in Firefox). */
async function visit(link: string): Promise<AppPage> {
  const context = await newAppContext(browser);
  await withoutSavePicker(context);
  const visitor = await openApp(browser, link, context);
  return visitor;
}

async function downloadBytes(page: Page, button: string | RegExp): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
  assert.match(new URL(download.url()).pathname, /^\/download\//, 'streamed through the service worker route');
  return readDownloadBytes(download);
}

/** The relay's own answer to a reader call, with the token derived from the link (no UI). */
async function relayAnswer(link: string, path = '', init: { method?: string; body?: unknown } = {}): Promise<{ status: number; code: string | null; body: Record<string, unknown> }> {
  const url = new URL(link);
  const shareId = url.pathname.split('/')[2];
  const { authToken } = await deriveShareKeys(decodeBase64url(url.hash.slice(1)));
  const response = await fetch(`${relay.url}/api/v1/public/shares/${shareId}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-share-token': encodeBase64url(authToken), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await response.json() as Record<string, unknown>;
  return { status: response.status, code: (body.error as { code?: string } | undefined)?.code ?? null, body };
}

async function alertSays(page: Page, heading: string): Promise<void> {
  await page.getByRole('alert').filter({ has: page.getByRole('heading', { name: heading }) }).waitFor({ timeout: 90_000 });
}

let limitedLink = '';

test('a file share with a download limit: link, QR and email in the dialog; the visitor gets the exact bytes until the limit is reached', async () => {
  const { page } = owner;
  limitedLink = await share(page, fileName, { expiry: '1 day', limit: 2 });
  assert.match(limitedLink, new RegExp(`^${relay.url}/s/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  assert.match(await dialog.getByRole('img', { name: 'QR code of the share link' }).getAttribute('src') ?? '', /^data:image\/svg\+xml/);
  const mail = await dialog.getByRole('link', { name: 'Email it' }).getAttribute('href') ?? '';
  assert.ok(mail.startsWith('mailto:') && decodeURIComponent(mail).includes(limitedLink), 'the email carries the link');
  await closeDialog(page);

  const visitor = await visit(limitedLink);
  const vp = visitor.page;
  await vp.getByRole('heading', { name: fileName }).waitFor({ timeout: 30_000 });
  assert.is(new URL(vp.url()).hash, '', 'the secret left the address bar');
  assert.match(await vp.locator('vb-share-page .facts').textContent() ?? '', /2 downloads left/);
  const first = await downloadBytes(vp, /^Download \(/);
  assert.is(sha256(first), sha256(fileBytes));
  await vp.locator('vb-share-page p.hint[role=status]', { hasText: `${fileName} saved.` }).waitFor();
  assert.is(sha256(await downloadBytes(vp, /^Download \(/)), sha256(fileBytes));
  await vp.getByRole('button', { name: /^Download \(/ }).click();
  await alertSays(vp, 'This share\'s download limit is used up');
  const direct = await relayAnswer(limitedLink, '/downloads', { method: 'POST', body: {} });
  assert.equal([direct.status, direct.code], [410, 'share_exhausted'], 'the relay refuses a third download by itself');
  assert.equal((await relayAnswer(limitedLink)).code, 'share_exhausted');
  assert.equal(visitor.problems, []);
  await visitor.context.close();
});

test('a folder share with a password: wrong ones are counted, the right one lists the files, the ZIP and one file come back exact', async () => {
  const link = await share(owner.page, 'Kestrel-Trip', { password });
  const dialog = owner.page.getByRole('dialog');
  const mail = decodeURIComponent(await dialog.getByRole('link', { name: 'Email it' }).getAttribute('href') ?? '');
  assert.not.ok(mail.includes(password), 'the password is never in the email');
  await closeDialog(owner.page);

  const gate = await relayAnswer(link, '/open', { method: 'POST', body: {} });
  assert.equal([gate.status, gate.code], [401, 'share_password_required'], 'no manifest without the password');
  const forged = await relayAnswer(link, '/downloads', { method: 'POST', body: { passwordVerifier: encodeBase64url(new Uint8Array(32)) } });
  assert.equal([forged.status, forged.code, forged.body.error && (forged.body.error as { attemptsLeft: number }).attemptsLeft], [401, 'share_password_wrong', 9]);

  const visitor = await visit(link);
  const vp = visitor.page;
  await vp.getByRole('heading', { name: 'This share is protected' }).waitFor({ timeout: 30_000 });
  assert.not.match(await vp.locator('vb-share-page .column').textContent() ?? '', /Kestrel|itinerary/, 'no name before the password');
  await vp.getByLabel('Share password').fill('not the password');
  await vp.getByRole('button', { name: 'Open' }).click();
  await vp.locator('#pw-problem', { hasText: 'Wrong password. 8 tries left before the share locks.' }).waitFor({ timeout: 30_000 });
  await vp.getByLabel('Share password').fill(password);
  await vp.getByRole('button', { name: 'Open' }).click();
  await vp.getByRole('heading', { name: 'Kestrel-Trip' }).waitFor({ timeout: 30_000 });
  await vp.getByText('photos/Walrus-photo.bin').waitFor();

  const zip = unzipSync(await downloadBytes(vp, 'Download all as ZIP'));
  assert.equal(Object.keys(zip).sort(), ['itinerary-Oboe.txt', 'photos/Walrus-photo.bin']);
  assert.is(sha256(zip['photos/Walrus-photo.bin']), sha256(folder['Kestrel-Trip/photos/Walrus-photo.bin']));
  assert.is(Buffer.from(zip['itinerary-Oboe.txt']).toString(), folder['Kestrel-Trip/itinerary-Oboe.txt'].toString());
  const one = await downloadBytes(vp, 'Download itinerary-Oboe.txt');
  assert.is(one.toString(), folder['Kestrel-Trip/itinerary-Oboe.txt'].toString());
  assert.equal(visitor.problems, []);
  await visitor.context.close();
});

/** The bytes of a file in the visitor's origin-private file system (where its stand-in save dialog puts files). */
async function savedFile(page: Page, name: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (n) => {
    const bytes = new Uint8Array(await (await (await (await navigator.storage.getDirectory()).getFileHandle(n)).getFile()).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, name);
  return Buffer.from(base64, 'base64');
}

test('a visitor whose browser has a save dialog: the file and the folder ZIP are written into the picked files, exact', async () => {
  const fileLink = await share(owner.page, fileName, { limit: 5 });
  await closeDialog(owner.page);
  const folderLink = await share(owner.page, 'Kestrel-Trip');
  await closeDialog(owner.page);
  const visitor = await openApp(browser, fileLink, await newAppContext(browser));
  const vp = visitor.page;
  // As in pwa-journey: a file in the origin-private file system stands in for the one the user would pick.
  await withOpfsSavePicker(vp);
  await vp.getByRole('heading', { name: fileName }).waitFor({ timeout: 30_000 });
  const left = (await relayAnswer(fileLink)).body.downloadsLeft as number;
  await vp.getByRole('button', { name: /^Download \(/ }).click();
  await vp.locator('vb-share-page p.hint[role=status]', { hasText: `${fileName} saved.` }).waitFor();
  assert.is(sha256(await savedFile(vp, fileName)), sha256(fileBytes));
  assert.is((await relayAnswer(fileLink)).body.downloadsLeft, left - 1, 'one download counted');

  await vp.goto(folderLink);
  await withOpfsSavePicker(vp);
  await vp.getByText('photos/Walrus-photo.bin').waitFor({ timeout: 30_000 });
  await vp.getByRole('button', { name: 'Download all as ZIP' }).click();
  await vp.locator('vb-share-page p.hint[role=status]', { hasText: 'saved.' }).waitFor();
  const zip = unzipSync(await savedFile(vp, 'Kestrel-Trip.zip'));
  assert.equal(Object.keys(zip).sort(), ['itinerary-Oboe.txt', 'photos/Walrus-photo.bin']);
  assert.is(sha256(zip['photos/Walrus-photo.bin']), sha256(folder['Kestrel-Trip/photos/Walrus-photo.bin']));
  assert.equal(visitor.problems, []);
  await visitor.context.close();
});

test('expiry: once it passes, the open page says so on the next download and the relay refuses the link', async () => {
  const link = await share(owner.page, fileName, { expiry: '1 hour' });
  await closeDialog(owner.page);
  const visitor = await visit(link);
  const vp = visitor.page;
  await vp.getByRole('heading', { name: fileName }).waitFor({ timeout: 30_000 });
  expireShareNow(relay.dataDir, new URL(link).pathname.split('/')[2]);
  await vp.getByRole('button', { name: /^Download \(/ }).click();
  await alertSays(vp, 'This share has expired');
  assert.equal([(await relayAnswer(link)).status, (await relayAnswer(link)).code], [410, 'share_expired']);
  const again = await visit(link);
  await alertSays(again.page, 'This share has expired');
  await visitor.context.close();
  await again.context.close();
});

test('My shares lists every share with its state and downloads; revoking stops the link at once', async () => {
  const link = await share(owner.page, fileName, { limit: 5 });
  await closeDialog(owner.page);
  const visitor = await visit(link);
  await visitor.page.getByRole('heading', { name: fileName }).waitFor({ timeout: 30_000 });

  const { page } = owner;
  await page.getByRole('link', { name: 'My shares' }).click();
  const list = page.getByRole('list', { name: 'Shares' });
  await list.waitFor();
  const items = list.getByRole('listitem');
  // The limited file, the password folder, the save-dialog file and folder, the expired one, this one.
  assert.is(await items.count(), 6);
  assert.match(await list.textContent() ?? '', /2 of 2 downloads used, 0 left/);
  assert.match(await list.textContent() ?? '', /1 of 5 downloads used, 4 left/);
  assert.match(await list.textContent() ?? '', /Download limit reached/);
  assert.match(await list.textContent() ?? '', /Expired/);
  assert.match(await list.textContent() ?? '', /0 of 5 downloads used, 5 left/);
  const target = items.filter({ hasText: '0 of 5 downloads used' });
  await target.getByRole('button', { name: /^Revoke/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
  await items.filter({ hasText: 'Revoked' }).waitFor();

  await visitor.page.getByRole('button', { name: /^Download \(/ }).click();
  await alertSays(visitor.page, 'This share was revoked');
  assert.equal([(await relayAnswer(link)).status, (await relayAnswer(link)).code], [410, 'share_revoked']);
  await visitor.context.close();
});

test('a mistyped link says so in words; an unknown id and a wrong secret look the same to the relay', async () => {
  const url = new URL(limitedLink);
  const secret = url.hash.slice(1);
  const typo = `${url.origin}${url.pathname}#${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
  const visitor = await visit(typo);
  await alertSays(visitor.page, 'This link doesn\'t work');
  const cut = await visit(`${url.origin}${url.pathname}#${secret.slice(0, 12)}`);
  await alertSays(cut.page, 'This link doesn\'t work');
  assert.equal([(await relayAnswer(typo)).status, (await relayAnswer(typo)).code], [404, 'share_not_found']);
  await visitor.context.close();
  await cut.context.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('the relay\'s data folder and logs hold no share secret, file name or password', async () => {
  assert.ok(secrets.length >= 9, 'every link secret was collected');
  const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), ...(/^[A-Za-z0-9_-]{43}$/.test(s) ? [Buffer.from(decodeBase64url(s))] : [])]);
  for (const file of filesUnder(relay.dataDir)) {
    const bytes = readFileSync(file);
    for (const needle of needles) assert.is(bytes.indexOf(needle), -1, `${file} holds "${needle.toString('utf8')}"`);
  }
  const log = relay.process.output();
  for (const s of secrets) assert.not.ok(log.includes(s), `the relay's output mentions "${s}"`);
  assert.equal(owner.problems, []);
});

test.run();
