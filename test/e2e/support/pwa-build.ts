// Builds the PWA into pwa/dist (what the relay serves) when it is missing or older than its sources, so
// every PWA end-to-end file tests the current code without rebuilding when nothing changed. Test files
// run two at a time: a lock folder makes the second wait for the first's build instead of racing it.
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('../../../', import.meta.url).pathname;
export const pwaDist = join(root, 'pwa/dist');
const sourceRoots = ['pwa/src', 'pwa/index.html', 'worker/src', 'vite.config.ts', 'package-lock.json'];
const lockDir = join(root, 'pwa/.dist-build-lock');

function newestMtime(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function isStale(): boolean {
  const built = statSync(join(pwaDist, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  return sourceRoots.some((p) => newestMtime(join(root, p)) > built.mtimeMs);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once pwa/dist is current; builds it at most once across concurrent test files. */
export async function ensurePwaBuilt(): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    if (!isStale()) return;
    try {
      mkdirSync(lockDir);
    } catch {
      // Another file is building; a lock older than two minutes is left over from a killed run.
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 120_000) rmdirSync(lockDir);
      await sleep(200);
      continue;
    }
    try {
      if (isStale()) await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'pwa'), logLevel: 'silent' });
    } finally {
      rmdirSync(lockDir);
    }
    if (!existsSync(join(pwaDist, 'index.html'))) throw new Error('The PWA build produced no pwa/dist/index.html.');
    return;
  }
}
