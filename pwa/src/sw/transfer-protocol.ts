// What the page and the service worker say to each other about streamed transfers, used by both sides
// (page: offer-transfer.ts, port-stream.ts; service worker: transfer-registry.ts, download-route.ts,
// media-route.ts). See [Note: Transfers through the service worker].

/*
 * [Note: Transfers through the service worker]
 * Decrypted bytes reach the browser's own download manager and media player through URLs the service
 * worker answers itself, so they never exist whole in memory and never touch the relay:
 *   /download/<token>/<url-encoded name>   one file or folder ZIP, once (single-use token)
 *   /media/<token>                          one file's bytes by HTTP Range, until the preview closes
 * The token is 128 random bits, names nothing and is never sent to the relay: the service worker
 * answers these paths and never forwards them. Nothing secret is in the URL (the name only gives the
 * browser a file name; it is in the page's memory anyway).
 * 1. The page posts a `register` message to its controlling service worker with a MessagePort (the
 *    entry's port) and waits for `registered` on that port before using the URL.
 * 2. When the browser asks for the URL, the service worker posts `open` on the entry's port with the
 *    byte span it needs and a fresh port for that one response.
 * 3. The body is pulled over the fresh port one piece at a time (`pull` → `chunk` | `end` | `error`,
 *    `cancel` when the browser drops the response), so backpressure reaches the crypto worker and at most
 *    one piece (≤ 512 KiB) is in flight. Pulling works where ReadableStreams are not transferable (Safari).
 * 4. The page posts `keepalive` to the service worker while it has entries, so an idle timeout doesn't
 *    end the service worker (and its registry) in the middle of a transfer or an open preview.
 */

export const DOWNLOAD_PATH = '/download/';
export const MEDIA_PATH = '/media/';

export type TransferRoute = 'download' | 'media';

/** Page → service worker (postMessage on the controller), with the entry's port in `ports[0]`. */
export interface RegisterMessage {
  readonly type: 'veilbox-transfer-register';
  readonly route: TransferRoute;
  readonly token: string;
  /** Plaintext bytes; null when not known ahead (a folder's ZIP): then no Content-Length and no ranges. */
  readonly size: number | null;
  readonly mediaType: string;
  /** Downloads: the name to save as. */
  readonly fileName: string;
}

/** Page → service worker while transfers are open; the message event itself keeps the worker alive. */
export interface KeepAliveMessage { readonly type: 'veilbox-transfer-keepalive' }

/** Service worker → page on the entry's port. `open` carries the port for one response in `ports[0]`. */
export type EntryToPage =
  | { readonly type: 'registered' }
  | { readonly type: 'open'; readonly start: number; readonly end: number };

/** Page → service worker on the entry's port: the entry is withdrawn (preview closed, link released). */
export interface EntryToWorker { readonly type: 'release' }

/** Service worker → page on a response port. */
export type PullRequest = { readonly type: 'pull' } | { readonly type: 'cancel' };

/** Page → service worker on a response port. */
export type PullAnswer =
  | { readonly type: 'chunk'; readonly bytes: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly message: string };

export function isRegisterMessage(data: unknown): data is RegisterMessage {
  const m = data as Partial<RegisterMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'veilbox-transfer-register' && typeof m.token === 'string'
    && (m.route === 'download' || m.route === 'media') && (m.size === null || typeof m.size === 'number')
    && typeof m.mediaType === 'string' && typeof m.fileName === 'string';
}

/**
 * The route and token of a transfer URL's path; null when the path is not one of ours. Every path
 * under the two prefixes is ours (a malformed token gives '', which no entry has), so none goes on to
 * the relay.
 */
export function transferToken(pathname: string): { route: TransferRoute; token: string } | null {
  for (const [route, prefix] of [['download', DOWNLOAD_PATH], ['media', MEDIA_PATH]] as const) {
    if (!pathname.startsWith(prefix)) continue;
    const token = pathname.slice(prefix.length).split('/')[0];
    return { route, token: /^[A-Za-z0-9_-]{16,64}$/.test(token) ? token : '' };
  }
  return null;
}
