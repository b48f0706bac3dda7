// Emptying the trash and downloading a folder as ZIP, in headless Chromium against the real relay and
// crypto worker. The trash check looks at the relay itself (its blob files and the account's usage),
// not only at the list; the ZIP is unzipped here with fflate and every entry compared byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { formatBytes } from '../../pwa/src/state/format.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import {
  filesGrid, openApp, readDownloadBytes, row, signUp, waitForAnnouncement, withOpfsSavePicker, withoutSavePicker, type AppPage,
} from './support/pwa-page.js';
import { noiseBytes, pdfBytes, pngBytes, sha256, writeTree } from './support/sample-files.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
const login = 'trash-zip';
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-trash-zip-'));

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await withoutSavePicker(app.context);
  await signUp(app.page, relay.url, login);
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Uploads `files` (name → bytes) through the file picker into the folder on screen. */
async function upload(page: Page, files: Record<string, Buffer>): Promise<void> {
  const n = Object.keys(files).length;
  await page.locator('vb-files-page input#pick-files').setInputFiles(Object.entries(files).map(([name, buffer]) => ({ name, mimeType: 'application/octet-stream', buffer })));
  await page.getByRole('button', { name: `Upload ${n} file${n === 1 ? '' : 's'}` }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
}

/** Waits until the sidebar's usage line shows what the relay counts for the account, and returns that count. */
async function usageShown(page: Page): Promise<number> {
  const usage = page.locator('vb-files-page .usage');
  let bytes = await relay.usage(login);
  for (let tries = 0; !(await usage.textContent() ?? '').startsWith(`${formatBytes(bytes)} of`); tries++) {
    if (tries === 100) assert.unreachable(`the sidebar says "${await usage.textContent()}", the relay counts ${formatBytes(bytes)}`);
    await page.waitForTimeout(100);
    bytes = await relay.usage(login);
  }
  return bytes;
}

test('empty the trash: with confirmation, the items (a folder too) leave the trash, their blobs leave the relay and the usage drops', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  const keep = noiseBytes(50_000, 11);
  await upload(page, { 'keep.bin': keep });
  const kept = new Set(relay.storedBlobs().map((b) => b.id));
  assert.is(kept.size, 1);
  const doomed = { 'first.bin': noiseBytes(300_000, 12), 'second.bin': noiseBytes(500_000, 13) };
  await upload(page, doomed);
  // A trashed folder goes with everything inside it.
  writeTree(join(work, 'trashed'), { 'old stuff/inner/deep.bin': noiseBytes(100_000, 14) });
  await page.locator('vb-files-page input#pick-folder').setInputFiles(join(work, 'trashed/old stuff'));
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  assert.is(relay.storedBlobs().length, 4);
  const before = await usageShown(page);

  for (const name of [...Object.keys(doomed), 'old stuff']) {
    await row(home, name).click();
    await page.locator('vb-details-panel h2', { hasText: name }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await row(home, name).waitFor({ state: 'detached' });
  }
  assert.is(relay.storedBlobs().length, 4, 'the trash still holds the blobs');
  assert.ok(await relay.usage(login) > before - 900_000, 'and they still count (only the records changed)');

  await page.getByRole('link', { name: /Trash/ }).click();
  const trash = page.getByRole('grid', { name: 'Trash' });
  for (const name of [...Object.keys(doomed), 'old stuff']) await row(trash, name).waitFor();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const dialog = page.getByRole('dialog', { name: 'Empty the trash?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent() ?? '', /3 items and everything inside them will be deleted from the server for good/);
  // Cancel first: nothing may go.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.is(relay.storedBlobs().length, 4);
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await dialog.getByRole('button', { name: 'Empty trash' }).click();
  await waitForAnnouncement(page, /Trash emptied/);
  await page.getByText('The trash is empty.').waitFor();
  assert.is(await trash.locator('[role=row][data-id]').count(), 0);

  assert.equal(new Set(relay.storedBlobs().map((b) => b.id)), kept, 'exactly the trashed blobs were deleted on the relay');
  const after = await usageShown(page);
  assert.ok(before - after >= 900_000, `usage went from ${before} to ${after} bytes`);

  await page.getByRole('link', { name: 'Files', exact: true }).click();
  await row(home, 'keep.bin').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(sha256(await readDownloadBytes(download)), sha256(keep), 'the file that was not trashed is intact');
  assert.equal(app.problems, []);
});

const album = {
  'album/readme.txt': Buffer.from('Photos from the trip, sorted by day.\n'),
  'album/photos/beach.png': pngBytes(40, 30),
  'album/photos/raw/scan.bin': noiseBytes(1536 * 1024 + 5, 21),
  'album/docs/plan.pdf': pdfBytes('Album plan'),
  'album/docs/old draft.txt': Buffer.from('to be trashed'),
  'album/docs/café menü 日本.txt': Buffer.from('Names are UTF-8 in the ZIP too.\n'),
  'album/zero.txt': Buffer.alloc(0),
  // A date before 1980, which the ZIP format can't hold: such files come out of archives and builds.
  'album/old/from 1975.txt': Buffer.from('An old file keeps its bytes.\n'),
};

/** What the ZIP of "album" must hold: paths inside the folder; the trashed draft is left out, the empty folder is kept. */
function expectedEntries(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, bytes] of Object.entries(album)) if (!path.endsWith('old draft.txt')) out.set(path.slice('album/'.length), sha256(bytes));
  out.set('empty/', sha256(new Uint8Array(0)));
  return out;
}

function entriesOf(zip: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, sha256(bytes)]));
}

test('download a nested folder as ZIP through a link: every entry, path and byte as uploaded', async () => {
  const { page } = app;
  writeTree(join(work, 'upload'), album);
  const old = new Date('1975-06-01T12:00:00Z');
  utimesSync(join(work, 'upload/album/old/from 1975.txt'), old, old);
  await page.locator('vb-files-page input#pick-folder').setInputFiles(join(work, 'upload/album'));
  await page.getByRole('button', { name: 'Upload 8 files' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  const home = filesGrid(page, 'Home');
  await row(home, 'album').dblclick();
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill('empty');
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
  await row(filesGrid(page, 'album'), 'empty').waitFor();
  await row(filesGrid(page, 'album'), 'docs').dblclick();
  await row(filesGrid(page, 'docs'), 'old draft.txt').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await row(filesGrid(page, 'docs'), 'old draft.txt').waitFor({ state: 'detached' });

  await page.getByRole('treeitem', { name: 'Home' }).click();
  await row(home, 'album').click();
  await page.locator('vb-details-panel h2', { hasText: 'album' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as ZIP' }).click()]);
  assert.is(download.suggestedFilename(), 'album.zip');
  const zip = await readDownloadBytes(download);
  assert.equal(entriesOf(zip), expectedEntries());
  assert.equal(app.problems, []);
});

test('download a folder as ZIP into a file from the save dialog: streamed into the file, same entries', async () => {
  const { page } = app;
  // As in pwa-journey: a file in the origin-private file system stands in for the one the user would pick.
  await withOpfsSavePicker(page);
  await page.getByRole('button', { name: 'Download as ZIP' }).click();
  await waitForAnnouncement(page, /album saved/);
  const base64 = await page.evaluate(async () => {
    const file = await (await (await navigator.storage.getDirectory()).getFileHandle('album.zip')).getFile();
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  assert.equal(entriesOf(Buffer.from(base64, 'base64')), expectedEntries());
  assert.equal(app.problems, []);
});

test.run();
