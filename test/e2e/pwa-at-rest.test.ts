// Nothing readable at rest in the browser: after signing up on a remembered device, uploading a file,
// leaving an upload interrupted (its record names the file) and locking, every IndexedDB database of
// the origin is read back in full, with Web Storage and the service worker's caches. No file name,
// folder name, login password or plaintext appears in any of it; the only keys kept are CryptoKeys
// that can't be exported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, logIn, openApp, row, signUp, strongPassword, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';

const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-at-rest-'));
const secretText = 'CONFIDENTIAL PLAINTEXT of the quarterly numbers, never to be stored readable. '.repeat(50);
const files = {
  note: join(work, 'tax-return-2026.txt'),
  big: join(work, 'passport-scan-huge.bin'),
};
const folderName = 'Medical records';
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  writeFileSync(files.note, secretText);
  writeFileSync(files.big, noiseBytes(12 * MiB, 9));
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await signUp(app.page, relay.url, 'atrest');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface OriginDump { text: string; cryptoKeys: { extractable: boolean; algorithm: string }[]; databases: string[] }

/**
 * Everything the origin keeps: IndexedDB (every database, store, key and record), Web Storage, Cache
 * Storage, flattened to text (bytes as Latin-1). Sent as source text: tsx would wrap named helper
 * functions in a __name() call the page doesn't have.
 */
const dumpOriginSource = `(async () => {
  const cryptoKeys = [];
  const bytesText = (b) => Array.from(b, (c) => String.fromCharCode(c)).join('');
  const flatten = (value) => {
    if (value instanceof CryptoKey) { cryptoKeys.push({ extractable: value.extractable, algorithm: value.algorithm.name }); return '[CryptoKey]'; }
    if (value instanceof ArrayBuffer) return bytesText(new Uint8Array(value));
    if (ArrayBuffer.isView(value)) return bytesText(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof Blob) return '[Blob]';
    if (Array.isArray(value)) return value.map(flatten).join('\\n');
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => k + '=' + flatten(v)).join('\\n');
    return String(value);
  };
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const parts = [];
  const databases = (await indexedDB.databases()).map((d) => d.name).filter(Boolean);
  for (const name of databases) {
    const db = await request(indexedDB.open(name));
    for (const store of Array.from(db.objectStoreNames)) {
      parts.push(name + '/' + store + ': ' + flatten(await request(db.transaction(store).objectStore(store).getAllKeys())));
      parts.push(flatten(await request(db.transaction(store).objectStore(store).getAll())));
    }
    db.close();
  }
  for (const storage of [localStorage, sessionStorage]) for (let i = 0; i < storage.length; i++) parts.push(storage.key(i) + '=' + storage.getItem(storage.key(i)));
  for (const cacheName of await caches.keys()) {
    const cache = await caches.open(cacheName);
    for (const req of await cache.keys()) parts.push(cacheName + ' ' + req.url + ' ' + await (await cache.match(req)).text());
  }
  return { text: parts.join('\\n'), cryptoKeys, databases };
})()`;

async function dumpOrigin(page: AppPage['page']): Promise<OriginDump> {
  return page.evaluate(dumpOriginSource) as Promise<OriginDump>;
}

test('IndexedDB, Web Storage and caches hold no name, password or plaintext; keys only as non-extractable CryptoKeys', async () => {
  const { page, context } = app;
  // A folder and a file in it.
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('Folder name').fill(folderName);
  await page.getByRole('button', { name: 'Create' }).click();
  await row(filesGrid(page, 'Home'), folderName).dblclick();
  await page.locator('vb-files-page input#pick-files').setInputFiles(files.note);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, folderName), 'tax-return-2026.txt').waitFor();

  // An upload left interrupted: its kept record must hold the name only sealed.
  const partPut = /\/api\/v1\/uploads\/[^/]+\/parts\/(\d+)$/;
  const hanging: Route[] = [];
  await context.route(partPut, (route) => { hanging.push(route); });
  await page.locator('vb-files-page input#pick-files').setInputFiles(files.big);
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  while (hanging.length === 0) await page.waitForTimeout(50);

  // Log out and in again remembering this device, then lock: the device key and the wrapped token stay.
  await page.reload();
  await Promise.all(hanging.map((r) => r.abort().catch(() => undefined)));
  await context.unroute(partPut);
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('region', { name: 'Interrupted uploads' }).waitFor();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await logIn(page, 'atrest', strongPassword, { remember: true });
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Unlock on this device' }).waitFor();

  const dump = await dumpOrigin(page);
  assert.ok(dump.databases.includes('veilbox'), `the app's database exists: ${dump.databases.join(', ')}`);
  assert.ok(dump.text.length > 1000, 'something was kept (the sealed records), so the check reads real data');
  for (const secret of ['tax-return-2026', 'passport-scan-huge', folderName, 'CONFIDENTIAL PLAINTEXT', strongPassword]) {
    assert.not.ok(dump.text.includes(secret), `"${secret}" is readable at rest`);
  }
  assert.ok(dump.cryptoKeys.length >= 1, 'the remembered device keeps its key');
  assert.ok(dump.cryptoKeys.every((k) => !k.extractable), `every kept CryptoKey is non-extractable: ${JSON.stringify(dump.cryptoKeys)}`);
  assert.equal(app.problems.filter((p) => !/Failed to load resource|net::ERR_FAILED/.test(p)), []);
});

test.run();
