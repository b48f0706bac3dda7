// The warning banner of the real PWA against the real relay: a sign-up cut short before the recovery
// key was confirmed leaves a vault whose header says no recovery key is saved, and its one button leads
// to a new key whose confirmation (kept on the relay) removes the alert for good; a remembered device
// says that the browser opens the vault without a password, and "Forget this device" removes the key
// here and on the relay, and the alert with it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { PwaRelay } from './support/pwa-relay.js';
import { startPwaSession, type PwaSession } from './support/pwa-session.js';
import { filesGrid, logIn, readDownload, strongPassword, waitForAnnouncement, withoutSavePicker, type AppPage } from './support/pwa-page.js';

const login = 'hasty';
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

let session: PwaSession;

test.before(async () => {
  session = await startPwaSession();
  ({ relay, browser, app } = session);
  await withoutSavePicker(app.context);
});

test.after(async () => {
  await session?.close();
});

const noKeyAlert = () => app.page.getByRole('alert').filter({ hasText: 'No recovery key saved.' });
const deviceAlert = () => app.page.getByRole('alert').filter({ hasText: 'This browser opens your vault without a password.' });

async function unlockWithPassword(): Promise<void> {
  const { page } = app;
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await filesGrid(page, 'Home').waitFor({ timeout: 60_000 });
}

async function logOut(): Promise<void> {
  const { page } = app;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

test('a sign-up left before confirming the key: the alert says what is at risk; saving a new key removes it for good', async () => {
  const { page } = app;
  await page.goto(`${relay.url}/signup`);
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByLabel('Password again').fill(strongPassword);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your recovery key' }).waitFor({ timeout: 60_000 });
  // The user leaves without confirming: the tab is reloaded on the files page, the keys are gone.
  await page.goto(`${relay.url}/files`);
  await unlockWithPassword();
  await noKeyAlert().waitFor();
  assert.match(await noKeyAlert().innerText(), /If you forget your password, nobody can open your files/);
  assert.is(await deviceAlert().count(), 0);

  await noKeyAlert().getByRole('button', { name: 'Save a recovery key' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download key file' }).click()]);
  const keyFileText = await readDownload(download);
  assert.ok(await noKeyAlert().isVisible(), 'the alert stays until the key is confirmed saved');
  await page.getByLabel(/I saved my recovery key/).check();
  await page.getByRole('button', { name: 'I saved it' }).click();
  await noKeyAlert().waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /Recovery key saved\. The warning is gone/);
  await page.getByText('You confirmed saving a recovery key.').waitFor();

  // The confirmation is on the relay (the root folder's settings), and the new key is the one that works.
  await logOut();
  await page.getByRole('button', { name: 'Recovery key' }).click();
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Key file').setInputFiles({ name: 'veilbox-recovery-key.txt', mimeType: 'text/plain', buffer: Buffer.from(keyFileText) });
  await page.getByText('Using veilbox-recovery-key.txt').waitFor();
  await page.getByRole('button', { name: 'Log in' }).click();
  await filesGrid(page, 'Home').waitFor({ timeout: 60_000 });
  assert.is(await noKeyAlert().count(), 0);
  assert.equal(app.problems, []);
});

test('a remembered device: the alert says anyone using this browser can read the files; "Forget this device" ends that', async () => {
  const { page } = app;
  await logOut();
  await logIn(page, login, strongPassword, { remember: true });
  await deviceAlert().waitFor();
  assert.match(await deviceAlert().innerText(), /Anyone who uses it can read your files/);
  assert.is(await noKeyAlert().count(), 0);
  // The alert stays on every page of the unlocked vault, and across a lock opened with the device key.
  await page.getByRole('link', { name: 'Settings' }).click();
  await deviceAlert().waitFor();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Unlock on this device' }).click();
  await deviceAlert().waitFor();

  await deviceAlert().getByRole('button', { name: 'Forget this device' }).click();
  await deviceAlert().waitFor({ state: 'detached' });
  await waitForAnnouncement(page, /This device is forgotten/);
  await page.getByRole('link', { name: 'Settings' }).click();
  assert.is(await page.getByRole('checkbox', { name: /Remember this device/ }).isChecked(), false);
  // Gone on the relay too, and a lock now asks for the password.
  await page.getByRole('link', { name: 'Manage all devices' }).click();
  await page.getByText('No remembered devices.').waitFor();
  await page.getByRole('link', { name: 'Files', exact: true }).click();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  assert.is(await page.getByRole('button', { name: 'Unlock on this device' }).count(), 0);
  await unlockWithPassword();
  assert.is(await deviceAlert().count(), 0);
  assert.equal(app.problems, []);
});

test.run();
