// Compares the build a relay serves with a local build of the same source, file by file
// ([Note: The build hash] in build-hash.ts): `npm run verify-build -- https://HOST` builds pwa/dist, then
// downloads every file the local build holds, every file the served service worker precaches and every
// file the served build-info.json lists, and prints match / MISMATCH per file and both build hashes.
// Exits 1 on any difference, so it can run in a script.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_INFO_FILE, buildHashOf, buildInfoOf, sha256Hex, type BuildInfo } from './build-hash.js';

function usage(): never {
  console.error('Usage: npm run verify-build -- https://HOST [--dist pwa/dist]\n(or: node --import tsx pwa/scripts/verify-build.ts https://HOST [--dist DIR] for a build you made already)');
  process.exit(2);
}

const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = resolve(distAt >= 0 ? args[distAt + 1] ?? usage() : new URL('../dist', import.meta.url).pathname);
const hostArg = args.find((a, i) => !a.startsWith('--') && (distAt < 0 || i !== distAt + 1));
if (!hostArg) usage();
const base = new URL(hostArg.endsWith('/') ? hostArg : `${hostArg}/`);
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build in ${dist}: run \`npm run build\` first.`);
  process.exit(2);
}

async function served(path: string): Promise<Buffer | null> {
  const response = await fetch(new URL(path, base), { redirect: 'error', cache: 'no-store' });
  if (!response.ok) return null;
  return Buffer.from(await response.arrayBuffer());
}

/** The precache list inside a built sw.js: workbox writes it as JSON objects with "url" keys. */
function precachedPaths(swSource: string): string[] {
  return [...swSource.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
}

const local = buildInfoOf(dist);
const swBytes = await served('sw.js');
const servedInfoBytes = await served(BUILD_INFO_FILE);
let servedInfo: BuildInfo | null = null;
try {
  servedInfo = servedInfoBytes ? JSON.parse(servedInfoBytes.toString('utf8')) as BuildInfo : null;
} catch {
  servedInfo = null;
}

const paths = new Set<string>([...Object.keys(local.files), ...(swBytes ? precachedPaths(swBytes.toString('utf8')) : []), ...Object.keys(servedInfo?.files ?? {})]);
paths.delete(BUILD_INFO_FILE);
const servedHashes: Record<string, string> = {};
let differences = 0;
for (const path of [...paths].sort()) {
  const bytes = path === 'sw.js' ? swBytes : await served(path);
  const localHash = local.files[path];
  if (bytes) servedHashes[path] = sha256Hex(bytes);
  const status = !bytes ? 'MISSING ON SERVER' : !localHash ? 'NOT IN LOCAL BUILD' : servedHashes[path] === localHash ? 'match' : 'MISMATCH';
  if (status !== 'match') differences++;
  console.log(`${status.padEnd(18)} ${path}`);
}

console.log('');
console.log(`local build hash:              ${local.buildHash}`);
console.log(`served files, hashed here:     ${buildHashOf(servedHashes)}`);
console.log(`served build-info.json says:   ${servedInfo?.buildHash ?? '(none served)'}`);
if (servedInfo && servedInfo.buildHash !== buildHashOf(servedHashes)) {
  differences++;
  console.log('The served build-info.json does not describe the files served with it.');
}
console.log(differences === 0 ? '\nThe served build matches the local build, file for file.' : `\n${differences} difference(s): the served build is not the one built from this source.`);
process.exit(differences === 0 ? 0 : 1);
