// How every test and benchmark starts Chromium: the Debian build, headless, no network of its own.
// [Note: Browser launch] One place for the flags so no test drifts; never pass --user-data-dir here
// (launchPersistentContext takes the folder instead).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `extraArgs` is for benchmarks that need an instrumented browser (e.g. `--js-flags=--expose-gc`). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}

export function launchPersistentChromium(profileDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}
