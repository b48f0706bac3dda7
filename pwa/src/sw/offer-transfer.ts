// Page side of [Note: Transfers through the service worker]: offers a download stream, or a file's
// byte ranges for a media preview, to the service worker that controls this page, and serves the bytes
// when the browser asks for the URL. Without a controlling service worker the callers use their
// fallbacks (a blob: URL).
import { newId } from '../../../worker/src/client/base64url.js';
import { serveOnPort } from './port-stream.js';
import {
  DOWNLOAD_PATH, MEDIA_PATH, type EntryToPage, type EntryToWorker, type KeepAliveMessage, type RegisterMessage,
} from './transfer-protocol.js';

/** Well under the ~30 s after which an idle service worker may be stopped (step 4 of the note). */
export const KEEPALIVE_INTERVAL_MS = 10_000;
/** A service worker that doesn't confirm a registration this soon is not ours (an old version) or is stuck. */
export const REGISTER_TIMEOUT_MS = 10_000;

export interface OfferedTransfer {
  readonly url: string;
  /** Withdraws the URL; a response already being served goes on. */
  release(): void;
}

export interface OfferedDownload extends OfferedTransfer {
  /** 'end' when the browser read the whole stream, 'cancelled' when it gave up (or the link was released unused). */
  readonly served: Promise<'end' | 'cancelled'>;
}

/** The page's service worker container when a service worker controls the page, else null. */
export function transferWorker(): ServiceWorkerContainer | null {
  return typeof navigator !== 'undefined' && navigator.serviceWorker?.controller ? navigator.serviceWorker : null;
}

interface Entry {
  token: string;
  withdraw(): void;
}

/** Step 1: registers a token with the controller; `onOpen` gets each request's span and response port. */
async function register(
  container: ServiceWorkerContainer, details: Omit<RegisterMessage, 'type' | 'token'>, onOpen: (start: number, end: number, port: MessagePort) => void,
): Promise<Entry> {
  const controller = container.controller;
  if (!controller) throw new Error('No service worker controls this page.');
  const token = newId();
  const channel = new MessageChannel();
  const keepalive = setInterval(() => container.controller?.postMessage({ type: 'veilbox-transfer-keepalive' } satisfies KeepAliveMessage), KEEPALIVE_INTERVAL_MS);
  const withdraw = () => {
    clearInterval(keepalive);
    channel.port1.postMessage({ type: 'release' } satisfies EntryToWorker);
    channel.port1.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The service worker did not take the transfer.')), REGISTER_TIMEOUT_MS);
      channel.port1.onmessage = (event: MessageEvent<EntryToPage>) => {
        if (event.data.type === 'registered') { clearTimeout(timer); resolve(); }
        else if (event.data.type === 'open' && event.ports[0]) onOpen(event.data.start, event.data.end, event.ports[0]);
      };
      controller.postMessage({ type: 'veilbox-transfer-register', token, ...details } satisfies RegisterMessage, [channel.port2]);
    });
  } catch (error) {
    withdraw();
    throw error;
  }
  return { token, withdraw };
}

/** Offers `source` once at /download/<token>/<name>; the service worker answers it as an attachment. */
export async function offerDownload(
  container: ServiceWorkerContainer, source: ReadableStream<Uint8Array>, info: { fileName: string; size: number | null; mediaType: string },
): Promise<OfferedDownload> {
  let settle!: (served: Promise<'end' | 'cancelled'>) => void;
  const served = new Promise<'end' | 'cancelled'>((resolve) => { settle = (p) => resolve(p); });
  let opened = false;
  const entry = await register(container, { route: 'download', ...info }, (_start, _end, port) => {
    opened = true;
    const serving = serveOnPort(port, source);
    settle(serving);
    // The stream is over one way or the other: no more reason to keep the service worker up.
    void serving.finally(() => entry.withdraw()).catch(() => undefined);
  });
  return {
    url: `${DOWNLOAD_PATH}${entry.token}/${encodeURIComponent(info.fileName)}`,
    served,
    release() {
      if (opened) return;
      entry.withdraw();
      void source.cancel().catch(() => undefined);
      settle(Promise.resolve('cancelled'));
    },
  };
}

/** Offers a file's bytes at /media/<token> by range, each range read with `read`, until released. */
export async function offerMedia(
  container: ServiceWorkerContainer, info: { size: number; mediaType: string }, read: (span: { start: number; end: number }) => ReadableStream<Uint8Array>,
): Promise<OfferedTransfer> {
  const entry = await register(container, { route: 'media', fileName: '', ...info }, (start, end, port) => {
    // A failed or cancelled range ends only that response; the player asks again or shows its error.
    void serveOnPort(port, read({ start, end })).catch(() => undefined);
  });
  return { url: `${MEDIA_PATH}${entry.token}`, release: () => entry.withdraw() };
}
