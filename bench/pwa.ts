// `npm run bench -- pwa [--mib N] [--rounds R]` (or `node --import tsx bench/pwa.ts …`): the PWA in
// headless Chromium against the real relay process, measured in the same run against plain `fetch` of
// the same bytes to the same relay, R rounds (default 3) on a file of its own each, the median ratio kept:
//  1. upload of an N MiB file (default 1024) through the UI (picker, crypto worker, parts PUT, commit)
//     versus fetch PUTs of the file's 8 MiB slices to the relay's upload API (create, parts, commit), made
//     from a second tab so the baseline's garbage is not counted as the app's memory;
//  2. download through the UI (decrypt in the worker, streamed into a file in the origin-private file
//     system, which stands in for the file the save dialog would give) versus fetch GET of the blob into
//     the same kind of file;
//  3. peak memory during each UI phase, sampled from /proc every 100 ms: the private memory of the
//     tab's renderer process (the page, its crypto worker and service worker; see rendererPrivate), of all
//     renderers, and the resident memory of the whole Chromium process tree.
// VEILBOX_BENCH_CPU_PROF=DIR writes CPU profiles of the page's workers during each UI phase into DIR.
import { closeSync, linkSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { filesGrid, row, waitForAnnouncement } from '../test/e2e/support/pwa-page.js';
import { noiseBytes } from '../test/e2e/support/sample-files.js';
import { openBenchApp } from './bench-app.js';
import { median } from './median.js';
import { treeRss, withMemoryPeak, withMemoryPeaks, type MemoryPeak } from './memory-sampler.js';
import { option } from './options.js';
import { BENCH_FILE_INPUT, fetchDownload, fetchUpload } from './plain-fetch.js';
import { treeCpuSeconds } from './process-stats.js';
import type { WorkerProfiler } from './worker-profiler.js';

const MiB = 1024 * 1024;

/** Resident memory of every Chromium process started by this one (the relay child is left out). */
function chromiumRss(): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== process.pid) continue;
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0])) continue;
      total += treeRss(pid);
    } catch { /* gone */ }
  }
  return total;
}

/** Whether one of the process's threads is named like `pattern` (Chromium names its threads). */
function hasThread(pid: number, pattern: RegExp): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      try { return pattern.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8')); } catch { return false; }
    });
  } catch {
    return false;
  }
}

/**
 * Private memory (RssAnon + RssShmem) of the renderer processes of the Chromium this process started, in
 * one pass: [every renderer, the tab's]. The tab's is the renderer that hosts the page's crypto worker (a
 * thread named DedicatedWorker; the service worker runs there too). Chromium 156 also keeps renderers that
 * are not the tab (the omnibox popup's WebUI, `--top-chrome-webui`, and a spare renderer for the next
 * navigation: ~70 MiB together here), which Chromium's task manager lists apart from the tab.
 * File-backed pages are the Chromium binary and its data files, mapped once and shared by every Chromium
 * process, so counting them per renderer would charge the tab for the browser itself.
 */
function rendererPrivate(): [number, number] {
  let all = 0;
  let tab = 0;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      let p = pid;
      // Only renderers of the Chromium this process started.
      for (let i = 0; i < 4 && p !== process.pid && p > 1; i++) p = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      if (p !== process.pid) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      const bytes = (kib('RssAnon') + kib('RssShmem')) * 1024;
      all += bytes;
      if (hasThread(pid, /^DedicatedWorker/)) tab += bytes;
    } catch { /* gone */ }
  }
  return [all, tab];
}

/** Downloads go to a file in the origin-private file system: a real streamed write to disk, no dialog. */
function opfsSavePicker(): void {
  (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (options: { suggestedName?: string }) => {
    const dir = await navigator.storage.getDirectory();
    return dir.getFileHandle(`ui-${options.suggestedName ?? 'download'}`, { create: true });
  };
}

/** A CSP report would mean the measured path is not the shipped one; fail loudly. */
function watchCspForBench(): void {
  document.addEventListener('securitypolicyviolation', (e) => { throw new Error(`CSP violation: ${e.violatedDirective}`); });
}

/** CPU seconds of Chromium and the relay: this process's tree without this process (which samples /proc). */
function childrenCpuSeconds(): number {
  const own = process.cpuUsage();
  return treeCpuSeconds(process.pid) - (own.user + own.system) / 1e6;
}

/** A phase's wall time, the CPU time Chromium and the relay spent in it, and (UI phases) memory peaks. */
interface Timed { seconds: number; cpuSeconds: number; memory?: MemoryPeak; tab?: MemoryPeak; renderers?: MemoryPeak }

async function timed(run: () => Promise<void>, sampleMemory = false): Promise<Timed> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const spent = () => ({ seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpuBefore });
  if (!sampleMemory) {
    await run();
    return spent();
  }
  let renderers: MemoryPeak[] = [];
  const { memory } = await withMemoryPeak(chromiumRss, async () => { renderers = (await withMemoryPeaks(rendererPrivate, run, 100)).memory; }, 100);
  const [all, tab] = renderers;
  return { ...spent(), memory, tab, renderers: all };
}

interface Round { plainUp: Timed; uiUp: Timed; plainDown: Timed; uiDown: Timed }

/**
 * One round on `name` (a file in the vault's Home after it): both uploads, then both downloads. The plain
 * fetches run in `basePage`, a second tab of the same origin and session: run in the app's tab, the
 * baseline download left ~130 MiB of its garbage there, counted against the app's next phase.
 */
async function round(page: Page, basePage: Page, path: string, name: string, bytes: number, profiler?: WorkerProfiler): Promise<Round> {
  // Each phase runs in the tab in front: Chromium throttles a background tab's timers.
  await basePage.bringToFront();
  await basePage.setInputFiles(`#${BENCH_FILE_INPUT}`, path);
  let blobId = '';
  const plainUp = await timed(async () => { blobId = await fetchUpload(basePage); });

  await page.bringToFront();
  await profiler?.start();
  const uiUp = await timed(async () => {
    await page.locator('vb-files-page input#pick-files').setInputFiles(path);
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60 * 60_000 });
  }, true);
  await profiler?.stop(`upload-${name}`);
  await page.getByRole('button', { name: 'Done' }).click();

  await basePage.bringToFront();
  const plainDown = await timed(async () => {
    const size = await fetchDownload(basePage, [blobId]);
    if (size !== bytes) throw new Error(`plain download gave ${size} bytes`);
  });

  await page.bringToFront();
  await row(filesGrid(page, 'Home'), name).click();
  await profiler?.start();
  const uiDown = await timed(async () => {
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await waitForAnnouncement(page, new RegExp(`${name.replace('.', '\\.')} saved`), 60 * 60_000);
  }, true);
  await profiler?.stop(`download-${name}`);
  const savedSize = await page.evaluate(async (saved) => (await (await (await navigator.storage.getDirectory()).getFileHandle(saved)).getFile()).size, `ui-${name}`);
  if (savedSize !== bytes) throw new Error(`the UI download wrote ${savedSize} bytes`);
  // The saved copies would otherwise pile up in the profile's origin-private file system.
  await page.evaluate(async (saved) => { const dir = await navigator.storage.getDirectory(); for (const n of saved) await dir.removeEntry(n); }, [`ui-${name}`, 'plain-download']);
  return { plainUp, uiUp, plainDown, uiDown };
}

async function main(): Promise<void> {
  const mib = option('mib', 1024);
  const rounds = option('rounds', 3);
  const work = mkdtempSync(join(tmpdir(), 'vb-bench-pwa-'));
  const file = join(work, 'bench-1.bin');
  const chunk = noiseBytes(MiB, 5);
  const fd = openSync(file, 'w');
  for (let i = 0; i < mib; i++) { chunk[0] = i & 0xff; writeSync(fd, chunk); }
  closeSync(fd);
  // One file under a name per round (hard links: the same bytes, nothing copied), so no upload meets a name taken.
  for (let r = 2; r <= rounds; r++) linkSync(file, join(work, `bench-${r}.bin`));

  const { page, basePage, profiler, close } = await openBenchApp(work, 'bench', [watchCspForBench, opfsSavePicker]);
  try {
    console.log(`PWA in headless Chromium against the relay process, ${mib} MiB file, ${rounds} rounds (machine load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);

    console.log(`  Chromium processes idle (vault open): ${(chromiumRss() / MiB).toFixed(0)} MiB`);

    const rate = (t: Timed) => (mib / t.seconds).toFixed(1).padStart(7);
    const line = (label: string, t: Timed, base?: Timed) =>
      console.log(`  ${label.padEnd(34)} ${t.seconds.toFixed(1).padStart(7)} s ${rate(t)} MiB/s   CPU ${t.cpuSeconds.toFixed(1).padStart(5)} s${base ? `   ratio ${(base.seconds / t.seconds).toFixed(2)}` : ''}${t.memory ? `   Chromium peak ${t.memory.peakMiB.toFixed(0)} MiB (+${t.memory.aboveIdleMiB.toFixed(0)}), tab private ${t.tab?.peakMiB.toFixed(0)} MiB (+${t.tab?.aboveIdleMiB.toFixed(0)}; all renderers ${t.renderers?.peakMiB.toFixed(0)} MiB)` : ''}`);
    const done: Round[] = [];
    for (let r = 1; r <= rounds; r++) {
      const name = `bench-${r}.bin`;
      const result = await round(page, basePage, join(work, name), name, mib * MiB, profiler);
      done.push(result);
      console.log(` round ${r}`);
      line('upload: fetch PUT parts (baseline)', result.plainUp);
      line('upload: through the UI', result.uiUp, result.plainUp);
      line('download: fetch GET (baseline)', result.plainDown);
      line('download: through the UI', result.uiDown, result.plainDown);
    }
    // Each round compares with its own baseline; the median of the rounds' ratios is the figure, as
    // one noisy phase on this 2-core machine can move a single ratio by 0.1 or more.
    const upRatio = median(done.map((d) => d.plainUp.seconds / d.uiUp.seconds));
    const downRatio = median(done.map((d) => d.plainDown.seconds / d.uiDown.seconds));
    const tabPeak = Math.max(...done.flatMap((d) => [d.uiUp.tab?.peakMiB ?? 0, d.uiDown.tab?.peakMiB ?? 0]));
    console.log(`  issue 4 targets: median ratios ≥ 0.7 (upload ${upRatio.toFixed(2)}, download ${downRatio.toFixed(2)}); tab peak < 300 MiB (highest of all rounds: ${tabPeak.toFixed(0)} MiB private memory of the tab's renderer)`);
  } finally {
    await close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
