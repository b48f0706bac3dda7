// The upload UI of the real PWA against the real relay: files dropped onto the list open the review
// card (image thumbnail, name, size, remove) and land in the folder on screen; a folder picked with the
// folder picker keeps its tree (a synthetic drop can't carry a directory, see dropFiles); a 40 MiB
// upload shows rising per-file and total progress with speed and time left, and Cancel leaves no row
// and gives the relay back every reserved byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Route } from 'playwright-core';
import type { PwaRelay } from './support/pwa-relay.js';
import { startPwaSession, type PwaSession } from './support/pwa-session.js';
import { dropFiles, filesGrid, liveText, row, waitForAnnouncement, type AppPage } from './support/pwa-page.js';
import { noiseBytes, pngBytes, writeTree } from './support/sample-files.js';
import { formatBytes } from '../../pwa/src/state/format.js';

const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-upload-ui-'));
const login = 'uploader';
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

let session: PwaSession;

test.before(async () => {
  session = await startPwaSession({ signUpAs: login });
  ({ relay, browser, app } = session);
});

test.after(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The file list of the page, where a drop from the desktop lands. */
const dropTarget = (folder: string) => filesGrid(app.page, folder);
const panel = () => app.page.locator('vb-upload-panel');
const reviewItem = (name: string) => panel().getByRole('list', { name: 'Files to upload' }).getByRole('listitem').filter({ hasText: name });

async function newFolder(name: string): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill(name);
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
}

test('files dropped onto the list: review with thumbnail, name, size and remove; uploaded into the open folder', async () => {
  const { page } = app;
  const photo = pngBytes(32, 24);
  const notes = Buffer.from('Dropped from the desktop.\n');
  await newFolder('Inbox');
  await row(filesGrid(page, 'Home'), 'Inbox').dblclick();
  await filesGrid(page, 'Inbox').waitFor();

  await dropFiles(dropTarget('Inbox'), [
    { name: 'photo.png', type: 'image/png', bytes: photo },
    { name: 'notes.txt', type: 'text/plain', bytes: notes },
    { name: 'unwanted.bin', size: 3000 },
  ]);
  await panel().getByRole('heading', { name: 'Upload to Inbox' }).waitFor();
  assert.is(await panel().getByRole('listitem').count(), 3);

  // The image's row shows the local file decoded as a thumbnail; the others a plain placeholder.
  const thumb = reviewItem('photo.png').locator('img');
  await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 32 && img.naturalHeight === 24, await thumb.elementHandle());
  assert.is(await reviewItem('notes.txt').locator('img').count(), 0);
  assert.match(await reviewItem('photo.png').innerText(), new RegExp(formatBytes(photo.length)));
  assert.match(await reviewItem('notes.txt').innerText(), new RegExp(`${notes.length} bytes`));
  assert.match(await reviewItem('unwanted.bin').innerText(), new RegExp(formatBytes(3000)));

  await panel().getByRole('button', { name: 'Remove unwanted.bin' }).click();
  await reviewItem('unwanted.bin').waitFor({ state: 'detached' });
  assert.is(await panel().getByRole('listitem').count(), 2);
  await panel().getByRole('button', { name: 'Upload 2 files' }).click();
  await panel().getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  assert.match(await liveText(page), /2 files uploaded to Inbox/);
  await panel().getByRole('button', { name: 'Done' }).click();

  const inbox = filesGrid(page, 'Inbox');
  await row(inbox, 'photo.png').waitFor();
  await row(inbox, 'notes.txt').waitFor();
  assert.is(await row(inbox, 'unwanted.bin').count(), 0);
  // The bytes went through the worker and the relay and come back the same.
  await row(inbox, 'notes.txt').click();
  assert.is(await page.getByLabel('Contents of notes.txt').textContent(), notes.toString());
  await page.getByRole('treeitem', { name: 'Home' }).click();
  await row(filesGrid(page, 'Home'), 'Inbox').waitFor();
  assert.is(await row(filesGrid(page, 'Home'), 'photo.png').count(), 0, 'nothing landed in Home');
  assert.equal(app.problems, []);
});

test('a folder from the folder picker keeps its tree inside the open folder', async () => {
  const { page } = app;
  writeTree(join(work, 'pick'), { 'album/cover.txt': Buffer.from('cover'), 'album/disc 2/track.txt': Buffer.from('track two') });
  await page.getByRole('treeitem', { name: 'Inbox' }).click();
  await page.locator('vb-files-page input#pick-folder').setInputFiles(join(work, 'pick/album'));
  await panel().getByRole('heading', { name: 'Upload to Inbox' }).waitFor();
  assert.match(await reviewItem('track.txt').innerText(), /in album\/disc 2/);
  await panel().getByRole('button', { name: 'Upload 2 files' }).click();
  await panel().getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await panel().getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Inbox'), 'album').dblclick();
  await row(filesGrid(page, 'album'), 'cover.txt').waitFor();
  await row(filesGrid(page, 'album'), 'disc 2').dblclick();
  await row(filesGrid(page, 'disc 2'), 'track.txt').click();
  assert.is(await page.getByLabel('Contents of track.txt').textContent(), 'track two');
  assert.equal(app.problems, []);
});

/**
 * Holds every request that carries file bytes (a part PUT of a resumable upload, or a batch of small
 * files' blobs) until the test lets it through, one at a time or all at once.
 */
class PartGate {
  private readonly held: Route[] = [];
  private waiters: (() => void)[] = [];
  private open = false;
  /** The part index of each held request (-1 for a batch). */
  readonly seen: number[] = [];

  readonly handler = (route: Route) => {
    if (this.open) return void route.continue();
    this.seen.push(Number(/\/parts\/(\d+)$/.exec(new URL(route.request().url()).pathname)?.[1] ?? -1));
    this.held.push(route);
    for (const w of this.waiters.splice(0)) w();
  };

  /** Lets every held request and every later one through. */
  async openAll(): Promise<void> {
    this.open = true;
    await Promise.all(this.held.splice(0).map((r) => r.continue()));
  }

  /** Resolves once the app has sent `count` parts. */
  async sent(count: number): Promise<void> {
    while (this.seen.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Lets the next held part go to the relay (waiting for the app to send it if needed). */
  async release(): Promise<void> {
    while (!this.held.length) await new Promise<void>((r) => this.waiters.push(r));
    await this.held.shift()!.continue();
  }

  /** Fails the parts still held (the page has usually dropped them already). */
  async abortAll(): Promise<void> {
    await Promise.all(this.held.splice(0).map((r) => r.abort().catch(() => undefined)));
  }
}

const partPut = /\/api\/v1\/(uploads\/[^/]+\/parts\/\d+|blobs\/batch)$/;

async function valueNow(bar: Locator): Promise<number> {
  return Number(await bar.getAttribute('aria-valuenow'));
}

/** Waits until the progress bar's value is above `than`, and returns it. */
async function risesAbove(bar: Locator, than: number): Promise<number> {
  await app.page.waitForFunction(([el, min]) => Number((el as Element).getAttribute('aria-valuenow')) > (min as number), [await bar.elementHandle(), than] as const, { timeout: 60_000 });
  return valueNow(bar);
}

test('a 40 MiB upload shows rising per-file and total progress with speed and time left; Cancel leaves nothing', async () => {
  const { page, context } = app;
  const bigPath = join(work, 'film.bin');
  writeFileSync(bigPath, noiseBytes(40 * MiB + 123, 3));
  writeFileSync(join(work, 'after.txt'), 'queued behind the big one');
  await page.getByRole('treeitem', { name: 'Home' }).click();
  const before = await relay.usage(login);
  const gate = new PartGate();
  await context.route(partPut, gate.handler);
  try {
    await page.locator('vb-files-page input#pick-files').setInputFiles([bigPath, join(work, 'after.txt')]);
    await panel().getByRole('button', { name: 'Upload 2 files' }).click();
    const total = panel().getByRole('progressbar', { name: 'Total upload progress' });
    const film = panel().getByRole('progressbar', { name: 'Upload progress of film.bin' });
    await total.waitFor();
    await film.waitFor();
    assert.is(await valueNow(total), 0);
    assert.match(await reviewItem('after.txt').innerText(), /Waiting/);

    await gate.release();
    const first = await risesAbove(total, 0);
    assert.ok(await valueNow(film) >= first, 'the file is further along than the batch');
    await gate.release();
    const second = await risesAbove(total, first);
    assert.ok(second < 100);
    assert.match(await reviewItem('film.bin').innerText(), /1\d(\.\d)? MB of 40 MB/);
    // Two parts stored at two moments give a speed, and from it the time left.
    const summary = panel().locator('.summary');
    await summary.filter({ hasText: /\d+(\.\d)? (KB|MB|GB)\/s · (\d+ (s|min|h) ?)+ left/ }).waitFor();
    assert.ok(await relay.usage(login) > before, 'the relay reserved room for the upload');

    await panel().getByRole('button', { name: 'Cancel upload' }).click();
    await panel().getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
    await waitForAnnouncement(page, /Upload cancelled\. 0 files uploaded before that/);
  } finally {
    await gate.abortAll();
    await context.unroute(partPut);
  }
  await panel().getByRole('button', { name: 'Done' }).click();
  await panel().waitFor({ state: 'detached' });
  const home = filesGrid(page, 'Home');
  await row(home, 'Inbox').waitFor();
  assert.is(await row(home, 'film.bin').count(), 0);
  assert.is(await row(home, 'after.txt').count(), 0);
  assert.is(await page.getByRole('region', { name: 'Interrupted uploads' }).count(), 0, 'a cancelled upload is not offered for resuming');
  assert.is(await relay.usage(login), before, 'every reserved byte is given back');
  assert.equal(app.problems, []);
});

test('a second drop while reviewing adds to the list; while uploading it is refused and the running upload keeps its card and folder', async () => {
  const { page, context } = app;
  await page.getByRole('treeitem', { name: 'Inbox' }).click();
  const inbox = filesGrid(page, 'Inbox');
  await dropFiles(inbox, [{ name: 'first.txt', bytes: Buffer.from('first') }]);
  await panel().getByRole('button', { name: 'Upload 1 file' }).waitFor();
  await dropFiles(inbox, [{ name: 'second.txt', bytes: Buffer.from('second') }]);
  await panel().getByRole('button', { name: 'Upload 2 files' }).waitFor();
  assert.equal(await panel().getByRole('listitem').locator('.name').allInnerTexts(), ['first.txt', 'second.txt']);

  const gate = new PartGate();
  await context.route(partPut, gate.handler);
  try {
    await panel().getByRole('button', { name: 'Upload 2 files' }).click();
    await gate.sent(1);
    await dropFiles(inbox, [{ name: 'late.txt', bytes: Buffer.from('late') }]);
    await waitForAnnouncement(page, /Wait for the current upload to finish/);
    await panel().getByRole('heading', { name: 'Uploading…' }).waitFor();
    assert.ok(await panel().getByRole('button', { name: 'Cancel upload' }).isVisible());
    // Browsing elsewhere while it runs doesn't change where it goes, nor what the app says about it.
    await page.getByRole('treeitem', { name: 'Home' }).click();
    await filesGrid(page, 'Home').waitFor();
    // Small files go in batches of blobs, as many requests as the timing made.
    await gate.openAll();
    await panel().getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  } finally {
    await gate.abortAll();
    await context.unroute(partPut);
  }
  await waitForAnnouncement(page, /2 files uploaded to Inbox/);
  await panel().getByRole('button', { name: 'Done' }).click();
  assert.is(await row(filesGrid(page, 'Home'), 'first.txt').count(), 0);
  await page.getByRole('treeitem', { name: 'Inbox' }).click();
  await row(inbox, 'first.txt').waitFor();
  await row(inbox, 'second.txt').waitFor();
  assert.is(await row(inbox, 'late.txt').count(), 0);
  assert.equal(app.problems, []);
});

test.run();
