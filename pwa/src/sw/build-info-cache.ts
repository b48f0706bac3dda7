// The installed version's build-info.json ([Note: The build hash] in pwa/scripts/build-hash.ts): the
// service worker fetches it while it installs and answers /build-info.json from that copy for as long as
// it runs, so the About dialog names the build the app runs, not whatever the relay serves by now.
// Each version keeps its own cache (named after its precache list), so a new version waiting to take
// over does not change what the running one says.
export const BUILD_INFO_PATH = '/build-info.json';
const CACHE_PREFIX = 'veilbox-build-info-';

/** A short fingerprint of the precache list: one cache name per version, without async hashing. */
export function buildInfoCacheName(precache: readonly (string | { url: string; revision: string | null })[]): string {
  const text = precache.map((e) => (typeof e === 'string' ? e : `${e.url} ${e.revision ?? ''}`)).join('\n');
  // Two FNV-1a passes with different seeds: a name, not a security check (the hash itself is in the file).
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x01000193 + 0x2);
  }
  return `${CACHE_PREFIX}${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * At install: keeps the served build-info.json, if it describes this version: every file this worker
 * precaches must be listed in it (a relay that changed builds between sw.js and build-info.json, or a
 * build without one, leaves nothing kept, and About says it can't tell rather than name another build).
 */
export async function keepBuildInfo(cacheName: string, precache: readonly (string | { url: string })[]): Promise<void> {
  const response = await fetch(BUILD_INFO_PATH, { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) return;
  const info = await response.clone().json().catch(() => null) as { files?: Record<string, unknown> } | null;
  const files = info?.files ?? {};
  const urls = precache.map((e) => (typeof e === 'string' ? e : e.url).replace(/^\//, ''));
  if (!urls.every((url) => url in files)) return;
  await (await caches.open(cacheName)).put(BUILD_INFO_PATH, response);
}

/** At activation: older versions' copies go. */
export async function dropOtherBuildInfo(cacheName: string): Promise<void> {
  for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== cacheName) await caches.delete(name);
}

/** The kept copy; without one, 404: what the relay serves now may be another version than the one running. */
export async function buildInfoResponse(cacheName: string): Promise<Response> {
  const kept = await (await caches.open(cacheName)).match(BUILD_INFO_PATH);
  return kept ?? new Response(null, { status: 404 });
}
