// E2E: pairing the helper from the real PWA in Chromium against the real relay process. Devices page →
// "Add a computer" → the code → the helper CLI (a real process) claims it → both show the same
// verification code → "Codes match" → the computer is listed, and its stored key opens the vault with
// no password. A second offer whose claim the user says differs is removed from the account.
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { VaultCore } from '../../worker/src/client/vault-core.js';
import { FileDeviceStore } from '../../windows-helper/src/device-store-file.js';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { openApp, signUp, type AppPage } from './support/pwa-page.js';
import { helperHomeDir, runHelper } from './helper-support.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
const homes: string[] = [];

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

async function openPairing(): Promise<string> {
  const { page } = app;
  await page.getByRole('button', { name: 'Add a computer' }).click();
  const code = page.getByLabel('Pairing code');
  await code.waitFor({ timeout: 30_000 });
  await page.getByRole('img', { name: 'QR code of the pairing code' }).waitFor();
  return (await code.innerText()).trim();
}

test('Add a computer: the helper claims the code, both show the same digits, confirm, then no password is needed', async () => {
  const { page } = app;
  await signUp(page, relay.url, 'pc-owner');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Manage all devices' }).click();
  await page.getByRole('heading', { name: 'Devices' }).waitFor();

  const code = await openPairing();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const home = helperHomeDir();
  homes.push(home);
  const run = await runHelper(home, ['pair', '--relay', relay.url, '--code', code, '--name', 'Office PC']);
  assert.is(run.code, 0, run.stderr + run.stdout);
  const helperDigits = run.stdout.match(/Verification code: (\d{3}) (\d{3})/)!.slice(1).join('');
  const shown = page.getByLabel('Verification code');
  await shown.waitFor({ timeout: 30_000 });
  assert.is((await shown.innerText()).trim(), helperDigits);
  await page.getByRole('button', { name: 'Codes match' }).click();
  await page.getByText(/^Paired\./).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('list', { name: 'Devices' }).getByText('Office PC').waitFor();

  // The helper's stored key opens the vault with no password and sees the account's tree.
  const core = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new FileDeviceStore(home), webSocket: null });
  assert.is((await core.unlockWithDevice()).state, 'unlocked');
  assert.ok((await core.listTree()).rootId);
  await core.lock();
});

test('"Codes differ" removes the computer that used the code', async () => {
  const { page } = app;
  const code = await openPairing();
  const home = helperHomeDir();
  homes.push(home);
  const run = await runHelper(home, ['pair', '--relay', relay.url, '--code', code, '--name', 'Stranger PC']);
  assert.is(run.code, 0, run.stderr);
  await page.getByLabel('Verification code').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Codes differ' }).click();
  await page.getByText(/the computer that used the code was removed/).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  const core = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new FileDeviceStore(home), webSocket: null });
  try {
    await core.unlockWithDevice();
    assert.unreachable('a rejected computer opened the vault');
  } catch (error) {
    assert.match((error as Error).message, /removed from the account/);
  }
  assert.is(await page.getByRole('list', { name: 'Devices' }).getByText('Stranger PC').count(), 0);
});

test.run();
