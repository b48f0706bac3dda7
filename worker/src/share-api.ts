// The share links' part of the crypto worker's comlink API, spread into worker.ts's `api`: owner
// calls (create, list, revoke) run on the unlocked VaultCore session and fail as ClientErrors; reader
// calls (open, unlock, download) need no account and fail as ShareErrors. Logic-free pass-throughs
// like the rest of worker.ts ([Note: Error kinds across the worker boundary]).
import { serializeClientError, toClientError } from './client/client-error.js';
import { RelayApi } from './client/relay-api.js';
import { writeFile, type CopyTarget } from './client/file-download.js';
import { serializeShareError, toShareError } from './client/share-error.js';
import { createShare, listShares, revokeShare, type CreateShareOptions } from './client/share-owner.js';
import { ShareReader, type ShareSelection } from './client/share-reader.js';
import type { VaultCore } from './client/vault-core.js';

function signalFrom(port: MessagePort | undefined): AbortSignal | undefined {
  if (!port) return undefined;
  const controller = new AbortController();
  port.onmessage = () => { controller.abort(new DOMException('Cancelled by the user.', 'AbortError')); port.close(); };
  return controller.signal;
}

function ownerGuard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

function readerGuard<T>(run: () => T | Promise<T>): Promise<T> {
  return Promise.resolve().then(run).catch((error: unknown) => { throw serializeShareError(toShareError(error)); });
}

export function shareApi(core: VaultCore, now: () => number = Date.now) {
  // Readers use no account: a client of their own that never carries the owner's bearer token.
  const reader = new ShareReader(new RelayApi({ baseUrl: core.api.baseUrl, sessionMode: 'cookie' }));
  return {
    createShare: (nodeId: string, options: CreateShareOptions) => ownerGuard(core.withSession((s) => createShare(s, nodeId, options, now()))),
    listShares: () => ownerGuard(core.withSession((s) => listShares(s))),
    revokeShare: (shareId: string) => ownerGuard(core.withSession((s) => revokeShare(s, shareId))),
    shareOpen: (shareId: string, secret: string) => readerGuard(() => reader.open(shareId, secret)),
    shareUnlock: (shareId: string, password: string) => readerGuard(() => reader.unlock(shareId, password)),
    shareDownloadInfo: (shareId: string, selection: ShareSelection) => readerGuard(() => reader.downloadInfo(shareId, selection)),
    /**
     * With target 'url' the bytes come back as a Blob (no service worker and no save dialog: small files
     * only); a file handle (the save dialog's) is opened and written here ([Note: Saving from the worker]).
     */
    shareDownload: (shareId: string, selection: ShareSelection, target: FileSystemFileHandle | WritableStream<Uint8Array> | 'url', options: { abort?: MessagePort } = {}, onProgress?: (done: number, total: number) => void) =>
      readerGuard(async (): Promise<{ downloadsLeft: number | null; blob: Blob | null }> => {
        const copy = { signal: signalFrom(options.abort), onProgress: onProgress && ((d: number, t: number) => void onProgress(d, t)) };
        if (target !== 'url') {
          const download = (sink: CopyTarget) => reader.download(shareId, selection, sink, copy);
          return { ...(await ('createWritable' in target ? writeFile(target, download) : download(target))), blob: null };
        }
        const parts: Uint8Array[] = [];
        const result = await reader.download(shareId, selection, new WritableStream({ write(chunk) { parts.push(chunk); } }), copy);
        return { ...result, blob: new Blob(parts as Uint8Array<ArrayBuffer>[], { type: reader.downloadInfo(shareId, selection).mediaType }) };
      }),
  };
}

export type ShareApi = ReturnType<typeof shareApi>;
