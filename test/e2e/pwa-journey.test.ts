// The full journey through the built PWA in headless Chromium, against the real relay process and
// the real crypto worker, under the relay's strict CSP: sign up and save the key file, upload a nested
// folder, browse, preview an image, a PDF and text, search, rename, move, delete and restore, version
// history, download and compare bytes, lock, log out, log in with the key file and with "remember
// this device". Not one console error or CSP violation along the way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import {
  filesGrid, liveText, logIn, openApp, readDownloadBytes, row, signUp, strongPassword, waitForAnnouncement, withOpfsSavePicker, withoutSavePicker, type AppPage,
} from './support/pwa-page.js';
import { noiseBytes, pdfBytes, pngBytes, sha256, writeTree } from './support/sample-files.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
let keyFileText = '';
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-journey-'));
const files = {
  'trip/photos/beach.png': pngBytes(64, 48),
  'trip/docs/plan.pdf': pdfBytes('Veilbox plan'),
  'trip/notes.txt': Buffer.from('Pack the sunscreen.\nBook the ferry.\n'),
  'trip/docs/data.bin': noiseBytes(3 * 1024 * 1024 + 17, 7),
};

test.before(async () => {
  writeTree(join(work, 'upload'), files);
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('sign up: the recovery key is shown once, downloaded as a key file, and must be confirmed', async () => {
  ({ keyFileText } = await signUp(app.page, relay.url, 'journey'));
  assert.match(keyFileText, /[A-Z2-7]{5}/);
  assert.is(app.page.url(), `${relay.url}/files`);
});

test('upload a nested folder through the folder picker, with progress, and browse it', async () => {
  const { page } = app;
  await page.locator('vb-files-page input#pick-folder').setInputFiles(join(work, 'upload/trip'));
  await page.getByRole('button', { name: 'Upload 4 files' }).click();
  await page.getByRole('progressbar', { name: 'Total upload progress' }).waitFor();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  assert.match(await liveText(page), /4 files uploaded to Home/);
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Home'), 'trip').dblclick();
  const trip = filesGrid(page, 'trip');
  await row(trip, 'notes.txt').waitFor();
  await row(trip, 'photos').waitFor();
  await row(trip, 'docs').dblclick();
  await row(filesGrid(page, 'docs'), 'plan.pdf').waitFor();
  await row(filesGrid(page, 'docs'), 'data.bin').waitFor();
  assert.equal(app.problems, []);
});

/** Opens a file's details (single click on its row in `grid`). */
async function select(grid: ReturnType<typeof filesGrid>, name: string): Promise<void> {
  await row(grid, name).click();
  await app.page.locator('vb-details-panel h2', { hasText: name }).waitFor();
}

test('previews: an image is decrypted into an <img>, text into the panel, a PDF opens in its own tab', async () => {
  const { page, context } = app;
  await page.getByRole('treeitem', { name: 'photos' }).click();
  await select(filesGrid(page, 'photos'), 'beach.png');
  const img = page.getByRole('img', { name: 'Preview of beach.png' });
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('vb-app')?.shadowRoot?.querySelector('vb-files-page')?.shadowRoot?.querySelector('vb-details-panel')
      ?.shadowRoot?.querySelector('vb-preview')?.shadowRoot?.querySelector('img');
    return el instanceof HTMLImageElement && el.complete && el.naturalWidth === 64 && el.naturalHeight === 48;
  });
  assert.match(await img.getAttribute('src') ?? '', /^blob:/);

  await page.getByRole('treeitem', { name: 'trip' }).click();
  await select(filesGrid(page, 'trip'), 'notes.txt');
  const text = page.getByLabel('Contents of notes.txt');
  await text.waitFor();
  assert.is(await text.textContent(), 'Pack the sunscreen.\nBook the ferry.\n');

  await row(filesGrid(page, 'trip'), 'docs').dblclick();
  await select(filesGrid(page, 'docs'), 'plan.pdf');
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open PDF in a new tab' }).click()]);
  await tab.waitForURL(/^blob:/);
  await tab.waitForLoadState();
  // The tab holds the decrypted document in the browser's own PDF viewer, not a download or an error page.
  assert.is(await tab.evaluate(() => document.contentType), 'application/pdf');
  await tab.close();
  assert.equal(app.problems, []);
});

test('search finds a file in a subfolder by name, over the decrypted index', async () => {
  const { page } = app;
  await page.getByLabel('Search files').fill('plan');
  const results = page.getByRole('grid', { name: 'Search results' });
  await row(results, 'plan.pdf').waitFor();
  assert.is(await results.locator('[role=row][data-id]').count(), 1);
  await page.getByLabel('Search files').fill('');
  await page.getByLabel('Search files').press('Escape');
});

test('rename, move to another folder, delete to the trash and restore', async () => {
  const { page } = app;
  await page.getByRole('treeitem', { name: 'trip' }).click();
  const trip = filesGrid(page, 'trip');
  await select(trip, 'notes.txt');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('packing list.txt');
  await page.getByRole('textbox', { name: 'New name' }).press('Enter');
  await row(trip, 'packing list.txt').waitFor();
  assert.is(await row(trip, 'notes.txt').count(), 0);

  await select(trip, 'packing list.txt');
  await page.getByRole('button', { name: 'Move to…' }).click();
  await page.getByRole('dialog', { name: /Move 1 item to/ }).waitFor();
  await page.keyboard.type('photos');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await row(trip, 'packing list.txt').waitFor({ state: 'detached' });
  await page.getByRole('treeitem', { name: 'photos' }).click();
  const photos = filesGrid(page, 'photos');
  await row(photos, 'packing list.txt').waitFor();

  await select(photos, 'packing list.txt');
  await page.getByRole('button', { name: 'Delete' }).click();
  await row(photos, 'packing list.txt').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: /Trash/ }).click();
  const trash = page.getByRole('grid', { name: 'Trash' });
  await row(trash, 'packing list.txt').click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await row(trash, 'packing list.txt').waitFor({ state: 'detached' });
  await page.getByRole('treeitem', { name: 'photos' }).click();
  await row(photos, 'packing list.txt').waitFor();
  assert.equal(app.problems, []);
});

test('replacing a file keeps the old version; version history restores it', async () => {
  const { page } = app;
  await page.getByRole('treeitem', { name: 'photos' }).click();
  const photos = filesGrid(page, 'photos');
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name: 'packing list.txt', mimeType: 'text/plain', buffer: Buffer.from('Second draft.\n') }]);
  await page.getByRole('group', { name: /"packing list.txt" already exists here/ }).getByLabel(/Replace/).check();
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await select(photos, 'packing list.txt');
  await page.getByLabel('Contents of packing list.txt').filter({ hasText: 'Second draft.' }).waitFor();
  await page.getByRole('button', { name: /Version history/ }).click();
  const restore = page.getByRole('button', { name: /Restore the version from/ });
  await restore.waitFor();
  assert.is(await restore.count(), 1);
  await restore.click();
  await page.getByLabel('Contents of packing list.txt').filter({ hasText: 'Pack the sunscreen.' }).waitFor();
  assert.equal(app.problems, []);
});

test('a clashing name asks keep both / replace; keep both adds "name (2)"', async () => {
  const { page } = app;
  await page.getByRole('treeitem', { name: 'photos' }).click();
  await page.locator('vb-files-page input#pick-files').setInputFiles([{ name: 'beach.png', mimeType: 'image/png', buffer: pngBytes(8, 8) }]);
  const group = page.getByRole('group', { name: /"beach.png" already exists here/ });
  await group.waitFor();
  await group.getByLabel(/Keep both/).check();
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await row(filesGrid(page, 'photos'), 'beach (2).png').waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'photos'), /^beach\.png/).waitFor();
});

test('download through a link gives back the exact bytes', async () => {
  const { page } = app;
  await page.getByRole('treeitem', { name: 'docs' }).click();
  await select(filesGrid(page, 'docs'), 'data.bin');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(download.suggestedFilename(), 'data.bin');
  assert.is(sha256(await readDownloadBytes(download)), sha256(files['trip/docs/data.bin']));
  assert.equal(app.problems, []);
});

test('download into a file from the save dialog is streamed chunk by chunk and exact', async () => {
  const { page } = app;
  // The save dialog can't be answered headless; a file in the origin-private file system stands in for
  // the one the user would pick. It is a real FileSystemWritableFileStream, written as the worker decrypts.
  await withOpfsSavePicker(page);
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await waitForAnnouncement(page, /data\.bin saved/);
  const digest = await page.evaluate(async () => {
    const file = await (await (await navigator.storage.getDirectory()).getFileHandle('data.bin')).getFile();
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
  });
  assert.is(digest, sha256(files['trip/docs/data.bin']));
  assert.equal(app.problems, []);
});

test('lock wipes the keys; the password unlocks again', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  assert.is(await page.getByRole('grid').count(), 0);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('grid').first().waitFor();
  assert.equal(app.problems, []);
});

test('log out, then log in with the recovery key file', async () => {
  const { page } = app;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('Login name').fill('journey');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('form [role=alert]').filter({ hasText: 'Wrong password' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Recovery key' }).click();
  await page.getByLabel('Login name').fill('journey');
  await page.getByLabel('Key file').setInputFiles({ name: 'veilbox-recovery-key.txt', mimeType: 'text/plain', buffer: Buffer.from(keyFileText) });
  await page.getByText('Using veilbox-recovery-key.txt').waitFor();
  await page.getByRole('button', { name: 'Log in' }).click();
  await filesGrid(page, 'Home').waitFor({ timeout: 60_000 });
  await row(filesGrid(page, 'Home'), 'trip').waitFor();
  assert.equal(app.problems, []);
});

test('"remember this device": after a lock the vault opens here without the password', async () => {
  const { page } = app;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await logIn(page, 'journey', strongPassword, { remember: true });
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Unlock on this device' }).click();
  await filesGrid(page, 'Home').waitFor();
  // A reload keeps the session cookie and the device key: the vault opens again with one click.
  await page.reload();
  await page.getByRole('button', { name: 'Unlock on this device' }).click();
  await row(filesGrid(page, 'Home'), 'trip').waitFor();
  assert.equal(app.problems, []);
});

test('phone width: the folder tree is a drawer and the list stays usable', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 390, height: 844 });
  await filesGrid(page, 'Home').waitFor();
  assert.not.ok(await page.getByRole('tree', { name: 'Folders' }).isVisible());
  await page.getByRole('button', { name: 'Folders' }).click();
  assert.ok(await page.getByRole('tree', { name: 'Folders' }).isVisible());
  await page.getByRole('treeitem', { name: 'trip' }).click();
  await row(filesGrid(page, 'trip'), 'photos').waitFor();
  assert.not.ok(await page.getByRole('tree', { name: 'Folders' }).isVisible());
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(app.problems, []);
});

test.run();
