// `npm run bench -- small-files [--files N] [--rounds R]`: upload of a folder of N small files (default 300,
// 4–64 KiB each, in 10 subfolders) through the PWA in headless Chromium (folder picker, crypto worker, blob
// batches, node records), against plain `fetch` of the same bytes to the same relay from a second tab: the
// files' bytes in `POST /blobs/batch` requests of up to 256 files or 8 MiB, two at a time (no encryption,
// no records: the least any client must send). R rounds (default 3), each into a folder of its own with
// its own baseline; the median ratio is the figure. VEILBOX_BENCH_CPU_PROF=DIR writes CPU profiles of the
// page and its workers during each UI upload into DIR.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noiseBytes } from '../test/e2e/support/sample-files.js';
import { openBenchApp } from './bench-app.js';
import { median } from './median.js';
import { option } from './options.js';
import { BENCH_FILE_INPUT } from './plain-fetch.js';

const fileCount = option('files', 300);
const rounds = option('rounds', 3);

const work = mkdtempSync(join(tmpdir(), 'vb-bench-small-'));
let bytes = 0;
const folders: { folder: string; paths: string[] }[] = [];
for (let r = 1; r <= rounds; r++) {
  const folder = join(work, `small-${r}`);
  const paths: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const dir = join(folder, `d${i % 10}`);
    mkdirSync(dir, { recursive: true });
    const size = 4096 + ((i * 7919) % (60 * 1024));
    if (r === 1) bytes += size;
    paths.push(join(dir, `f${i}.bin`));
    writeFileSync(paths[i], noiseBytes(size, r * 100_000 + i));
  }
  folders.push({ folder, paths });
}

/** Plain fetch: the input's files in blob batches (u32 count, u32 sizes, bytes), two requests at a time. */
async function plainBatches(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(async (id) => {
    const files = [...(document.getElementById(id) as HTMLInputElement).files!];
    const batches: File[][] = [[]];
    let weight = 0;
    for (const file of files) {
      if (batches[batches.length - 1].length === 256 || weight + file.size > 8 * 1024 * 1024) { batches.push([]); weight = 0; }
      batches[batches.length - 1].push(file);
      weight += file.size;
    }
    let stored = 0;
    let next = 0;
    // No named functions in here: the page does not have the helper the bundler adds for their names.
    await Promise.all([0, 1].map(async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const head = new DataView(new ArrayBuffer(4 + 4 * batch.length));
        head.setUint32(0, batch.length);
        batch.forEach((f, i) => head.setUint32(4 + 4 * i, f.size));
        const r = await fetch('/api/v1/blobs/batch', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Blob([head.buffer, ...batch]) });
        if (r.status !== 201) throw new Error(`batch: ${r.status}`);
        stored += ((await r.json()) as { blobs: unknown[] }).blobs.length;
      }
    }));
    return stored;
  }, BENCH_FILE_INPUT);
}

const { page, basePage, profiler, close } = await openBenchApp(work, 'bench-small');
try {
  console.log(`${fileCount} small files (${(bytes / 1024 / 1024).toFixed(1)} MiB, 4–64 KiB each, 10 subfolders) through the PWA's folder picker, against plain fetch blob batches of the same bytes; ${rounds} rounds`);
  const ratios: number[] = [];
  for (const [r, { folder, paths }] of folders.entries()) {
    await basePage.bringToFront();
    await basePage.setInputFiles(`#${BENCH_FILE_INPUT}`, paths);
    let started = performance.now();
    const stored = await plainBatches(basePage);
    const plainS = (performance.now() - started) / 1000;
    if (stored !== fileCount) throw new Error(`the baseline stored ${stored} blobs`);

    await page.bringToFront();
    await page.locator('vb-files-page input#pick-folder').setInputFiles(folder);
    await profiler?.start();
    started = performance.now();
    await page.getByRole('button', { name: `Upload ${fileCount} files` }).click();
    await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60 * 60_000 });
    const uiS = (performance.now() - started) / 1000;
    await profiler?.stop(`small-files-${r + 1}`);
    await page.getByRole('button', { name: 'Done' }).click();
    ratios.push(plainS / uiS);
    console.log(` round ${r + 1}: plain batches ${plainS.toFixed(2)} s, through the UI ${uiS.toFixed(2)} s (${(fileCount / uiS).toFixed(0)} files/s), ratio ${(plainS / uiS).toFixed(2)}`);
  }
  console.log(`  median ratio ${median(ratios).toFixed(2)} (UI / plain batches, higher is better)`);
} finally {
  await close();
  rmSync(work, { recursive: true, force: true });
}
