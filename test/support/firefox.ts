// How the second-engine tests start Firefox: Debian's firefox-esr, headless, driven by puppeteer-core
// over WebDriver BiDi ([Note: Browser launch] in chromium.ts holds for it too: never a downloaded
// browser). Downloads land in `downloadDir` without asking, so a test can read their bytes.
import puppeteer, { type Browser } from 'puppeteer-core';
import { firefoxPath } from './ensure-firefox.js';

export function launchFirefox(downloadDir: string): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox', executablePath: firefoxPath, headless: true,
    extraPrefsFirefox: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/octet-stream,application/zip,text/plain',
      'browser.download.manager.showWhenStarting': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
}
