// The main thread never blocks: during a 200 MiB upload through the real PWA (sealing in the crypto
// worker, parts PUT to the real relay) no long task on the page exceeds 50 ms (see [Note: Long tasks on
// a shared machine] for the one kind that is reported but not counted). Long tasks are recorded
// by a PerformanceObserver installed before the app's own scripts (addInitScript runs through the
// DevTools protocol, so the strict CSP's ban on inline scripts does not apply to it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, newAppContext, openApp, row, signUp, type AppPage } from './support/pwa-page.js';
import { noiseBytes } from './support/sample-files.js';

const MiB = 1024 * 1024;
const fileMiB = Number(process.env.VB_MAIN_THREAD_MIB ?? 200);
const work = mkdtempSync(join(tmpdir(), 'vb-pwa-main-thread-'));
const bigFile = join(work, 'big.bin');
let relay: PwaRelay;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  // One reused 1 MiB buffer, each copy with a different first byte so no two MiB are equal.
  const chunk = noiseBytes(MiB, 3);
  const fd = openSync(bigFile, 'w');
  for (let i = 0; i < fileMiB; i++) { chunk[0] = i & 0xff; writeSync(fd, chunk); }
  closeSync(fd);
  relay = await startPwaRelay();
  browser = await launchChromium();
  const context = await newAppContext(browser);
  await context.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Long animation frames name the scripts that ran in them: tells our code from a descheduled thread.
    const loaf = window as unknown as { frames: { start: number; end: number; longestScript: number; text: string }[] };
    loaf.frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { startTime: number; duration: number; blockingDuration: number; scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }[] }[]) {
        loaf.frames.push({
          start: e.startTime, end: e.startTime + e.duration, longestScript: Math.max(0, ...e.scripts.map((s) => s.duration)),
          text: `${e.startTime.toFixed(0)}+${e.duration.toFixed(0)} ms: ${e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName}@${s.sourceURL.split('/').pop()} ${s.duration.toFixed(0)} ms`).join('; ') || 'no script'}`,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  app = await openApp(browser, relay.url, context);
  await signUp(app.page, relay.url, 'busy');
});

test.after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(work, { recursive: true, force: true });
});

test(`no long task over 50 ms during a ${fileMiB} MiB upload`, async () => {
  const { page } = app;
  await page.locator('vb-files-page input#pick-files').setInputFiles(bigFile);
  await page.getByRole('heading', { name: 'Upload to Home' }).waitFor();
  // Only tasks from the click on count: loading the page and showing the review list are not this test
  // (entries arrive asynchronously, so they are filtered by start time rather than cleared).
  const started = Date.now();
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 10 * 60_000 });
  const seconds = (Date.now() - started) / 1000;
  await page.getByRole('button', { name: 'Done' }).click();
  await row(filesGrid(page, 'Home'), 'big.bin').waitFor();
  await page.waitForTimeout(200);
  const all = await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
  const during = all.filter((t) => t.start >= t0);
  const frames = await page.evaluate(() => (window as unknown as { frames: { start: number; end: number; longestScript: number; text: string }[] }).frames);
  // [Note: Long tasks on a shared machine] A long task during which no script ran for even 10 ms (its
  // long animation frame lists none) is the renderer thread waiting for a CPU (the suite runs two files
  // at once on two cores), not work of ours; it is reported but not counted. Any task with script
  // time in it, or with no frame record at all, counts.
  const ours = during.filter((t) => {
    const overlapping = frames.filter((f) => f.start < t.start + t.duration && f.end > t.start);
    return overlapping.length === 0 || overlapping.some((f) => f.longestScript >= 10);
  });
  const longest = Math.max(0, ...during.map((t) => t.duration));
  const longestOurs = Math.max(0, ...ours.map((t) => t.duration));
  console.log(`${fileMiB} MiB uploaded in ${seconds.toFixed(1)} s (${(fileMiB / seconds).toFixed(1)} MiB/s); ${during.length} long tasks, longest ${longest.toFixed(0)} ms; with script time: ${ours.length}, longest ${longestOurs.toFixed(0)} ms`);
  if (longest > 50) console.log(`long animation frames:\n${frames.filter((f) => f.start >= t0).map((f) => f.text).join('\n')}`);
  assert.ok(longestOurs <= 50, `a ${longestOurs.toFixed(0)} ms task of ours blocked the main thread`);
  assert.equal(app.problems, []);
});

test.run();
