// Drives the format benchmark's Chromium half: bundles the worker, serves it with the sealed blob on
// loopback, and times each phase while sampling the browser's processes' memory from /proc.
import { join } from 'node:path';
import type { Remote } from 'comlink';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchPersistentChromium } from '../../test/support/chromium.js';
import { bundleForBrowser } from '../../test/support/bundle.js';
import { serveStatic } from '../../test/support/static-server.js';
import { withMemoryPeak, type MemoryPeak } from '../memory-sampler.js';
import type { FormatBenchApi } from './chromium.worker.js';

export interface ChromiumRun { totalBytes: number; fileKeyHex: string; /** Force a GC every 64 MiB (instrumented run). */ forceGc?: boolean }
type Report = (where: string, what: string, ms: number, bytes: number, memory: MemoryPeak, renderer: MemoryPeak) => void;

export async function runInChromium(run: ChromiumRun, report: Report, treeRss: (pid: number, onlyType?: string) => number): Promise<{ argonMs: number; argonWarmMs: number }> {
  const here = new URL('.', import.meta.url).pathname;
  const { dir } = await bundleForBrowser({
    'chromium.worker': join(here, 'chromium.worker.ts'),
    'chromium.page': join(here, 'chromium.page.ts'),
  }, 'chromium.page');
  const server = await serveStatic(dir);
  // A kept profile on disk: in a fresh (off-the-record) profile the origin-private file system lives
  // in memory, and the 1 GiB sealed file would count as the browser's memory.
  const profile = mkdtempSync(join(tmpdir(), 'vbx-bench-profile-'));
  const context = await launchPersistentChromium(profile, run.forceGc ? ['--js-flags=--expose-gc'] : []);
  // The browser is our child: its memory is our process tree's minus our own.
  const browserRss = () => treeRss(process.pid) - process.memoryUsage().rss;
  // The renderer hosts the page and its Web Worker: the process that does the work.
  const rendererRss = () => treeRss(process.pid, 'renderer');
  try {
    // Each phase gets a fresh page (and so a fresh renderer and worker): the memory left behind by
    // one phase's garbage must not count as the next phase's idle level.
    type G = { bench: Remote<FormatBenchApi> };
    const freshPage = async () => {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await page.waitForFunction(() => 'bench' in globalThis);
      if (run.forceGc) await page.evaluate(() => (globalThis as unknown as G).bench.collectGarbageEvery(64 * 1024 * 1024));
      return page;
    };
    const phase = async <T extends { ms: number; bytes: number }>(what: string, call: (page: Page) => Promise<T>) => {
      const page = await freshPage();
      try {
        let renderer: MemoryPeak | undefined;
        const { result, memory } = await withMemoryPeak(browserRss, async () => {
          const inner = await withMemoryPeak(rendererRss, () => call(page), 50);
          renderer = inner.memory;
          return inner.result;
        }, 50);
        report('chromium', what, result.ms, result.bytes, memory, renderer!);
        return result;
      } finally {
        await page.close();
      }
    };
    const total = run.totalBytes;
    const key = run.fileKeyHex;
    await phase('baseline: WebCrypto encrypt 1 MiB', async (p) => ({
      ms: await p.evaluate((t) => (globalThis as unknown as G).bench.baseline('encrypt', t), total), bytes: total }));
    await phase('baseline: WebCrypto decrypt 1 MiB', async (p) => ({
      ms: await p.evaluate((t) => (globalThis as unknown as G).bench.baseline('decrypt', t), total), bytes: total }));
    await phase('VBX1 sealStream (WebCrypto)', async (p) => ({
      ms: await p.evaluate(([t, k]) => (globalThis as unknown as G).bench.seal(t, k), [total, key] as const), bytes: total }));
    const setup = await freshPage();
    const length = await setup.evaluate(([t, k]) => (globalThis as unknown as G).bench.sealToFile(t, k), [total, key] as const);
    await setup.close();
    await phase('read of the sealed file (no crypto)', (p) => p.evaluate(() => (globalThis as unknown as G).bench.readFile()));
    await phase('VBX1 openStream (WebCrypto)', async (p) => {
      const r = await p.evaluate(([k, l]) => (globalThis as unknown as G).bench.open(k, l), [key, length] as const);
      if (r.bytes !== total) throw new Error(`Chromium opened ${r.bytes} bytes, expected ${total}`);
      return r;
    });
    const argonPage = await freshPage();
    // First derivation in a fresh worker (compiles hash-wasm's module), then a second one.
    const argonMs = await argonPage.evaluate(() => (globalThis as unknown as G).bench.argon());
    const argonWarmMs = await argonPage.evaluate(() => (globalThis as unknown as G).bench.argon());
    await argonPage.close();
    return { argonMs, argonWarmMs };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}
