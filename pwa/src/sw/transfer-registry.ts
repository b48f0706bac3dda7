// The service worker's list of open transfers: token → the page's port and what to answer with. Filled
// by `register` messages from the page (step 1 of [Note: Transfers through the service worker]); a
// download token is taken out at its first use, a media token stays until the page releases it.
// Kept in memory only: nothing of it is ever written to a cache or to storage.
import { isRegisterMessage, type EntryToPage, type EntryToWorker, type RegisterMessage, type TransferRoute } from './transfer-protocol.js';

export interface TransferEntry {
  readonly route: TransferRoute;
  readonly size: number | null;
  readonly mediaType: string;
  readonly fileName: string;
  /** Asks the page for bytes [start, end) (or all when size is null) and returns the port the body comes on. */
  open(start: number, end: number): MessagePort;
}

export class TransferRegistry {
  private readonly entries = new Map<string, TransferEntry>();

  /** Handles a message from a page; false when it is not a registration. */
  register(data: unknown, ports: readonly MessagePort[]): boolean {
    const port = ports[0];
    if (!isRegisterMessage(data) || !port) return false;
    const message: RegisterMessage = data;
    const token = message.token;
    this.entries.set(token, {
      route: message.route, size: message.size, mediaType: message.mediaType, fileName: message.fileName,
      open(start, end) {
        const channel = new MessageChannel();
        port.postMessage({ type: 'open', start, end } satisfies EntryToPage, [channel.port2]);
        return channel.port1;
      },
    });
    port.onmessage = (event: MessageEvent<EntryToWorker>) => {
      if (event.data.type === 'release') { this.entries.delete(token); port.close(); }
    };
    port.postMessage({ type: 'registered' } satisfies EntryToPage);
    return true;
  }

  /** The entry for `token` on `route`; a download is single-use, so it is removed as it is found. */
  take(route: TransferRoute, token: string): TransferEntry | null {
    const entry = this.entries.get(token);
    if (!entry || entry.route !== route) return null;
    if (route === 'download') this.entries.delete(token);
    return entry;
  }
}
