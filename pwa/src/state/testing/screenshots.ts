// Dev check, not a test: builds the dev page (in-memory client) with Vite, serves it under the relay's
// strict CSP, fails on any CSP violation or console error, and saves screenshots at desktop and phone
// widths. Usage: node --import tsx pwa/src/state/testing/screenshots.ts [outDir]
import { build } from 'vite';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { launchChromium } from '../../../../test/support/chromium.js';

const root = new URL('../../../', import.meta.url).pathname;
const out = process.argv[2] ?? '/tmp/vb-shots';
const dist = '/tmp/vb-dev-dist';
const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

await build({
  configFile: join(root, '../vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: dist, emptyOutDir: true, rollupOptions: { input: join(root, 'dev.html') } },
});
mkdirSync(out, { recursive: true });

const browser = await launchChromium();
const problems: string[] = [];

async function open(query: string, viewport: { width: number; height: number }, path = '/files') {
  const ctx = await browser.newContext({ viewport });
  await ctx.route('http://vb.test/**', (r) => {
    const p = new URL(r.request().url()).pathname;
    const file = join(dist, p);
    if (p !== '/' && existsSync(file) && !p.endsWith('/')) return r.fulfill({ body: readFileSync(file), headers: { 'content-type': types[extname(p)] ?? 'application/octet-stream', 'content-security-policy': csp } });
    return r.fulfill({ body: readFileSync(join(dist, 'dev.html')), headers: { 'content-type': 'text/html', 'content-security-policy': csp } });
  });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.text().includes('Content Security Policy')) problems.push(`${query}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${query}: ${e.message}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`http://vb.test${path}${query}`);
  await page.waitForTimeout(700);
  return { page, ctx };
}

const desktop = { width: 1400, height: 860 };
const phone = { width: 390, height: 844 };

{
  const { page, ctx } = await open('?files=10000&unconfirmed&remembered', desktop);
  await page.getByRole('treeitem', { name: 'Photos' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/desktop-photos.png` });
  await page.getByRole('treeitem', { name: 'Home' }).click();
  await page.waitForTimeout(200);
  await page.getByRole('gridcell', { name: /Archive/ }).dblclick();
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await page.keyboard.press('End');
  await page.waitForTimeout(150);
  const rows = await page.locator('vb-file-grid [role=row][data-id]').count();
  console.log(`rendered rows for 10,000 entries: ${rows}; End took ${Date.now() - t0} ms`);
  await page.screenshot({ path: `${out}/desktop-archive-end.png` });
  await page.getByRole('searchbox', { name: 'Search files' }).fill('scan 0999');
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/desktop-search.png` });
  await ctx.close();
}
{
  const { page, ctx } = await open('', desktop);
  await page.getByRole('gridcell', { name: /README/ }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/desktop-preview-text.png` });
  await page.getByRole('gridcell', { name: /passport/ }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/desktop-preview-image.png` });
  await page.locator('input#pick-files').setInputFiles([
    { name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') },
    { name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.alloc(30_000_000) },
  ]);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-upload-review.png` });
  await page.getByRole('button', { name: /^Upload 2 files/ }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/desktop-upload-progress.png` });
  await ctx.close();
}
{
  const { page, ctx } = await open('?state=signed-out', desktop, '/signup');
  await page.getByLabel('Login name').fill('alice');
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Password again').fill('correct horse battery staple');
  await page.screenshot({ path: `${out}/desktop-signup.png` });
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/desktop-recovery-key.png` });
  await ctx.close();
}
{
  const { page, ctx } = await open('?unconfirmed', phone);
  await page.screenshot({ path: `${out}/phone-files.png` });
  await page.getByRole('button', { name: 'Folders' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/phone-sidebar.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('gridcell', { name: /passport/ }).click();
  await page.getByRole('button', { name: 'Details' }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/phone-details.png` });
  await ctx.close();
}
{
  const { page, ctx } = await open('?state=locked', phone, '/files');
  await page.screenshot({ path: `${out}/phone-locked.png` });
  await ctx.close();
}
{
  const { page, ctx } = await open('?unconfirmed', desktop, '/files');
  await page.getByRole('button', { name: 'Save a recovery key' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/desktop-settings.png`, fullPage: true });
  await page.goto('http://vb.test/devices');
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/desktop-devices.png` });
  await ctx.close();
}
await browser.close();
if (problems.length) { console.error(problems.join('\n')); process.exitCode = 1; } else console.log(`no CSP violations or console errors; screenshots in ${out}`);
