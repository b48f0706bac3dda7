// The start every PWA end-to-end file shares: the real relay process, a headless Chromium, the app open in
// a fresh context (optionally signed up as `signUpAs`), and one `close()` that ends both.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.js';
import { openApp, signUp, type AppPage } from './pwa-page.js';
import { startPwaRelay, type PwaRelay } from './pwa-relay.js';

export interface PwaSession { relay: PwaRelay; browser: Browser; app: AppPage; close(): Promise<void> }

export async function startPwaSession(options: { signUpAs?: string } = {}): Promise<PwaSession> {
  const relay = await startPwaRelay();
  const browser = await launchChromium();
  const app = await openApp(browser, relay.url);
  if (options.signUpAs) await signUp(app.page, relay.url, options.signUpAs);
  return { relay, browser, app, close: async () => { await browser.close(); await relay.stop(); } };
}
