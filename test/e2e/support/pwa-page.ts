// Browser-side helpers for the PWA end-to-end tests: a context on the real relay that records every
// console error, page error and CSP violation, and the few UI steps most tests share (sign up, log in,
// upload through the picker, find rows). Locators go by role and accessible name, as a user would.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught errors and CSP violations, in order. A clean run leaves it empty. */
  problems: string[];
}

/** Reports CSP violations as console errors, so `problems` catches them in the page and its tabs. */
const watchCsp = () => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));

export function watchPage(page: Page, problems: string[]): void {
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
}

export async function newAppContext(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: options.viewport ?? { width: 1280, height: 800 } });
  await context.addInitScript(watchCsp);
  return context;
}

/** Opens `url` in a new page of `context` (a fresh context when none is given) and watches it. */
export async function openApp(browser: Browser, url: string, context?: BrowserContext): Promise<AppPage> {
  const ctx = context ?? await newAppContext(browser);
  const problems: string[] = [];
  const page = await ctx.newPage();
  watchPage(page, problems);
  ctx.on('page', (p) => { if (p !== page) watchPage(p, problems); });
  await page.goto(url);
  return { context: ctx, page, problems };
}

export const strongPassword = 'tangerine lighthouse gravel orbit';

/** Signs up through the UI, downloads the key file, confirms it was saved; resolves its text. */
export async function signUp(page: Page, base: string, login: string, password = strongPassword): Promise<{ keyFileText: string; keyFileName: string }> {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your recovery key' }).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download key file' }).click()]);
  const keyFileText = await readDownload(download);
  await page.getByLabel(/I saved my recovery key/).check();
  await page.getByRole('button', { name: 'Continue to my vault' }).click();
  await filesGrid(page, 'Home').waitFor();
  return { keyFileText, keyFileName: download.suggestedFilename() };
}

/** Logs in with the password from the login page (the vault's start page when signed out). */
export async function logIn(page: Page, login: string, password = strongPassword, options: { remember?: boolean } = {}): Promise<void> {
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (options.remember) await page.getByLabel(/Remember this device/).check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await filesGrid(page, 'Home').waitFor({ timeout: 60_000 });
}

export async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<string> {
  return (await readDownloadBytes(download)).toString('utf8');
}

export async function readDownloadBytes(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

export function filesGrid(page: Page, folder: string): Locator {
  return page.getByRole('grid', { name: `Files in ${folder}` });
}

export function row(grid: Locator, name: string | RegExp): Locator {
  return grid.getByRole('row', { name: typeof name === 'string' ? new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : name });
}

/** The text of the app's two live regions (what a screen reader last heard). */
export function liveText(page: Page): Promise<string> {
  return page.locator('vb-app').evaluate((app) => [...app.shadowRoot!.querySelectorAll('[aria-live]')].map((n) => n.textContent).join(' | '));
}

/** Waits until the polite or assertive live region says something matching `pattern`. */
export async function waitForAnnouncement(page: Page, pattern: RegExp, timeout = 30_000): Promise<void> {
  await page.waitForFunction((source) => {
    const re = new RegExp(source);
    const app = document.querySelector('vb-app');
    return [...app?.shadowRoot?.querySelectorAll('[aria-live]') ?? []].some((n) => re.test(n.textContent ?? ''));
  }, pattern.source, { timeout });
}

/**
 * The save dialog can't be answered headless: a file in the page's origin-private file system, named as
 * suggested, stands in for the one the user would pick (a real FileSystemFileHandle).
 */
export async function withOpfsSavePicker(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (o: { suggestedName: string }) =>
      (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true });
  });
}

/** Makes `window.showSaveFilePicker` absent, so downloads take the `'url'` path a test can catch. */
export async function withoutSavePicker(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
}

/** A file to drop: its bytes (`bytes`) or `size` zero bytes, an optional media type and date. */
export interface DropFile {
  name: string;
  bytes?: Uint8Array;
  size?: number;
  type?: string;
  lastModified?: number;
}

/**
 * Drops `files` from "outside the browser" onto `target`, as the OS would: a DataTransfer holding
 * File items, sent as dragenter, dragover and drop. A synthetic DataTransfer can carry files but not
 * directories (webkitGetAsEntry gives null for them), so folder drops can't be made this way.
 */
export async function dropFiles(target: Locator, files: readonly DropFile[]): Promise<void> {
  const plain = files.map((f) => ({ name: f.name, type: f.type ?? '', lastModified: f.lastModified ?? Date.now(), size: f.size ?? 0, base64: f.bytes ? Buffer.from(f.bytes).toString('base64') : null }));
  await target.evaluate((el, list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = f.base64 === null ? new Uint8Array(f.size) : Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type, lastModified: f.lastModified }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    }
  }, plain);
}

/** The accessible text (aria-label, else text) of the deepest focused element, through shadow roots. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** The names of the data rows of `grid` in the order shown (by aria-rowindex). */
export async function rowNames(grid: Locator): Promise<string[]> {
  return grid.locator('[role=row][data-id]').evaluateAll((rows) => rows
    .map((r) => ({ at: Number(r.getAttribute('aria-rowindex')), name: [...r.querySelector('.name > span:last-child')?.childNodes ?? []].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim() }))
    .sort((a, b) => a.at - b.at).map((r) => r.name));
}
