// Live updates between two browser contexts on one account, through the real relay's WebSocket: a
// change made in one shows in the other within a second, without a reload (issue 4, "Live updates").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, logIn, openApp, row, signUp, type AppPage } from './support/pwa-page.js';

let relay: PwaRelay;
let browser: Browser;
let a: AppPage;
let b: AppPage;

test.before(async () => {
  relay = await startPwaRelay();
  browser = await launchChromium();
  a = await openApp(browser, relay.url);
  await signUp(a.page, relay.url, 'two-tabs');
  b = await openApp(browser, `${relay.url}/login`);
  await logIn(b.page, 'two-tabs');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Resolves the time (Date.now()) at which `locator` reached `state`, polling every 20 ms. */
async function seenAt(locator: Locator, state: 'visible' | 'detached'): Promise<number> {
  await locator.waitFor({ state, timeout: 30_000 });
  return Date.now();
}

test('a folder created in one context appears in the other within 1 s', async () => {
  const name = 'made in A';
  const inA = seenAt(row(filesGrid(a.page, 'Home'), name), 'visible');
  const inB = seenAt(row(filesGrid(b.page, 'Home'), name), 'visible');
  await a.page.getByRole('button', { name: 'New folder' }).click();
  await a.page.getByRole('textbox', { name: 'Folder name' }).fill(name);
  await a.page.getByRole('textbox', { name: 'Folder name' }).press('Enter');
  const [tA, tB] = await Promise.all([inA, inB]);
  console.log(`folder shown in B ${tB - tA} ms after A`);
  assert.ok(tB - tA < 1000, `B showed the folder ${tB - tA} ms after A`);
});

test('an upload, a rename and a delete in B show in A within 1 s each', async () => {
  const homeA = filesGrid(a.page, 'Home');
  const homeB = filesGrid(b.page, 'Home');
  let inA = seenAt(row(homeA, 'from B.txt'), 'visible');
  let inB = seenAt(row(homeB, 'from B.txt'), 'visible');
  await b.page.locator('vb-files-page input#pick-files').setInputFiles([{ name: 'from B.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from B') }]);
  await b.page.getByRole('button', { name: 'Upload 1 file' }).click();
  let [tA, tB] = await Promise.all([inA, inB]);
  assert.ok(tA - tB < 1000, `upload: A ${tA - tB} ms after B`);
  await b.page.getByRole('button', { name: 'Done' }).click();

  inA = seenAt(row(homeA, 'renamed in B.txt'), 'visible');
  inB = seenAt(row(homeB, 'renamed in B.txt'), 'visible');
  await row(homeB, 'from B.txt').click();
  await b.page.getByRole('button', { name: 'Rename' }).click();
  await b.page.getByRole('textbox', { name: 'New name' }).fill('renamed in B.txt');
  await b.page.getByRole('textbox', { name: 'New name' }).press('Enter');
  [tA, tB] = await Promise.all([inA, inB]);
  assert.ok(tA - tB < 1000, `rename: A ${tA - tB} ms after B`);

  inA = seenAt(row(homeA, 'renamed in B.txt'), 'detached');
  inB = seenAt(row(homeB, 'renamed in B.txt'), 'detached');
  await b.page.getByRole('button', { name: 'Delete' }).click();
  [tA, tB] = await Promise.all([inA, inB]);
  assert.ok(tA - tB < 1000, `delete: A ${tA - tB} ms after B`);
  assert.equal(a.problems, []);
  assert.equal(b.problems, []);
});

test.run();
