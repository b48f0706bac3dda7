// The service worker's answer to the Web Share Target POST (the manifest's `share_target`, vite.config.ts):
// when the installed PWA is picked in a phone's share sheet, the browser POSTs the shared photos and
// files as multipart/form-data to /share-target. See [Note: Shared files wait in a cache].

/*
 * [Note: Shared files wait in a cache]
 * The service worker holds no keys and never encrypts or decrypts (DESIGN.md §6): it only keeps the
 * shared Files, as they came, in Cache Storage under a one-time id (128 random bits, naming nothing)
 * and answers 303 to /files?share-target=<id>. The app, once the vault is unlocked (after a log-in if
 * needed), reads them back, uploads them into the vault's "Inbox" folder through the normal upload
 * path (so they are encrypted in the crypto worker like any upload), and then deletes the temporary
 * plaintext copy, whether the upload worked or not (pwa/src/transfers/share-target-import.ts). Copies
 * a vault never came to take are deleted after a day.
 */

export const SHARE_TARGET_PATH = '/share-target';
/** The form field the manifest names for the files. */
export const SHARE_TARGET_FIELD = 'files';
export const SHARE_TARGET_CACHE = 'veilbox-share-target';
/** The query parameter of the app URL the service worker sends the browser to. */
export const SHARE_TARGET_PARAM = 'share-target';
/** Headers a cached entry carries beside its bytes (names are not ByteStrings, hence URI-encoded). */
export const SHARED_NAME_HEADER = 'x-veilbox-name';
export const SHARED_MODIFIED_HEADER = 'x-veilbox-modified';
export const SHARED_RECEIVED_HEADER = 'x-veilbox-received';

/** Cache key of the n-th file of a share: /share-target/<id>/<n> (never fetched from the network). */
export function sharedEntryUrl(origin: string, id: string, n: number): string {
  return `${origin}${SHARE_TARGET_PATH}/${id}/${n}`;
}

/** The id of a cache key, or null when it is not one of ours. */
export function sharedEntryId(url: string): string | null {
  return /\/share-target\/([A-Za-z0-9_-]{22})\/\d+$/.exec(new URL(url).pathname)?.[1] ?? null;
}

function newShareId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isShareTargetPost(request: Request, origin: string): boolean {
  const url = new URL(request.url);
  return request.method === 'POST' && url.origin === origin && url.pathname === SHARE_TARGET_PATH;
}

/** Keeps the shared files and sends the browser on to the app; a share without files just opens the app. */
export async function shareTargetResponse(request: Request, caches: CacheStorage, origin: string): Promise<Response> {
  let files: File[] = [];
  try {
    const form = await request.formData();
    files = form.getAll(SHARE_TARGET_FIELD).filter((v): v is File => typeof v !== 'string');
  } catch {
    // Not a form we understand: open the app all the same.
  }
  if (!files.length) return Response.redirect(`${origin}/files`, 303);
  const id = newShareId();
  const cache = await caches.open(SHARE_TARGET_CACHE);
  const received = String(Date.now());
  await Promise.all(files.map((file, n) => cache.put(sharedEntryUrl(origin, id, n), new Response(file, {
    headers: {
      'content-type': file.type || 'application/octet-stream',
      [SHARED_NAME_HEADER]: encodeURIComponent(file.name || `shared-${n + 1}`),
      [SHARED_MODIFIED_HEADER]: String(file.lastModified || Date.now()),
      [SHARED_RECEIVED_HEADER]: received,
    },
  }))));
  return Response.redirect(`${origin}/files?${SHARE_TARGET_PARAM}=${id}`, 303);
}

/** The fetch listener sw.ts registers first: the share-target POST is answered here, nothing else is touched. */
export function shareTargetListener(origin: string, caches: CacheStorage) {
  return (event: Event & { readonly request: Request; respondWith(r: Promise<Response>): void }): void => {
    if (!isShareTargetPost(event.request, origin)) return;
    event.stopImmediatePropagation();
    event.respondWith(shareTargetResponse(event.request, caches, origin));
  };
}
