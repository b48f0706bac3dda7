// The whole suite: every `*.test.ts` in the workspaces and in test/, each in its own Node process,
// two at a time (this machine has two cores), then the `*.solo.test.ts` files one at a time (they
// watch the main thread's timing, which a second suite on the other core would disturb). Ends with
// the one line CI reads: `N passed, N failed`.
// Usage: npm test [-- filter ...]   (a filter keeps the files whose path contains it)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureChromium } from './support/ensure-chromium.js';
import { ensureFirefox } from './support/ensure-firefox.js';
import { ensurePostgres } from './support/ensure-postgres.js';

const root = new URL('..', import.meta.url).pathname;
const roots = ['worker/src', 'relay/src', 'pwa/src', 'windows-helper/src', 'test'];
const filters = process.argv.slice(2);
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 2);
/** A file still running after this long is stopped and counted as failed, so one hang can't stall CI. */
const SLOW = /helper-sync|test\/windows\/|format-in-worker|pwa-shares|pwa-account-settings|test\/relay\/scale-/;
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 10 * 60_000);

function findTests(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

interface FileResult { file: string; passed: number; failed: number; skipped: number; ms: number; output: string }

// uvu prints "Total: N / Passed: N / Skipped: N" once per process; a crash before that counts as one failure.
function parseUvu(output: string, exitCode: number | null): { passed: number; failed: number; skipped: number } {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  const grab = (label: string) => [...clean.matchAll(new RegExp(`${label}:\\s+(\\d+)`, 'g'))].reduce((s, m) => s + Number(m[1]), 0);
  const total = grab('Total'), passed = grab('Passed'), skipped = grab('Skipped');
  let failed = total - passed - skipped;
  if (exitCode !== 0 && failed === 0) failed = 1;
  if (total === 0 && exitCode === 0) failed = 1; // a file that ran no test checks nothing
  return { passed, failed, skipped };
}

function runFile(file: string): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so a timeout also stops what it started (a relay, a browser).
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      output += `\n[test/run.ts] stopped after ${fileTimeoutMs / 1000} s: the file did not finish\n`;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, fileTimeoutMs);
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => {
      clearTimeout(timer);
      const counts = parseUvu(output, timedOut ? 1 : code);
      if (timedOut) counts.failed = Math.max(counts.failed, 1);
      resolve({ file: relative(root, file), ...counts, ms: Date.now() - started, output });
    });
  });
}

async function main() {
  const files = roots.flatMap((r) => findTests(join(root, r)))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    // The few files that take minutes start first, so they overlap the many short ones instead of
    // running alone at the end.
    .sort((a, b) => Number(SLOW.test(b)) - Number(SLOW.test(a)));
  if (files.some((f) => f.includes('/test/browser/') || f.includes('/test/e2e/'))) ensureChromium();
  // The second engine: suites named *firefox* drive Firefox ESR (test/support/firefox.ts).
  if (files.some((f) => f.includes('firefox'))) ensureFirefox();
  // The scale-out suites (test/relay/scale-*) start a throwaway PostgreSQL cluster from Debian's package.
  if (files.some((f) => f.includes('test/relay/scale-'))) ensurePostgres();
  const results: FileResult[] = [];
  const runQueue = (queue: string[], lanes: number) => Promise.all(Array.from({ length: lanes }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const r = await runFile(f);
      results.push(r);
      const mark = r.failed ? 'FAIL' : 'ok  ';
      console.log(`${mark} ${r.file}  (${r.passed} passed, ${r.failed} failed, ${(r.ms / 1000).toFixed(1)} s)`);
      if (r.failed) console.log(r.output.split('\n').map((l) => '     | ' + l).join('\n'));
    }
  }));
  const solo = (f: string) => f.endsWith('.solo.test.ts');
  await runQueue(files.filter((f) => !solo(f)), concurrency);
  await runQueue(files.filter(solo), 1);
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const skipped = results.reduce((s, r) => s + r.skipped, 0);
  console.log(skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
