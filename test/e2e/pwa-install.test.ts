// Installable, through the real PWA and relay: the served web app manifest carries every field an
// install needs (id, names, description, regular and maskable PNG icons of the sizes they claim, wide
// and narrow screenshots, standalone display, colours, the share target) and the page links it; the
// "Install Veilbox" button appears only once the browser offers installation (a synthetic
// beforeinstallprompt with a stubbed prompt()) and calls prompt(); Safari's steps open in a dialog; the
// About dialog shows this build's hash; Settings show this device's storage and the offline copies'
// size, and "Free offline copies" empties them; a device out of storage says so in words.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { pwaDist } from './support/pwa-build.js';
import { filesGrid, logIn, newAppContext, openApp, row, signUp, waitForAnnouncement, watchPage, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';
import { pngSize } from '../../pwa/scripts/png.js';

interface ManifestImage { src: string; sizes: string; type: string; purpose?: string; form_factor?: string; label?: string }
interface Manifest {
  id?: string; name?: string; short_name?: string; description?: string; start_url?: string; scope?: string; display?: string;
  theme_color?: string; background_color?: string; icons?: ManifestImage[]; screenshots?: ManifestImage[];
  share_target?: { action?: string; method?: string; enctype?: string };
}

const work = mkdtempSync(join(tmpdir(), 'vb-pwa-install-'));
const keptFile = join(work, 'keep-me.bin');
const bigFile = join(work, 'too-big.bin');
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  writeFileSync(keptFile, noiseBytes(300_000, 7));
  writeFileSync(bigFile, noiseBytes(3 * 1024 * 1024, 9));
  relay = await startPwaRelay();
  browser = await launchChromium();
  app = await openApp(browser, relay.url);
  await signUp(app.page, relay.url, 'installer');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function fetchPng(path: string): Promise<{ width: number; height: number }> {
  const response = await fetch(new URL(path, relay.url));
  assert.is(response.status, 200, `${path} is served`);
  assert.is(response.headers.get('content-type'), 'image/png', `${path} is a PNG`);
  return pngSize(new Uint8Array(await response.arrayBuffer()));
}

function sizeOf(image: ManifestImage): { width: number; height: number } {
  const [width, height] = image.sizes.split('x').map(Number);
  return { width, height };
}

test('the page links a manifest with every field an install needs, and its images are PNGs of the sizes it claims', async () => {
  const href = await app.page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=manifest]')?.href ?? '');
  assert.ok(href, 'index.html links a manifest');
  const response = await fetch(href);
  assert.is(response.status, 200);
  const m = await response.json() as Manifest;
  assert.is(m.id, '/');
  assert.is(m.name, 'Veilbox');
  assert.is(m.short_name, 'Veilbox');
  assert.ok((m.description ?? '').length > 20, 'a description');
  assert.is(m.start_url, '/');
  assert.is(m.display, 'standalone');
  assert.match(m.theme_color ?? '', /^#[0-9a-f]{6}$/i);
  assert.match(m.background_color ?? '', /^#[0-9a-f]{6}$/i);
  assert.is(m.share_target?.action, '/share-target', 'the share target is kept');
  assert.is(m.share_target?.method, 'POST');

  const icons = m.icons ?? [];
  for (const purpose of ['any', 'maskable']) {
    for (const side of [192, 512]) {
      const icon = icons.find((i) => (i.purpose ?? 'any').split(' ').includes(purpose) && i.sizes === `${side}x${side}`);
      assert.ok(icon, `a ${purpose} icon of ${side}×${side}`);
      assert.is(icon.type, 'image/png');
    }
  }
  for (const icon of icons) assert.equal(await fetchPng(icon.src), sizeOf(icon), `${icon.src} is ${icon.sizes}`);

  const screenshots = m.screenshots ?? [];
  const wide = screenshots.find((s) => s.form_factor === 'wide');
  const narrow = screenshots.find((s) => s.form_factor === 'narrow');
  assert.ok(wide && narrow, 'a wide and a narrow screenshot');
  assert.is(wide.sizes, '1280x800');
  assert.is(narrow.sizes, '390x844');
  for (const shot of [wide, narrow]) {
    assert.ok(shot.label, 'each screenshot has a label');
    assert.equal(await fetchPng(shot.src), sizeOf(shot), `${shot.src} is ${shot.sizes}`);
  }

  const touchIcon = await app.page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=apple-touch-icon]')?.getAttribute('href') ?? '');
  assert.equal(await fetchPng(touchIcon), { width: 180, height: 180 }, 'Safari\'s home-screen icon');
});

test('"Install Veilbox" shows only once the browser offers it, and opens the browser\'s install dialog', async () => {
  const { page } = app;
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'App' }).waitFor();
  const install = page.getByRole('button', { name: 'Install Veilbox' });
  assert.is(await install.count(), 0, 'no button while the browser offers nothing');

  // A string, not a function: tsx would name the stub's arrow functions through a helper the page lacks.
  const prevented = await page.evaluate(`(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    window.installCalls = { prompt: 0 };
    offer.prompt = () => { window.installCalls.prompt++; return Promise.resolve(); };
    offer.userChoice = Promise.resolve({ outcome: 'accepted', platform: 'web' });
    window.dispatchEvent(offer);
    return offer.defaultPrevented;
  })()`);
  assert.ok(prevented, 'the app keeps the offer for its own button');
  await install.click();
  await waitForAnnouncement(page, /Veilbox is installed/);
  assert.is(await page.evaluate(() => (window as unknown as { installCalls: { prompt: number } }).installCalls.prompt), 1, 'prompt() called once');
  // An offer is good for one prompt(): the button goes with it.
  await install.waitFor({ state: 'detached' });
});

test('Safari\'s Home Screen and Dock steps open in a dialog with drawings', async () => {
  const { page } = app;
  await page.getByRole('button', { name: /Add to Home Screen or Dock/ }).click();
  const dialog = page.getByRole('dialog', { name: /Add Veilbox to your Home Screen or Dock/ });
  await dialog.waitFor();
  const ios = dialog.getByRole('list', { name: 'Steps on iPhone and iPad' });
  assert.is(await ios.getByRole('listitem').count(), 3);
  assert.match(await ios.innerText(), /Add to Home Screen/);
  assert.match(await dialog.getByRole('list', { name: 'Steps on a Mac' }).innerText(), /Add to Dock/);
  assert.ok(await dialog.locator('svg').count() >= 5, 'each step has a drawing');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(app.problems.every((p) => !/CSP violation/.test(p)), app.problems.join('\n'));
});

test('About shows the build hash of the build this relay serves', async () => {
  const { page } = app;
  const expected = (JSON.parse(readFileSync(join(pwaDist, 'build-info.json'), 'utf8')) as { buildHash: string }).buildHash;
  await page.getByRole('button', { name: /About this version/ }).click();
  const dialog = page.getByRole('dialog', { name: 'About Veilbox' });
  const hash = dialog.locator('[data-build-hash]');
  await hash.waitFor();
  assert.is((await hash.innerText()).trim(), expected);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('Settings show this device\'s storage and the offline copies; "Free offline copies" empties them', async () => {
  const { page } = app;
  await page.getByRole('link', { name: 'Files' }).click();
  await page.locator('vb-files-page input#pick-files').setInputFiles(keptFile);
  await page.getByRole('button', { name: /^Upload 1 file$/ }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Home'), 'keep-me.bin').click();
  await page.getByRole('checkbox', { name: /Available offline/ }).check();
  await waitForAnnouncement(page, /Available offline: 1 file kept on this device/, 60_000);

  await page.getByRole('link', { name: 'Settings' }).click();
  const device = page.locator('vb-settings-page [data-device-storage]');
  await device.waitFor();
  const text = await device.innerText();
  const estimate = await page.evaluate(() => navigator.storage.estimate());
  assert.match(text, /^Veilbox uses \S+ \S+ of the \S+ \S+ this browser allows it\.$/);
  assert.ok((estimate.usage ?? 0) > 300_000, 'the estimate counts the offline copy');
  assert.ok(await page.getByRole('progressbar', { name: 'Device storage used' }).count() === 1);
  const copies = page.locator('vb-settings-page [data-offline-copies]');
  await copies.filter({ hasText: /^Offline copies: 1 file, \d/ }).waitFor();

  await page.getByRole('button', { name: 'Free offline copies' }).click();
  await copies.filter({ hasText: 'No offline copies are kept on this device.' }).waitFor();
  await waitForAnnouncement(page, /Offline copies removed from this device/);
  assert.is(await page.getByRole('button', { name: 'Free offline copies' }).isDisabled(), true);

  // The file's switch agrees: nothing is kept for it any more.
  await page.getByRole('link', { name: 'Files' }).click();
  await row(filesGrid(page, 'Home'), 'keep-me.bin').click();
  await page.waitForFunction(() => {
    const toggle = document.querySelector('vb-app')?.shadowRoot?.querySelector('vb-files-page')?.shadowRoot?.querySelector('vb-details-panel')?.shadowRoot?.querySelector('vb-offline-toggle');
    const box = toggle?.shadowRoot?.querySelector('input');
    return box instanceof HTMLInputElement && !box.checked;
  });
});

test('a device out of storage says so in words when a file is made available offline', async () => {
  await app.page.locator('vb-files-page input#pick-files').setInputFiles(bigFile);
  await app.page.getByRole('button', { name: /^Upload 1 file$/ }).click();
  await app.page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await app.page.getByRole('button', { name: 'Done' }).click();
  // A second browser profile whose storage quota for the site Chromium cuts to 2.5 MB before the first
  // use (the quota is read once per site): room for the app shell, not for a 3 MB offline copy.
  const context = await newAppContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(relay.url).origin, quotaSize: 2.5 * 1024 * 1024 });
  const problems: string[] = [];
  watchPage(page, problems);
  await page.goto(relay.url);
  await logIn(page, 'installer');
  await row(filesGrid(page, 'Home'), 'too-big.bin').click();
  await page.getByRole('checkbox', { name: /Available offline/ }).check();
  await page.locator('vb-notices').filter({ hasText: /This device is out of storage space/ }).waitFor({ timeout: 60_000 });
  // The pin is taken back with the failed copy: the switch is off again.
  const toggle = page.getByRole('checkbox', { name: /Available offline/ });
  for (let tries = 0; await toggle.isChecked() && tries < 300; tries++) await page.waitForTimeout(100);
  assert.is(await toggle.isChecked(), false, 'the switch is off after the failed copy');
  assert.ok(problems.every((p) => !/CSP violation|Uncaught/.test(p)), problems.join('\n'));
  await context.close();
});

test.run();
