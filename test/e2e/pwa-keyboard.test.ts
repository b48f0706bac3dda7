// Keyboard-only use of the real PWA against the real relay: open the file picker from the keyboard and
// upload, move through the list, open a folder and come back, rename with F2, delete with the Delete
// key, restore from the trash. No mouse event is sent after the sign-up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { PwaRelay } from './support/pwa-relay.js';
import { startPwaSession, type PwaSession } from './support/pwa-session.js';
import { filesGrid, row, waitForAnnouncement, type AppPage } from './support/pwa-page.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

let session: PwaSession;

test.before(async () => {
  session = await startPwaSession({ signUpAs: 'keys' });
  ({ relay, browser, app } = session);
});

test.after(async () => {
  await session?.close();
});

/** The role-ish tag and accessible text of the deepest focused element (through shadow roots). */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

function focusedTag(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName ?? '';
  });
}

/** Presses Tab until the focused element's text matches, as a keyboard user would. */
async function tabTo(page: Page, pattern: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (pattern.test(await focusedText(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${pattern}; last focus: ${await focusedText(page)}`);
}

test('upload through the picker opened with the keyboard', async () => {
  const { page } = app;
  await filesGrid(page, 'Home').waitFor();
  // Listen before moving the focus: Playwright turns on file-chooser interception asynchronously, and
  // on a loaded machine a picker opened right after the listener is added can slip past it.
  const choosing = page.waitForEvent('filechooser', { timeout: 60_000 });
  await tabTo(page, /^↑ Upload files$/);
  assert.is(await focusedTag(page), 'BUTTON');
  const [chooser] = await Promise.all([choosing, page.keyboard.press('Enter')]);
  await chooser.setFiles([
    { name: 'alpha.txt', mimeType: 'text/plain', buffer: Buffer.from('alpha') },
    { name: 'beta.txt', mimeType: 'text/plain', buffer: Buffer.from('beta') },
  ]);
  await page.getByRole('heading', { name: 'Upload to Home' }).waitFor();
  await tabTo(page, /^Upload 2 files$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor();
  await tabTo(page, /^Done$/);
  await page.keyboard.press('Enter');
  await row(filesGrid(page, 'Home'), 'beta.txt').waitFor();
});

test('navigate, make a folder, open it and come back with the keyboard', async () => {
  const { page } = app;
  await tabTo(page, /New folder/);
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Folder name' }).waitFor();
  await page.keyboard.type('Letters');
  await page.keyboard.press('Enter');
  await row(filesGrid(page, 'Home'), 'Letters').waitFor();
  // The skip link lands in the list.
  await tabTo(page, /Skip to files/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  assert.match(await focusedText(page), /Letters/);
  await page.keyboard.press('Enter');
  await filesGrid(page, 'Letters').waitFor();
  await page.keyboard.press('Backspace');
  await filesGrid(page, 'Home').locator('[role=row][aria-selected=true]', { hasText: 'Letters' }).waitFor();
});

test('rename with F2 and delete with the Delete key, then restore from the trash', async () => {
  const { page } = app;
  const home = filesGrid(page, 'Home');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  assert.match(await focusedText(page), /alpha\.txt/);
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'New name' }).waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('gamma.txt');
  await page.keyboard.press('Enter');
  await row(home, 'gamma.txt').waitFor();
  await waitForAnnouncement(page, /Renamed to gamma\.txt/);
  // Focus is back in the list, on the renamed file (sorted by name: after beta).
  await page.waitForFunction(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return /gamma\.txt/.test(el?.textContent ?? '');
  });
  await page.keyboard.press('Delete');
  await row(home, 'gamma.txt').waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /Moved 1 item to the trash/);

  await tabTo(page, /Trash/);
  await page.keyboard.press('Enter');
  const trash = page.getByRole('grid', { name: 'Trash' });
  await row(trash, 'gamma.txt').waitFor();
  await tabTo(page, /Skip to files/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter'); // opens the details of the trashed file
  await tabTo(page, /^Restore$/);
  await page.keyboard.press('Enter');
  await row(trash, 'gamma.txt').waitFor({ state: 'detached' });
  // The row can leave the trash view (a live update's pull) a moment before the restore call answers.
  await waitForAnnouncement(page, /Restored 1 item/);
  assert.equal(app.problems, []);
});

test.run();
