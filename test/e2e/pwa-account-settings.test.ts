// Account settings end to end, in headless Chromium against the real relay and crypto worker: changing
// the password (the old one is refused afterwards, the new one opens the same files, byte for byte),
// and the device list (a second browser remembered with "remember this device" shows up, is removed
// from the first, and can then neither use its session nor its device key, while the first goes on).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import {
  filesGrid, logIn, openApp, readDownloadBytes, row, signUp, strongPassword, waitForAnnouncement, withoutSavePicker, type AppPage,
} from './support/pwa-page.js';
import { noiseBytes, sha256 } from './support/sample-files.js';

let relay: PwaRelay;
let browser: Browser;
let a: AppPage;
const login = 'settings';
const newPassword = 'marble cactus violet harbour quill';
const files = { 'notes.txt': Buffer.from('Kept across a password change.\n'), 'data.bin': noiseBytes(200_000, 3) };

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  a = await openApp(browser, relay.url);
  await withoutSavePicker(a.context);
  await signUp(a.page, relay.url, login);
  await a.page.locator('vb-files-page input#pick-files').setInputFiles(Object.entries(files).map(([name, buffer]) => ({ name, mimeType: 'application/octet-stream', buffer })));
  await a.page.getByRole('button', { name: 'Upload 2 files' }).click();
  await a.page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await a.page.getByRole('button', { name: 'Done' }).click();
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Downloads `name` from the Home folder through the link path and resolves its bytes. */
async function downloadFromHome(page: Page, name: string): Promise<Buffer> {
  await row(filesGrid(page, 'Home'), name).click();
  await page.locator('vb-details-panel h2', { hasText: name }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.is(download.suggestedFilename(), name);
  return readDownloadBytes(download);
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

test('change password: the old one is refused as a wrong password, the new one opens the same files', async () => {
  const { page } = a;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Change password' }).waitFor();
  await page.getByLabel('Current password').fill(strongPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  const form = page.getByRole('region', { name: 'Change password' });
  await form.getByRole('status').filter({ hasText: 'Password changed' }).waitFor({ timeout: 60_000 });
  assert.is(await page.getByLabel('Current password').inputValue(), '', 'the form forgets the passwords');

  await logOut(page);
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  const refused = page.locator('form [role=alert]');
  await refused.filter({ hasText: 'Wrong password' }).waitFor({ timeout: 60_000 });
  assert.match(await refused.textContent() ?? '', /That password does not open this vault/);
  assert.is(await page.getByRole('grid').count(), 0, 'nothing of the vault is shown');

  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await filesGrid(page, 'Home').waitFor({ timeout: 60_000 });
  for (const [name, bytes] of Object.entries(files)) assert.is(sha256(await downloadFromHome(page, name)), sha256(bytes), name);
  assert.equal(a.problems, []);
});

test('a wrong current password is refused in settings and changes nothing', async () => {
  const { page } = a;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Current password').fill(strongPassword); // the old one: no longer current
  await page.getByLabel('New password', { exact: true }).fill('quiet meadow lantern basalt');
  await page.getByLabel('New password again').fill('quiet meadow lantern basalt');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('region', { name: 'Change password' }).getByRole('alert').filter({ hasText: 'Wrong password' }).waitFor({ timeout: 60_000 });
  // Still the password of the previous test: lock and unlock with it.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 60_000 });
  assert.equal(a.problems, []);
});

test('device list: a remembered second browser is listed, removed, and loses its session and its device key', async () => {
  const b = await openApp(browser, `${relay.url}/login`);
  await withoutSavePicker(b.context);
  await logIn(b.page, login, newPassword, { remember: true });
  await row(filesGrid(b.page, 'Home'), 'notes.txt').waitFor();

  const { page } = a;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Manage all devices' }).click();
  const list = page.getByRole('list', { name: 'Devices' });
  await list.waitFor();
  const items = list.getByRole('listitem');
  assert.is(await items.count(), 1, 'only the second browser is remembered');
  const label = (await items.locator('strong').textContent())!;
  assert.match(label, /^Browser \(/);
  assert.match(await items.textContent() ?? '', /Browser/);
  assert.not.match(await items.textContent() ?? '', /This browser/, 'the first browser does not claim it');

  await page.getByRole('button', { name: `Remove ${label}` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${label}?` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Remove device' }).click();
  await page.getByText('No remembered devices').waitFor();
  await waitForAnnouncement(page, /removed/);

  // The removed browser: the relay ends its session and closes its live socket, which sends it to log
  // in at once, saying why; its device key is gone too.
  await b.page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 30_000 });
  const notice = b.page.locator('vb-notices').getByText(/This browser was removed from the account/);
  await notice.waitFor();
  assert.is(await b.page.getByRole('button', { name: 'Unlock on this device' }).count(), 0);
  await b.page.reload();
  await b.page.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.is(await b.page.getByRole('button', { name: 'Unlock on this device' }).count(), 0, 'the device key is gone for good');
  assert.is(await b.page.getByRole('grid').count(), 0, 'no file name stays on screen');
  // The context's own cookie jar, asked from outside the page (so the 401 is not a console error there).
  assert.ok((await b.context.cookies()).some((c) => c.name === 'vb_session'), 'the browser still holds its cookie');
  assert.is((await b.context.request.get(`${relay.url}/api/v1/account`)).status(), 401, 'the session cookie no longer works on the relay');

  // The first browser goes on as before.
  await page.getByRole('link', { name: 'Files', exact: true }).click();
  assert.is(sha256(await downloadFromHome(page, 'data.bin')), sha256(files['data.bin']));
  assert.equal(a.problems, []);
  assert.equal(b.problems, []);
  await b.context.close();
});

test('a remembered browser that was locked when removed: "Unlock on this device" says why and leads to the password login', async () => {
  const c = await openApp(browser, `${relay.url}/login`);
  await logIn(c.page, login, newPassword, { remember: true });
  await c.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await c.page.getByRole('button', { name: 'Unlock on this device' }).waitFor();

  const { page } = a;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Manage all devices' }).click();
  const item = page.getByRole('list', { name: 'Devices' }).getByRole('listitem');
  await item.waitFor();
  const label = (await item.locator('strong').textContent())!;
  await page.getByRole('button', { name: `Remove ${label}` }).click();
  await page.getByRole('dialog', { name: `Remove ${label}?` }).getByRole('button', { name: 'Remove device' }).click();
  await page.getByText('No remembered devices').waitFor();

  await c.page.getByRole('button', { name: 'Unlock on this device' }).click();
  await c.page.getByRole('heading', { name: 'Log in' }).waitFor();
  const alert = c.page.locator('vb-login-page form [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent() ?? '', /Device removed\. This browser was removed from the account\. Log in with your password/);
  assert.is(await c.page.getByRole('button', { name: 'Unlock on this device' }).count(), 0);
  await logIn(c.page, login, newPassword);
  await row(filesGrid(c.page, 'Home'), 'notes.txt').waitFor();
  assert.equal(c.problems, []);
  await c.context.close();
});

test.run();
