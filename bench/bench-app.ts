// What the browser benchmarks start with: the real relay serving the built PWA, headless Chromium with a
// profile on disk (in an off-the-record context the origin-private file system lives in memory, which
// would put downloaded files into the browser's resident set), an account signed up in the app's tab, a
// second tab for the plain-fetch baselines (a JSON page of the relay's origin, so no app worker starts
// there), and, with VEILBOX_BENCH_CPU_PROF=DIR, CPU profiles of the app's page and workers.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistentChromium } from '../test/support/chromium.js';
import { startPwaRelay, type PwaRelay } from '../test/e2e/support/pwa-relay.js';
import { signUp } from '../test/e2e/support/pwa-page.js';
import { addFileInput } from './plain-fetch.js';
import { profileWorkers, type WorkerProfiler } from './worker-profiler.js';

export interface BenchApp {
  relay: PwaRelay;
  context: BrowserContext;
  /** The app, signed up and showing the vault. */
  page: Page;
  /** The baselines' tab, with a hidden file input (plain-fetch.ts). */
  basePage: Page;
  profiler?: WorkerProfiler;
  close(): Promise<void>;
}

/** Starts it all in `work` (a temporary folder the caller removes); `initScripts` run in every page before its own scripts. */
export async function openBenchApp(work: string, login: string, initScripts: (() => void)[] = []): Promise<BenchApp> {
  const relay = await startPwaRelay();
  const context = await launchPersistentChromium(join(work, 'profile'));
  try {
    for (const script of initScripts) await context.addInitScript(script);
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(relay.url);
    await signUp(page, relay.url, login);
    const profileDir = process.env.VEILBOX_BENCH_CPU_PROF;
    const profiler = profileDir ? await profileWorkers(page, profileDir) : undefined;
    const basePage = await context.newPage();
    await basePage.goto(`${relay.url}/api/v1/bench-baseline`);
    await addFileInput(basePage);
    await page.bringToFront();
    return { relay, context, page, basePage, profiler, close: async () => { await context.close(); await relay.stop(); } };
  } catch (error) {
    await context.close();
    await relay.stop();
    throw error;
  }
}
