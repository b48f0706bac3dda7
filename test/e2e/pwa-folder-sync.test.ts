// Folder sync in the browser (issue 6) through the real UI, the real relay and the real crypto worker:
// context A's showDirectoryPicker is replaced (addInitScript) by one handing out an OPFS directory, so
// "Sync a folder…" pairs that directory with the vault's Home through the File System Access adapter;
// context B, on the same account, changes the vault through its own UI. Files written into the folder
// reach B, B's upload / rename / delete reach the folder, both sides editing one file give a conflict
// copy, a mass deletion pauses until confirmed, and the sync log's counts add up to what happened; after
// a reload and unlock the pair carries on from its kept handle and base without sending anything twice;
// a lapsed folder permission holds syncing until "Reconnect folder".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, logIn, newAppContext, openApp, row, rowNames, signUp, strongPassword, type AppPage } from './support/pwa-page.js';

let relay: PwaRelay;
let browser: Browser;
let a: AppPage;
let b: AppPage;

const WAIT = 90_000;

/*
 * In A's pages: the picker returns OPFS directory "picked", and window.__opfs reads and writes it
 * directly, as another program on the computer would. A string, so tsx adds nothing to it.
 */
const opfsScript = `
  window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true });
  window.__opfs = {
    async at(path, create) {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true });
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create });
      return { dir, name: parts[parts.length - 1] };
    },
    async write(path, text) {
      const { dir, name } = await this.at(path, true);
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(text);
      await w.close();
    },
    async read(path) {
      try {
        const { dir, name } = await this.at(path, false);
        return await (await (await dir.getFileHandle(name)).getFile()).text();
      } catch { return null; }
    },
    async remove(path) {
      const { dir, name } = await this.at(path, false);
      await dir.removeEntry(name, { recursive: true });
    },
    async list(dir, prefix) {
      dir = dir || await (await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true });
      const out = [];
      for await (const [name, child] of dir.entries()) {
        const path = prefix ? prefix + '/' + name : name;
        if (child.kind === 'directory') out.push(...await this.list(child, path)); else out.push(path);
      }
      return out.sort();
    },
  };
`;

const opfs = {
  write: (page: Page, path: string, text: string) => page.evaluate(`window.__opfs.write(${JSON.stringify(path)}, ${JSON.stringify(text)})`),
  read: (page: Page, path: string) => page.evaluate(`window.__opfs.read(${JSON.stringify(path)})`) as Promise<string | null>,
  remove: (page: Page, path: string) => page.evaluate(`window.__opfs.remove(${JSON.stringify(path)})`),
  list: (page: Page) => page.evaluate('window.__opfs.list()') as Promise<string[]>,
  /** Waits until the folder's file at `path` holds `text` (null: until it is gone). */
  async waitFor(page: Page, path: string, text: string | null): Promise<void> {
    const deadline = Date.now() + WAIT;
    let now: string | null = null;
    while (Date.now() < deadline) {
      now = await opfs.read(page, path);
      if (now === text) return;
      await page.waitForTimeout(200);
    }
    assert.unreachable(`"${path}" in the folder holds ${JSON.stringify(now)}, expected ${JSON.stringify(text)}`);
  },
};

interface Counts { sent: number; received: number; modified: number; moved: number; removed: number; conflicts: number; errors: number }

/** The sum of the counts of every pass the sync log shows (the page lists each pass's counts in words). */
async function logTotals(page: Page): Promise<Counts> {
  const lines = await page.locator('vb-sync-page ol.log li .counts').allInnerTexts();
  const sum: Counts = { sent: 0, received: 0, modified: 0, moved: 0, removed: 0, conflicts: 0, errors: 0 };
  for (const line of lines) {
    for (const key of Object.keys(sum) as (keyof Counts)[]) {
      const m = new RegExp(`(\\d+) ${key === 'conflicts' ? 'conflicts?' : key === 'errors' ? 'errors?' : key}`).exec(line);
      if (m) sum[key] += Number(m[1]);
    }
  }
  return sum;
}

async function waitForTotals(page: Page, want: Partial<Counts>): Promise<Counts> {
  const deadline = Date.now() + WAIT;
  let last = await logTotals(page);
  while (Date.now() < deadline) {
    last = await logTotals(page);
    if (Object.entries(want).every(([k, v]) => last[k as keyof Counts] === v)) return last;
    await page.waitForTimeout(250);
  }
  assert.unreachable(`sync log totals ${JSON.stringify(last)}, expected ${JSON.stringify(want)}`);
  return last;
}

async function uploadInB(name: string, text: string, replace = false): Promise<void> {
  await b.page.locator('vb-files-page input#pick-files').setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  if (replace) await b.page.getByRole('group', { name: new RegExp(`"${name}" already exists here`) }).getByLabel(/Replace/).check();
  await b.page.getByRole('button', { name: 'Upload 1 file' }).click();
  await b.page.getByRole('button', { name: 'Done' }).click();
}

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  const context = await newAppContext(browser);
  await context.addInitScript(opfsScript);
  a = await openApp(browser, relay.url, context);
  await signUp(a.page, relay.url, 'folder-sync');
  b = await openApp(browser, `${relay.url}/login`);
  await logIn(b.page, 'folder-sync');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

test('a picked folder and the vault\'s Home sync both ways, with a conflict copy, the mass-deletion pause and the log\'s counts', async () => {
  const home = filesGrid(b.page, 'Home');
  // Before pairing: a file in the vault, two in the folder.
  await uploadInB('from-vault.txt', 'made in the vault');
  await opfs.write(a.page, 'local.txt', 'made in the folder');
  await opfs.write(a.page, 'docs/nested.txt', 'nested v1');

  // Pair through the UI: Settings → Folder sync → Sync a folder… → Home.
  await a.page.getByRole('link', { name: 'Settings' }).click();
  await a.page.getByRole('link', { name: 'Folder sync…' }).click();
  await a.page.getByRole('button', { name: 'Sync a folder…' }).click();
  await a.page.getByRole('option', { name: 'Home', exact: true }).click();
  await a.page.getByRole('button', { name: 'Sync with this folder' }).click();
  const card = a.page.getByRole('region', { name: 'Sync of picked' });
  await card.waitFor({ timeout: WAIT });
  await card.getByRole('heading', { name: /^picked ↔ Home\b/ }).waitFor({ timeout: WAIT });

  await opfs.waitFor(a.page, 'from-vault.txt', 'made in the vault');
  await row(home, 'local.txt').waitFor({ timeout: WAIT });
  await row(home, 'docs').waitFor({ timeout: WAIT });
  let totals = await waitForTotals(a.page, { sent: 2, received: 1, errors: 0 });

  // The same folder twice: refused in words, the first pair untouched.
  await a.page.getByRole('button', { name: 'Sync a folder…' }).click();
  await a.page.getByRole('option', { name: 'Home', exact: true }).click();
  await a.page.getByRole('button', { name: 'Sync with this folder' }).click();
  await a.page.getByText('The folder "picked" is synced already. Stop that first to pair it with another vault folder.').waitFor({ timeout: WAIT });
  assert.is(await a.page.locator('vb-sync-page section.pair').count(), 1);

  // B's upload, rename and delete reach the folder.
  await uploadInB('from-b.txt', 'uploaded in B');
  await opfs.waitFor(a.page, 'from-b.txt', 'uploaded in B');
  await row(home, 'from-vault.txt').click();
  await b.page.getByRole('button', { name: 'Rename' }).click();
  await b.page.getByRole('textbox', { name: 'New name' }).fill('renamed-in-vault.txt');
  await b.page.getByRole('textbox', { name: 'New name' }).press('Enter');
  await opfs.waitFor(a.page, 'renamed-in-vault.txt', 'made in the vault');
  await opfs.waitFor(a.page, 'from-vault.txt', null);
  await row(home, 'local.txt').click();
  await b.page.getByRole('button', { name: 'Delete' }).click();
  await opfs.waitFor(a.page, 'local.txt', null);
  assert.ok((await opfs.list(a.page)).some((p) => p.startsWith('.veilbox-trash/') && p.endsWith('/local.txt')), `the deleted file is kept in .veilbox-trash: ${(await opfs.list(a.page)).join(', ')}`);
  totals = await waitForTotals(a.page, { sent: 2, received: 2, moved: 1, removed: 1, errors: 0 });

  // The folder's new and changed files reach the vault.
  await opfs.write(a.page, 'local-new.txt', 'new in the folder');
  await opfs.write(a.page, 'docs/nested.txt', 'nested v2, longer');
  await row(home, 'local-new.txt').waitFor({ timeout: WAIT });
  totals = await waitForTotals(a.page, { sent: 3, modified: 1, errors: 0 });

  // Both sides change one file while A is paused: the folder's version steps aside as a conflict copy.
  await opfs.write(a.page, 'conflict.txt', 'base');
  await row(home, 'conflict.txt').waitFor({ timeout: WAIT });
  await waitForTotals(a.page, { sent: 4 });
  await card.getByRole('button', { name: 'Pause', exact: true }).click();
  await card.locator('[data-state=paused]').waitFor({ timeout: WAIT });
  await opfs.write(a.page, 'conflict.txt', 'edited in the folder');
  await uploadInB('conflict.txt', 'edited in the vault', true);
  await card.getByRole('button', { name: 'Resume' }).click();
  await opfs.waitFor(a.page, 'conflict.txt', 'edited in the vault');
  const copies = (await opfs.list(a.page)).filter((p) => /^conflict \(conflict from .+ \d{4}-\d{2}-\d{2}\)\.txt$/.test(p));
  assert.is(copies.length, 1, `one conflict copy in ${(await opfs.list(a.page)).join(', ')}`);
  assert.is(await opfs.read(a.page, copies[0]), 'edited in the folder');
  await row(home, copies[0]).waitFor({ timeout: WAIT });
  totals = await waitForTotals(a.page, { conflicts: 1, errors: 0 });

  // Six of the folder's files removed at once: the pass pauses and lists them until confirmed.
  for (let i = 1; i <= 6; i++) await opfs.write(a.page, `bulk/${i}.txt`, `bulk ${i}`);
  await row(home, 'bulk').waitFor({ timeout: WAIT });
  const before = await waitForTotals(a.page, { sent: totals.sent + 6 });
  await opfs.remove(a.page, 'bulk');
  const alert = card.getByRole('alert');
  await alert.getByText('This pass would remove 6 files.').waitFor({ timeout: WAIT });
  assert.is(await alert.locator('ul.deletions li').count(), 6);
  assert.ok(await row(home, 'bulk').isVisible(), 'nothing is removed in the vault while paused');
  await alert.getByRole('button', { name: 'Remove these files…' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: 'Remove 6 files' }).click();
  await row(home, 'bulk').waitFor({ state: 'detached', timeout: WAIT });
  const after = await waitForTotals(a.page, { removed: before.removed + 6 });
  assert.is(after.errors, 0);
  assert.ok(await a.page.locator('vb-sync-page ol.log li[data-status=paused]').count() >= 1, 'the paused pass is in the log');
  console.log(`sync log totals: ${JSON.stringify(after)}`);
  assert.equal(a.problems, []);
  assert.equal(b.problems, []);
});

test('after a reload the pair resumes from its kept handle and base: only what changed meanwhile goes', async () => {
  const home = filesGrid(b.page, 'Home');
  const vaultBefore = (await rowNames(home)).sort();
  await a.page.reload();
  await a.page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: WAIT });
  await opfs.write(a.page, 'while-locked.txt', 'written while the vault was locked');
  await a.page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await row(home, 'while-locked.txt').waitFor({ timeout: WAIT });
  // Nothing else was sent again: the vault holds what it held, plus the one new file.
  assert.equal((await rowNames(home)).sort(), [...vaultBefore, 'while-locked.txt'].sort());
  const newest = a.page.getByRole('region', { name: 'Sync of picked' }).locator('ol.log li').first();
  await newest.locator('.counts').getByText('1 sent, 0 received, 0 modified, 0 moved, 0 removed, 0 conflicts, 0 errors').waitFor({ timeout: WAIT });
  assert.equal(a.problems, []);
});

test('a lapsed folder permission stops syncing until "Reconnect folder" gets it back on a click', async () => {
  const home = filesGrid(b.page, 'Home');
  const card = a.page.getByRole('region', { name: 'Sync of picked' });
  // The crypto worker is told the permission lapsed, as after a browser restart (OPFS itself never lapses).
  const crypto = a.page.workers().find((w) => w.url().includes('worker'));
  assert.ok(crypto, `the crypto worker among ${a.page.workers().map((w) => w.url()).join(', ')}`);
  await crypto.evaluate(`FileSystemHandle.prototype.realQueryPermission = FileSystemHandle.prototype.queryPermission;
    FileSystemHandle.prototype.queryPermission = async () => 'prompt';`);
  // A pass finds the permission lapsed: this click's, or a polling pass that got there first on a busy
  // machine (it disables "Sync now", so the click is given up then).
  await card.getByRole('button', { name: 'Sync now' }).click({ timeout: 5000 }).catch(() => undefined);
  await card.locator('[data-state=needs-permission]').waitFor({ timeout: WAIT });
  await opfs.write(a.page, 'after-permission.txt', 'waits for the permission');
  await a.page.waitForTimeout(1500);
  assert.is(await row(home, 'after-permission.txt').count(), 0, 'nothing is synced without permission');
  // The user grants it again (the page's requestPermission on the click; the worker sees it granted).
  await crypto.evaluate('FileSystemHandle.prototype.queryPermission = FileSystemHandle.prototype.realQueryPermission;');
  await card.getByRole('button', { name: 'Reconnect folder' }).click();
  await row(home, 'after-permission.txt').waitFor({ timeout: WAIT });
  await card.locator('[data-state=idle]').waitFor({ timeout: WAIT });
  assert.equal(a.problems, []);
});

test.run();
