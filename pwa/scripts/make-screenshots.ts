// Takes the manifest's screenshots (pwa/public/screenshots/wide.png 1280×800, narrow.png 390×844) from
// the built app in headless Chromium: a real relay on a temporary data folder, a demo account, a few
// sample files. Run `npm run build && npm run make-screenshots`; the PNGs are committed, so a build
// never needs a browser.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../test/support/chromium.js';
import { startRelay } from '../../test/relay/support/relay-process.js';
import { filesGrid, newAppContext, row, signUp } from '../../test/e2e/support/pwa-page.js';
import { pdfBytes, pngBytes } from '../../test/e2e/support/sample-files.js';

const outDir = new URL('../public/screenshots/', import.meta.url).pathname;
const FORM_FACTORS = [
  { file: 'wide.png', viewport: { width: 1280, height: 800 } },
  { file: 'narrow.png', viewport: { width: 390, height: 844 } },
] as const;

const work = mkdtempSync(join(tmpdir(), 'vb-screenshots-'));
const dataDir = join(work, 'data');
const filesDir = join(work, 'files');
mkdirSync(dataDir);
mkdirSync(join(filesDir, 'Holiday 2026'), { recursive: true });
writeFileSync(join(filesDir, 'Holiday 2026', 'beach.png'), pngBytes(320, 200));
writeFileSync(join(filesDir, 'Holiday 2026', 'tickets.pdf'), pdfBytes('Veilbox sample'));
writeFileSync(join(filesDir, 'Tax return 2025.pdf'), pdfBytes('Veilbox sample'));
writeFileSync(join(filesDir, 'Passport scan.png'), pngBytes(600, 400));
writeFileSync(join(filesDir, 'Notes.txt'), 'Renew the car insurance before March.\n');

const relay = await startRelay(dataDir, ['--scrypt-cost', '10', '--open-signup']);
const browser = await launchChromium();
try {
  const context = await newAppContext(browser, { viewport: FORM_FACTORS[0].viewport });
  const page = await context.newPage();
  await signUp(page, relay.url, 'alex');
  for (const [input, path] of [['pick-folder', join(filesDir, 'Holiday 2026')], ['pick-files', [join(filesDir, 'Tax return 2025.pdf'), join(filesDir, 'Passport scan.png'), join(filesDir, 'Notes.txt')]]] as const) {
    await page.locator(`vb-files-page input#${input}`).setInputFiles(path);
    await page.getByRole('button', { name: /^Upload \d+ files?$/ }).click();
    await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Done' }).click();
  }
  mkdirSync(outDir, { recursive: true });
  for (const { file, viewport } of FORM_FACTORS) {
    await page.setViewportSize(viewport);
    await row(filesGrid(page, 'Home'), 'Notes.txt').waitFor();
    // Let the layout settle into the new size before the picture.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(outDir, file) });
    console.log(`wrote pwa/public/screenshots/${file} (${viewport.width}×${viewport.height})`);
  }
} finally {
  await browser.close();
  await relay.stop();
  rmSync(work, { recursive: true, force: true });
}
