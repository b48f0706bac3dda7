// The main-thread ShareClient (pwa/src/state/share-client.ts) over the crypto worker's share calls
// (worker/src/share-api.ts). Like worker-vault-client.ts it only translates: abort signals to ports,
// callbacks to comlink proxies, transferred streams, worker failures to ShareProblems (reader) or
// VaultErrors (owner). Saving picks the browser's best streamed path: the save dialog where it exists,
// the service worker's download route where it doesn't (Firefox, Safari, phones: [Note: Transfers
// through the service worker]), and only without a service worker a blob URL.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../../worker/src/worker.js';
import type { NodeId } from '../state/vault-client.js';
import {
  ShareProblem, type NewShareOptions, type OwnedShare, type ShareClient, type ShareDownloadOptions, type SharedView, type ShareProblemKind, type ShareSelection,
} from '../state/share-client.js';
import { afterFirstPiece } from '../sw/first-piece-stream.js';
import { offerDownload, transferWorker } from '../sw/offer-transfer.js';
import { call } from './worker-error.js';
import { savePicker } from '../transfers/save-file.js';

interface WireShareError { __shareError: true; kind: ShareProblemKind; message: string; attemptsLeft?: number; retryAfterMs?: number }

function toProblem(error: unknown): ShareProblem {
  if (error instanceof ShareProblem) return error;
  const e = error as Partial<WireShareError> | null;
  if (e && typeof e === 'object' && e.__shareError === true && typeof e.kind === 'string') {
    return new ShareProblem(e.kind, e.message ?? '', e.attemptsLeft ?? null, e.retryAfterMs ?? null);
  }
  if (error instanceof DOMException && error.name === 'AbortError') return new ShareProblem('cancelled', 'The download was cancelled.');
  return new ShareProblem('server', `The crypto worker failed: ${error instanceof Error ? error.message : String(error)}`);
}

async function reader<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw toProblem(error);
  }
}

/** How long the share page waits for the service worker to take control on a first visit. */
const CONTROLLER_WAIT_MS = 4_000;

async function controllingWorker(): Promise<ServiceWorkerContainer | null> {
  const now = transferWorker();
  if (now || typeof navigator === 'undefined' || !navigator.serviceWorker) return now;
  // A link opened for the first time: the service worker installs and claims the page in a moment.
  await Promise.race([
    new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
    new Promise((resolve) => setTimeout(resolve, CONTROLLER_WAIT_MS)),
  ]);
  return transferWorker();
}

function clickLink(url: string, fileName: string | null): void {
  const a = document.createElement('a');
  a.href = url;
  // A service-worker link is a plain navigation (its answer is an attachment); Chromium cancels
  // `download`-attribute downloads answered by a service worker.
  if (fileName !== null) a.download = fileName;
  a.rel = 'noopener';
  a.click();
}

export class WorkerShareClient implements ShareClient {
  constructor(private readonly worker: Comlink.Remote<WorkerApi>, private readonly origin: string = location.origin) {}

  private link(path: string | null): string | null {
    return path === null ? null : `${this.origin}${path}`;
  }

  async createShare(nodeId: NodeId, options: NewShareOptions): Promise<OwnedShare> {
    const { linkPath, ...rest } = await call(this.worker.createShare(nodeId, { ...options }));
    return { ...rest, link: this.link(linkPath) };
  }

  async listShares(): Promise<readonly OwnedShare[]> {
    return (await call(this.worker.listShares())).map(({ linkPath, ...rest }) => ({ ...rest, link: this.link(linkPath) }));
  }

  revokeShare(shareId: string): Promise<void> { return call(this.worker.revokeShare(shareId)); }

  open(shareId: string, secret: string): Promise<SharedView> { return reader(this.worker.shareOpen(shareId, secret)); }
  unlock(shareId: string, password: string): Promise<SharedView> { return reader(this.worker.shareUnlock(shareId, password)); }

  async save(shareId: string, selection: ShareSelection, options: ShareDownloadOptions = {}): Promise<{ downloadsLeft: number | null; saved: boolean }> {
    const info = await reader(this.worker.shareDownloadInfo(shareId, { ...selection }));
    const picker = savePicker();
    if (picker) {
      let handle: FileSystemFileHandle;
      try {
        handle = await picker({ suggestedName: info.fileName });
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return { downloadsLeft: null, saved: false };
        throw e;
      }
      // [Note: Saving from the worker]: the worker opens the picked file and writes it.
      const { port, transfer } = this.abortPort(options.signal);
      const result = await reader(this.worker.shareDownload(shareId, { ...selection }, handle, Comlink.transfer({ abort: port }, transfer), this.progress(options)));
      return { downloadsLeft: result.downloadsLeft, saved: true };
    }
    const container = await controllingWorker();
    if (container) return { ...(await this.throughServiceWorker(container, shareId, selection, info, options)), saved: true };
    const { port, transfer } = this.abortPort(options.signal);
    const result = await reader(this.worker.shareDownload(shareId, { ...selection }, 'url', Comlink.transfer({ abort: port }, transfer), this.progress(options)));
    const url = URL.createObjectURL(result.blob!);
    clickLink(url, info.fileName);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { downloadsLeft: result.downloadsLeft, saved: true };
  }

  private abortPort(signal: AbortSignal | undefined): { port?: MessagePort; transfer: Transferable[] } {
    if (!signal) return { transfer: [] };
    if (signal.aborted) throw new ShareProblem('cancelled', 'The download was cancelled.');
    const channel = new MessageChannel();
    signal.addEventListener('abort', () => { channel.port1.postMessage('abort'); channel.port1.close(); }, { once: true });
    return { port: channel.port2, transfer: [channel.port2] };
  }

  private progress(options: ShareDownloadOptions) {
    const onProgress = options.onProgress;
    return onProgress && Comlink.proxy((d: number, t: number) => onProgress(d, t));
  }

  /** The worker writes into a plain transferable pipe; the page reads the other end. */
  private start(shareId: string, selection: ShareSelection, options: ShareDownloadOptions) {
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    const { port, transfer } = this.abortPort(options.signal);
    const written = reader(this.worker.shareDownload(shareId, { ...selection },
      Comlink.transfer(pipe.writable, [pipe.writable as unknown as Transferable]), Comlink.transfer({ abort: port }, transfer), this.progress(options)));
    written.catch(() => undefined);
    return { readable: pipe.readable, written };
  }

  private async throughServiceWorker(
    container: ServiceWorkerContainer, shareId: string, selection: ShareSelection, info: { fileName: string; size: number | null; mediaType: string }, options: ShareDownloadOptions,
  ) {
    const { readable, written } = this.start(shareId, selection, options);
    const body = readable.getReader();
    // Rejects with the call's ShareProblem when it fails; never settles when it succeeds.
    const failed = written.then(() => new Promise<never>(() => undefined));
    failed.catch(() => undefined);
    const next = async () => {
      try {
        return await Promise.race([body.read(), failed]);
      } catch (error) {
        void body.cancel().catch(() => undefined);
        throw toProblem(error);
      }
    };
    const source = await afterFirstPiece(next, (reason) => body.cancel(reason));
    let offer;
    try {
      offer = await offerDownload(container, source, info);
    } catch (error) {
      void source.cancel().catch(() => undefined);
      throw new ShareProblem('unsupported', `The browser did not take the download: ${error instanceof Error ? error.message : String(error)}`);
    }
    clickLink(offer.url, null);
    const how = await offer.served;
    offer.release();
    if (how !== 'end') {
      await written;
      throw new ShareProblem('cancelled', 'The browser stopped the download.');
    }
    return { downloadsLeft: (await written).downloadsLeft };
  }
}
