// The build hash: one SHA-256 over every built file's name and contents, so a person can compare the
// build a relay serves with one made from the source. [Note: The build hash]
// It is the SHA-256 of the lines `<sha256 of the file, hex>  <path relative to pwa/dist>\n`, sorted by
// path (byte order), over every file except build-info.json itself, which carries the result. That is
// exactly what `sha256sum` prints, so it can be checked without this code:
//   cd pwa/dist && find . -type f ! -name build-info.json -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum
// The service worker keeps the build-info.json of the version it installed (sw/build-info-cache.ts), so
// the About dialog shows the hash of the version that runs, not of whatever the relay serves now.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const BUILD_INFO_FILE = 'build-info.json';

/** What build-info.json holds. */
export interface BuildInfo {
  /** The build hash, hex. */
  readonly buildHash: string;
  /** Each hashed file's SHA-256, hex, by path relative to the build folder. */
  readonly files: Readonly<Record<string, string>>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hash over `files` (path → SHA-256 hex); order does not matter. */
export function buildHashOf(files: Readonly<Record<string, string>>): string {
  const paths = Object.keys(files).filter((p) => p !== BUILD_INFO_FILE).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(Buffer.from(paths.map((p) => `${files[p]}  ${p}\n`).join(''), 'utf8'));
}

function listFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, root));
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/** Hashes every file of the build folder `dir` (except build-info.json). */
export function buildInfoOf(dir: string): BuildInfo {
  const files: Record<string, string> = {};
  for (const path of listFiles(dir).sort()) {
    if (path !== BUILD_INFO_FILE) files[path] = sha256Hex(readFileSync(join(dir, path)));
  }
  return { buildHash: buildHashOf(files), files };
}
