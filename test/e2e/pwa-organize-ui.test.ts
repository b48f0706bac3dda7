// Organising files in the real PWA against the real relay: sorting by the column headers (aria-sort
// and row order follow), the type, size and date filters, the sidebar folder tree as a WAI-ARIA tree
// from the keyboard (arrows, Home/End, type-ahead, Enter), and moving files by dragging a row onto a
// folder in the tree or in the list. The "Move to…" dialog and name search are in pwa-journey.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Locator } from 'playwright-core';
import type { PwaRelay } from './support/pwa-relay.js';
import { startPwaSession, type PwaSession } from './support/pwa-session.js';
import { dropFiles, filesGrid, focusedText, row, rowNames, strongPassword, waitForAnnouncement, type AppPage, type DropFile } from './support/pwa-page.js';
import { pdfBytes, pngBytes } from './support/sample-files.js';
import { typeAheadPauseMs } from '../../pwa/src/state/type-ahead.js';

const MiB = 1024 * 1024;
const hour = 3_600_000;
const now = Date.now();
/** Distinct sizes, dates and types, so every sort and filter gives a different answer. */
const files: DropFile[] = [
  { name: 'apple.txt', type: 'text/plain', bytes: Buffer.from('apples'), lastModified: now - 48 * hour },
  { name: 'banana.png', type: 'image/png', bytes: pngBytes(16, 16), lastModified: now - 3 * hour },
  { name: 'cherry.pdf', type: 'application/pdf', bytes: pdfBytes('cherry'), lastModified: Date.UTC(2019, 4, 1) },
  { name: 'date.bin', size: 2 * MiB, lastModified: now - 240 * hour },
];
const folders = ['Archive', 'Projects', 'Zeta'];
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

let session: PwaSession;

test.before(async () => {
  session = await startPwaSession({ signUpAs: 'organizer' });
  ({ relay, browser, app } = session);
  const { page } = app;
  for (const name of folders) await newFolder(name);
  await row(filesGrid(page, 'Home'), 'Projects').dblclick();
  await newFolder('Drafts');
  await page.getByRole('treeitem', { name: 'Home' }).click();
  await dropFiles(filesGrid(page, 'Home'), files);
  await page.getByRole('button', { name: 'Upload 4 files' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Home'), 'date.bin').waitFor();
});

test.after(async () => {
  await session?.close();
});

async function newFolder(name: string): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill(name);
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
  await page.getByRole('row', { name: new RegExp(name) }).waitFor();
}

function header(label: string): Locator {
  return app.page.getByRole('columnheader').filter({ has: app.page.getByRole('button', { name: `Sort by ${label}` }) });
}

/** Polls `read` until it gives `want` (the UI settles after a render), then asserts it. */
async function until<T>(read: () => Promise<T>, want: T, message: string): Promise<void> {
  let got = await read();
  for (let i = 0; i < 100 && JSON.stringify(got) !== JSON.stringify(want); i++) {
    await app.page.waitForTimeout(50);
    got = await read();
  }
  assert.equal(got, want, message);
}

/** Clicks a column header and waits for the rows to come in `order`; checks every header's aria-sort. */
async function sortBy(label: string, ariaSort: 'ascending' | 'descending', order: string[]): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: `Sort by ${label}` }).click();
  await until(() => rowNames(filesGrid(page, 'Home')), order, `rows after sorting by ${label}, ${ariaSort}`);
  for (const other of ['Name', 'Size', 'Modified', 'Type']) {
    assert.is(await header(other).getAttribute('aria-sort'), other === label ? ariaSort : 'none', `aria-sort of ${other}`);
  }
}

test('sorting by the column headers: folders stay first, aria-sort and the order follow each click', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  assert.equal(await rowNames(home), [...folders, 'apple.txt', 'banana.png', 'cherry.pdf', 'date.bin']);
  assert.is(await header('Name').getAttribute('aria-sort'), 'ascending');
  await sortBy('Name', 'descending', ['Zeta', 'Projects', 'Archive', 'date.bin', 'cherry.pdf', 'banana.png', 'apple.txt']);
  const bySize = [...files].sort((a, b) => (b.bytes?.length ?? b.size!) - (a.bytes?.length ?? a.size!)).map((f) => f.name);
  await sortBy('Size', 'descending', [...folders, ...bySize]);
  await sortBy('Size', 'ascending', [...folders, ...[...bySize].reverse()]);
  // Folders were all made just now, after the files' dates: newest first among folders is creation order reversed.
  await sortBy('Modified', 'descending', ['Zeta', 'Projects', 'Archive', 'banana.png', 'apple.txt', 'date.bin', 'cherry.pdf']);
  // By type label: Image · PNG, Other · BIN, PDF · PDF, Text or code · TXT.
  await sortBy('Type', 'ascending', [...folders, 'banana.png', 'date.bin', 'cherry.pdf', 'apple.txt']);
  await sortBy('Name', 'ascending', [...folders, 'apple.txt', 'banana.png', 'cherry.pdf', 'date.bin']);
  assert.equal(app.problems, []);
});

function filterSelect(label: string): Locator {
  return app.page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: label });
}

/** Picks `option` in the filter bar's select `label` and waits for exactly `names` in the results. */
async function filterTo(label: string, option: string, names: string[]): Promise<void> {
  const { page } = app;
  await filterSelect(label).selectOption({ label: option });
  await page.getByRole('status').filter({ hasText: new RegExp(`^${names.length} match(es)?`) }).waitFor();
  assert.equal(await rowNames(page.getByRole('grid', { name: 'Search results' })), names, `${label}: ${option}`);
}

/** Sets the select back to "any"; with no other filter the folder comes back. */
async function unfilter(label: string, option: string): Promise<void> {
  await filterSelect(label).selectOption({ label: option });
  await filesGrid(app.page, 'Home').waitFor();
}

test('the filter bar narrows by type, size and date, alone and with a name search; Clear brings the folder back', async () => {
  const { page } = app;
  await filterTo('Type', 'Image', ['banana.png']);
  await filterTo('Type', 'Folder', ['Archive', 'Drafts', 'Projects', 'Zeta']);
  await unfilter('Type', 'Any type');
  await filterTo('Size', '1–100 MB', ['date.bin']);
  await filterTo('Size', 'Under 1 MB', ['apple.txt', 'banana.png', 'cherry.pdf']);
  await unfilter('Size', 'Any size');
  await filterTo('Modified', 'Over a year ago', ['cherry.pdf']);
  await filterTo('Modified', 'Last 7 days', ['Archive', 'Drafts', 'Projects', 'Zeta', 'apple.txt', 'banana.png']);
  await filterTo('Modified', 'Last 24 hours', ['Archive', 'Drafts', 'Projects', 'Zeta', 'banana.png']);
  await page.getByLabel('Search files').fill('an');
  await page.getByRole('status').filter({ hasText: /^1 match/ }).waitFor();
  assert.equal(await rowNames(page.getByRole('grid', { name: 'Search results' })), ['banana.png']);
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await filesGrid(page, 'Home').waitFor();
  assert.equal(await rowNames(filesGrid(page, 'Home')), [...folders, 'apple.txt', 'banana.png', 'cherry.pdf', 'date.bin']);
  assert.is(await page.getByLabel('Search files').inputValue(), '');
  for (const label of ['Type', 'Size', 'Modified']) {
    assert.is(await filterSelect(label).inputValue(), 'any');
  }
  assert.equal(app.problems, []);
});

/** The focused tree item's name, or '' when the focus is not on a tree item. */
async function focusedFolder(): Promise<string> {
  const text = await focusedText(app.page);
  const isItem = await app.page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('role') === 'treeitem';
  });
  return isItem ? text.replace(/^[▶▼]\s*/, '') : '';
}

async function press(key: string, expected: string): Promise<void> {
  await app.page.keyboard.press(key);
  await until(focusedFolder, expected, `focus after ${key}`);
}

test('the folder tree from the keyboard: arrows, Home/End, expand and collapse, type-ahead, Enter opens', async () => {
  const { page } = app;
  const tree = page.getByRole('tree', { name: 'Folders' });
  const projects = tree.getByRole('treeitem', { name: 'Projects' });
  await tree.getByRole('treeitem', { name: 'Home' }).click();
  assert.is(await focusedFolder(), 'Home');
  assert.is(await tree.locator('[role=treeitem][tabindex="0"]').count(), 1, 'one tab stop in the tree');
  await press('ArrowDown', 'Archive');
  await press('ArrowDown', 'Projects');
  assert.is(await projects.getAttribute('aria-expanded'), 'false');
  assert.is(await tree.getByRole('treeitem', { name: 'Drafts' }).count(), 0);
  await press('ArrowRight', 'Projects');
  assert.is(await projects.getAttribute('aria-expanded'), 'true');
  await press('ArrowRight', 'Drafts');
  assert.is(await tree.getByRole('treeitem', { name: 'Drafts' }).getAttribute('aria-level'), '3');
  await press('ArrowDown', 'Zeta');
  await press('ArrowLeft', 'Home');
  await press('End', 'Zeta');
  await press('Home', 'Home');
  await press('ArrowLeft', 'Home');
  assert.is(await tree.getByRole('treeitem', { name: 'Home' }).getAttribute('aria-expanded'), 'false', 'Left on an open folder closes it');
  assert.is(await tree.getByRole('treeitem').count(), 1);
  await press('ArrowRight', 'Home');
  // Letters typed within the type-ahead pause form one prefix; a pause starts a new one.
  await press('d', 'Drafts');
  await page.waitForTimeout(typeAheadPauseMs + 100);
  await page.keyboard.press('z');
  await press('e', 'Zeta');
  await page.waitForTimeout(typeAheadPauseMs + 100);
  await press('a', 'Archive');
  await press('ArrowUp', 'Home');
  await press('ArrowDown', 'Archive');
  await press('ArrowDown', 'Projects');
  await press('ArrowLeft', 'Projects');
  assert.is(await projects.getAttribute('aria-expanded'), 'false');
  await press('ArrowUp', 'Archive');
  await page.keyboard.press('Enter');
  await filesGrid(page, 'Archive').waitFor();
  assert.is(await tree.getByRole('treeitem', { name: 'Archive' }).getAttribute('aria-current'), 'page');
  assert.is(await focusedFolder(), 'Archive', 'the focus stays in the tree');
  await press('ArrowDown', 'Projects');
  await page.keyboard.press(' ');
  await filesGrid(page, 'Projects').waitFor();
  await press('ArrowRight', 'Projects');
  await press('ArrowRight', 'Drafts');
  await page.keyboard.press('Enter');
  await filesGrid(page, 'Drafts').waitFor();
  assert.equal(app.problems, []);
});

test('dragging a row onto a folder in the tree or in the list moves it; a folder into its own subfolder is refused', async () => {
  const { page } = app;
  const tree = page.getByRole('tree', { name: 'Folders' });
  await tree.getByRole('treeitem', { name: 'Home' }).click();
  const home = filesGrid(page, 'Home');
  await row(home, 'apple.txt').dragTo(tree.getByRole('treeitem', { name: 'Archive' }));
  await row(home, 'apple.txt').waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /Moved 1 item to Archive/);

  await row(home, 'banana.png').dragTo(row(home, 'Zeta'));
  await row(home, 'banana.png').waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /Moved 1 item to Zeta/);

  // Two selected rows move together, whichever of them is dragged.
  await row(home, 'cherry.pdf').click();
  await row(home, 'date.bin').click({ modifiers: ['Control'] });
  await row(home, 'date.bin').dragTo(tree.getByRole('treeitem', { name: 'Drafts' }));
  await row(home, 'cherry.pdf').waitFor({ state: 'detached' });
  await row(home, 'date.bin').waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /Moved 2 items to Drafts/);

  await row(home, 'Projects').dragTo(tree.getByRole('treeitem', { name: 'Drafts' }));
  await waitForAnnouncement(page, /A folder can't be moved into itself/);
  assert.equal(await rowNames(home), folders);

  // The moves are on the relay: after a lock the tree is fetched and opened again.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await row(filesGrid(page, 'Home'), 'Archive').dblclick();
  assert.equal(await rowNames(filesGrid(page, 'Archive')), ['apple.txt']);
  await page.getByRole('treeitem', { name: 'Zeta' }).click();
  await row(filesGrid(page, 'Zeta'), 'banana.png').waitFor();
  await page.getByRole('treeitem', { name: 'Projects' }).click();
  await row(filesGrid(page, 'Projects'), 'Drafts').dblclick();
  await row(filesGrid(page, 'Drafts'), 'date.bin').waitFor();
  assert.equal(await rowNames(filesGrid(page, 'Drafts')), ['cherry.pdf', 'date.bin']);
  assert.equal(app.problems, []);
});

test('the tree keeps its one tab stop when the focused folder is hidden by a collapse or goes to the trash', async () => {
  const { page } = app;
  const tree = page.getByRole('tree', { name: 'Folders' });
  const tabStops = tree.locator('[role=treeitem][tabindex="0"]');
  await tree.getByRole('treeitem', { name: 'Home' }).click();
  await press('End', 'Zeta');
  await press('ArrowUp', 'Drafts');
  // The mouse closes Projects around the focused Drafts: the tab stop moves to a folder still shown.
  await tree.getByRole('treeitem', { name: 'Projects' }).locator('.twisty').click();
  await tree.getByRole('treeitem', { name: 'Drafts' }).waitFor({ state: 'detached' });
  assert.is(await tabStops.count(), 1);
  await tabStops.focus();
  await press('ArrowDown', 'Archive');
  await press('End', 'Zeta');
  // The focused folder goes to the trash from the list.
  await row(filesGrid(page, 'Home'), 'Zeta').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await tree.getByRole('treeitem', { name: 'Zeta' }).waitFor({ state: 'detached' });
  assert.is(await tabStops.count(), 1);
  await tabStops.focus();
  await press('End', 'Projects');
  assert.equal(app.problems, []);
});

test.run();
