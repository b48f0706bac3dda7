// E2E: a paired helper's sync settings from the web, in Chromium with the real PWA, the real relay
// process and the real helper CLI. The Devices page shows the helper's state after a pass; choosing
// another vault folder there makes the running helper sync that folder; "Pause sync" stops it (a file
// added in the folder is not sent) and "Resume sync" sends it; a mass deletion waits for an answer in
// the page ("Keep them" brings the files back, "Remove them" trashes them in the vault); the relay's
// data folder holds no folder name; removing the helper stops it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { openApp, signUp, strongPassword, type AppPage } from './support/pwa-page.js';
import { loggedIn, vaultFiles } from './support/sync-device.js';
import { helperHomeDir, runHelper, startHelper, waitFor, type HelperProcess } from './helper-support.js';
import { readStatus } from '../../windows-helper/src/status-file.js';

let relay: PwaRelay;
let browser: Browser;
let app: AppPage;
let owner: VaultCore;
let helper: HelperProcess | null = null;
const home = helperHomeDir();
const folder = mkdtempSync(join(tmpdir(), 'veilbox-helper-settings-'));
const LABEL = 'Studio PC';

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
});

test.after(async () => {
  if (helper && helper.child.exitCode === null) { helper.child.kill('SIGKILL'); await helper.exited; }
  await owner?.lock().catch(() => undefined);
  await browser?.close();
  await relay?.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

const stateText = () => app.page.getByRole('status', { name: `Sync state of ${LABEL}` });
const folderId = async (name: string) => (await owner.listTree()).nodes.find((n) => n.name === name && n.type === 'folder' && !n.trashed)!.id;

/** Every file under the relay's data folder (SQLite database and its journal, blobs), read whole. */
function relayBytes(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...relayBytes(path));
    else out.push(readFileSync(path));
  }
  return out;
}

test('the Devices page shows, steers, pauses and answers the running helper', async () => {
  const { page } = app;
  await signUp(page, relay.url, 'studio-owner');
  owner = await loggedIn({ baseUrl: relay.url, dataDir: relay.dataDir, close: async () => undefined }, 'studio-owner', strongPassword, false);
  await owner.createFolder((await owner.listTree()).rootId, 'Quarterly Accounts');
  await owner.createFolder((await owner.listTree()).rootId, 'Holiday Pictures');

  // Pair through "Add a computer".
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Manage all devices' }).click();
  await page.getByRole('heading', { name: 'Devices' }).waitFor();
  await page.getByRole('button', { name: 'Add a computer' }).click();
  const codeText = page.getByLabel('Pairing code');
  await codeText.waitFor({ timeout: 30_000 });
  const paired = await runHelper(home, ['pair', '--relay', relay.url, '--code', (await codeText.innerText()).trim(), '--name', LABEL, '--folder', folder]);
  assert.is(paired.code, 0, paired.stderr + paired.stdout);
  await page.getByLabel('Verification code').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Codes match' }).click();
  await page.getByRole('button', { name: 'Done' }).click();

  // Started without --folder: the folder remembered by `pair --folder`.
  writeFileSync(join(folder, 'ledger.txt'), 'ledger');
  // A full rescan every 20 s as well: a watcher event lost on a busy machine is caught well within the waits below.
  helper = startHelper(home, ['sync', '--vault-folder', 'Quarterly Accounts', '--rescan-seconds', '20']);
  await stateText().waitFor({ timeout: 120_000 });
  await waitFor('"Up to date" in the page', async () => (await stateText().innerText()) === 'Up to date', 120_000, 250);
  assert.match(await page.getByLabel(`Totals of ${LABEL}`).innerText(), /sent 1,/);
  assert.is(await page.getByLabel(`Vault folder of ${LABEL}`).innerText(), 'Home / Quarterly Accounts');
  assert.equal(await vaultFiles(owner, await folderId('Quarterly Accounts')), { 'ledger.txt': 'ledger' });

  // Another vault folder, chosen in the page: the helper syncs it (the folder's file lands there).
  await page.getByRole('button', { name: 'Choose vault folder…' }).click();
  await page.getByRole('option', { name: 'Home / Holiday Pictures' }).click();
  await page.getByRole('button', { name: 'Sync this folder' }).click();
  await waitFor('the helper on the new folder', () => readStatus(home)?.vaultFolder === 'Holiday Pictures', 60_000);
  const pictures = await folderId('Holiday Pictures');
  await waitFor('ledger.txt in Holiday Pictures', async () => (await vaultFiles(owner, pictures))['ledger.txt'] === 'ledger', 60_000, 500);
  await waitFor('the page naming the new folder', async () => (await page.getByLabel(`Vault folder of ${LABEL}`).innerText()) === 'Home / Holiday Pictures', 30_000);

  // Pause: a file added in the folder is seen but not sent; resume sends it.
  await waitFor('"Up to date" again', async () => (await stateText().innerText()) === 'Up to date', 60_000, 250);
  await page.getByRole('button', { name: 'Pause sync' }).click();
  await waitFor('"Paused" in the page', async () => (await stateText().innerText()) === 'Paused', 60_000, 250);
  assert.is(readStatus(home)?.state, 'paused');
  writeFileSync(join(folder, 'beach.txt'), 'sand');
  await waitFor('the watcher seeing beach.txt', () => helper!.output().includes('Change seen (folder) while paused'), 60_000);
  // A pass would start half a second after the change; give it ample time to show it didn't.
  await new Promise((r) => setTimeout(r, 3000));
  assert.not.ok('beach.txt' in await vaultFiles(owner, pictures), 'nothing is sent while paused');
  await page.getByRole('button', { name: 'Resume sync' }).click();
  await waitFor('beach.txt in the vault after resume', async () => (await vaultFiles(owner, pictures))['beach.txt'] === 'sand', 60_000, 500);
  await waitFor('"Up to date" after resume', async () => (await stateText().innerText()) === 'Up to date', 60_000, 250);

  // A mass deletion waits for an answer in the page: "Keep them" brings the files back…
  for (let i = 0; i < 6; i++) writeFileSync(join(folder, `shot${i}.txt`), `shot ${i}`);
  await waitFor('the shots in the vault', async () => Object.keys(await vaultFiles(owner, pictures)).length === 8, 60_000, 500);
  // The pass that sent them has ended (so its base knows them): deleted before that, on a busy machine, they
  // would be files the base never agreed on, and the next pass would bring them back instead of asking.
  await waitFor('the pass that sent the shots over', () => readStatus(home)?.state === 'idle', 60_000, 100);
  for (let i = 0; i < 6; i++) rmSync(join(folder, `shot${i}.txt`));
  const ask = page.getByRole('group', { name: `Deletions waiting for ${LABEL}` });
  await ask.waitFor({ timeout: 60_000 });
  assert.match(await ask.innerText(), /would remove 6 files/);
  assert.is(await stateText().innerText(), 'Waiting for your answer');
  await ask.getByRole('button', { name: 'Keep them' }).click();
  await waitFor('the shots back in the folder', () => [0, 1, 2, 3, 4, 5].every((i) => existsSync(join(folder, `shot${i}.txt`))), 60_000, 250);
  assert.is(readFileSync(join(folder, 'shot3.txt'), 'utf8'), 'shot 3');
  // …and "Remove them" moves them to the vault's trash.
  await waitFor('"Up to date" after keeping', async () => (await stateText().innerText()) === 'Up to date', 60_000, 250);
  for (let i = 0; i < 6; i++) rmSync(join(folder, `shot${i}.txt`));
  await ask.waitFor({ timeout: 60_000 });
  await ask.getByRole('button', { name: 'Remove them' }).click();
  await waitFor('the shots gone from the vault folder', async () => Object.keys(await vaultFiles(owner, pictures)).length === 2, 60_000, 500);
  assert.ok((await owner.listTree()).nodes.filter((n) => n.trashed && /^shot\d\.txt$/.test(n.name)).length >= 6);

  // The relay stored the settings and status records, but no folder name or path.
  const stored = relayBytes(relay.dataDir);
  for (const secret of ['Holiday Pictures', 'Quarterly Accounts', folder, 'ledger.txt']) {
    assert.not.ok(stored.some((b) => b.includes(Buffer.from(secret))), `the relay's data holds "${secret}"`);
  }

  // Removing the helper stops it with the revoked message.
  await page.getByRole('button', { name: `Remove ${LABEL}` }).click();
  await page.getByRole('button', { name: 'Remove device' }).click();
  assert.is(await helper.exited, 3);
  assert.match(helper.output(), /removed from your vault/);
  await waitFor('the helper gone from the page', async () => await page.getByRole('list', { name: 'Devices' }).getByText(LABEL).count() === 0, 30_000);
});

test.run();
