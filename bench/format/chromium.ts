// Drives the format benchmark's Chromium half: bundles the worker, serves it with the sealed blob on
// loopback, and times each phase while sampling the browser's processes' memory from /proc.
import { join } from 'node:path';
import type { Remote } from 'comlink';
import { launchChromium } from '../../test/support/chromium.js';
import { bundleForBrowser } from '../../test/support/bundle.js';
import { serveStatic } from '../../test/support/static-server.js';
import { withMemoryPeak, type MemoryPeak } from '../memory-sampler.js';
import type { FormatBenchApi } from './chromium.worker.js';

export interface ChromiumRun { totalBytes: number; fileKeyHex: string }
type Report = (where: string, what: string, ms: number, bytes: number, memory: MemoryPeak) => void;

export async function runInChromium(run: ChromiumRun, report: Report, treeRss: (pid: number) => number): Promise<{ argonMs: number }> {
  const here = new URL('.', import.meta.url).pathname;
  const { dir } = await bundleForBrowser({
    'chromium.worker': join(here, 'chromium.worker.ts'),
    'chromium.page': join(here, 'chromium.page.ts'),
  }, 'chromium.page');
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  // The browser is our child: its memory is our process tree's minus our own.
  const browserRss = () => treeRss(process.pid) - process.memoryUsage().rss;
  try {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    await page.waitForFunction(() => 'bench' in globalThis);
    type G = { bench: Remote<FormatBenchApi> };
    const phase = async (what: string, call: () => Promise<{ ms: number; bytes: number }>) => {
      const { result, memory } = await withMemoryPeak(browserRss, call, 50);
      report('chromium', what, result.ms, result.bytes, memory);
    };
    const total = run.totalBytes;
    await phase('baseline: WebCrypto encrypt 1 MiB', async () => ({
      ms: await page.evaluate((t) => (globalThis as unknown as G).bench.baseline('encrypt', t), total), bytes: total }));
    await phase('baseline: WebCrypto decrypt 1 MiB', async () => ({
      ms: await page.evaluate((t) => (globalThis as unknown as G).bench.baseline('decrypt', t), total), bytes: total }));
    await phase('VBX1 sealStream (WebCrypto)', async () => ({
      ms: await page.evaluate(([t, k]) => (globalThis as unknown as G).bench.seal(t, k), [total, run.fileKeyHex] as const), bytes: total }));
    const length = await page.evaluate(([t, k]) => (globalThis as unknown as G).bench.sealToFile(t, k), [total, run.fileKeyHex] as const);
    await phase('read of the sealed file (no crypto)', () => page.evaluate(() => (globalThis as unknown as G).bench.readFile()));
    await phase('VBX1 openStream (WebCrypto)', async () => {
      const r = await page.evaluate(([k, l]) => (globalThis as unknown as G).bench.open(k, l), [run.fileKeyHex, length] as const);
      if (r.bytes !== total) throw new Error(`Chromium opened ${r.bytes} bytes, expected ${total}`);
      return r;
    });
    const argonMs = await page.evaluate(() => (globalThis as unknown as G).bench.argon());
    return { argonMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
