// `npm run bench -- zip [--mib N] [--files F] [--rounds R]`: "Download as ZIP" of a vault folder of F files
// (default 4) totalling N MiB (default 256) through the PWA in headless Chromium, into a file from the save
// dialog (a file in the origin-private file system stands in for the picked one), against plain `fetch`
// GETs of the same files' blobs, one after another into one such file, from a second tab of the same
// origin (the bytes a ZIP of stored entries is made of, without decrypting). R rounds (default 3), each
// with its own baseline; the median ratio is the figure. VEILBOX_BENCH_CPU_PROF=DIR writes CPU profiles of
// the page's workers during each UI ZIP into DIR.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesGrid, row, waitForAnnouncement, withOpfsSavePicker } from '../test/e2e/support/pwa-page.js';
import { noiseBytes } from '../test/e2e/support/sample-files.js';
import { openBenchApp } from './bench-app.js';
import { median } from './median.js';
import { option } from './options.js';
import { BENCH_FILE_INPUT, fetchDownload, fetchUpload } from './plain-fetch.js';

const MiB = 1024 * 1024;
const mib = option('mib', 256);
const fileCount = option('files', 4);
const rounds = option('rounds', 3);

const work = mkdtempSync(join(tmpdir(), 'vb-bench-zip-'));
const folder = join(work, 'bench-folder');
mkdirSync(folder);
const paths: string[] = [];
for (let i = 0; i < fileCount; i++) {
  paths.push(join(folder, `part-${i}.bin`));
  writeFileSync(paths[i], noiseBytes(Math.floor((mib * MiB) / fileCount), i + 1));
}
const bytes = paths.reduce((n, p) => n + readFileSync(p).length, 0);

const { page, basePage, profiler, close } = await openBenchApp(work, 'bench-zip');
try {
  await page.locator('vb-files-page input#pick-folder').setInputFiles(folder);
  await page.getByRole('button', { name: `Upload ${fileCount} files` }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60 * 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  await withOpfsSavePicker(page);

  // The baseline's copies of the files, uploaded plainly from its own tab.
  await basePage.setInputFiles(`#${BENCH_FILE_INPUT}`, paths);
  const blobIds: string[] = [];
  for (let i = 0; i < fileCount; i++) blobIds.push(await fetchUpload(basePage, i));

  console.log(`ZIP of a ${mib} MiB folder (${fileCount} files) through the PWA into a picked file, against plain fetch GETs of the same blobs into one file; ${rounds} rounds`);
  const ratios: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    await basePage.bringToFront();
    let started = performance.now();
    const plainSize = await fetchDownload(basePage, blobIds);
    const plainS = (performance.now() - started) / 1000;

    await page.bringToFront();
    await row(filesGrid(page, 'Home'), 'bench-folder').click();
    await page.locator('vb-details-panel h2', { hasText: 'bench-folder' }).waitFor();
    await profiler?.start();
    started = performance.now();
    await page.getByRole('button', { name: 'Download as ZIP' }).click();
    await waitForAnnouncement(page, /bench-folder saved/, 60 * 60_000);
    const zipS = (performance.now() - started) / 1000;
    await profiler?.stop(`zip-${r}`);
    const zipSize = await page.evaluate(async () => {
      const dir = await navigator.storage.getDirectory();
      const size = (await (await dir.getFileHandle('bench-folder.zip')).getFile()).size;
      for (const name of ['bench-folder.zip', 'plain-download']) await dir.removeEntry(name);
      return size;
    });
    if (plainSize < bytes || zipSize < bytes) throw new Error(`short output: plain ${plainSize}, ZIP ${zipSize}, files ${bytes}`);
    ratios.push(plainS / zipS);
    console.log(` round ${r}: plain GETs ${plainS.toFixed(2)} s (${(mib / plainS).toFixed(1)} MiB/s), ZIP through the UI ${zipS.toFixed(2)} s (${(mib / zipS).toFixed(1)} MiB/s), ratio ${(plainS / zipS).toFixed(2)}`);
  }
  console.log(`  median ratio ${median(ratios).toFixed(2)} (ZIP through the UI / plain GETs, higher is better)`);
} finally {
  await close();
  rmSync(work, { recursive: true, force: true });
}
