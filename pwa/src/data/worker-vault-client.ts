// The main-thread VaultClient (pwa/src/state/vault-client.ts) over the comlink proxy of the crypto
// worker (worker/src/worker.ts). Its only jobs: turn AbortSignals into MessagePorts and callbacks into
// comlink proxies, transfer WritableStreams, make blob: URLs or service-worker links on the page side,
// and rethrow worker failures as VaultErrors. No crypto and no state beyond the event subscription.
import * as Comlink from 'comlink';
import type { WireEvent, WireProgress, WireUploadResult, WorkerApi } from '../../../worker/src/worker.js';
import type {
  ByteSpan, DownloadLink, DownloadOptions, DownloadTarget, OfflineChange, OfflineSummary, PendingUpload, PreviewHandle, UploadItem, UploadOptions, UploadResult,
  VaultClient, VaultEvent, VaultStatus, Unsubscribe, NodeId, RecoveryKeySheet, LogInOptions, SignUpOptions, VaultNode,
  VaultTree, FileVersion, DeviceInfo, StorageUsage,
} from '../state/vault-client.js';
import { vaultError } from '../state/vault-error.js';
import { afterFirstPiece } from '../sw/first-piece-stream.js';
import { offerDownload, transferWorker } from '../sw/offer-transfer.js';
import { call, fromWorkerError } from './worker-error.js';

/** A MessagePort the worker listens on; posting once means "abort". Transferred with the call. */
function abortPort(signal: AbortSignal | undefined): { port?: MessagePort; transfer: Transferable[] } {
  if (!signal) return { transfer: [] };
  if (signal.aborted) throw vaultError('cancelled');
  const channel = new MessageChannel();
  signal.addEventListener('abort', () => { channel.port1.postMessage('abort'); channel.port1.close(); }, { once: true });
  return { port: channel.port2, transfer: [channel.port2] };
}

function uploadResult(result: WireUploadResult): UploadResult {
  return { done: result.done, failed: result.failed.map((f) => ({ index: f.index, error: fromWorkerError(f.error) })), cancelled: result.cancelled, ...(result.queued ? { queued: true } : {}) };
}

/**
 * The bytes a worker call writes into a transferred pipe, as a stream that errors with the call's
 * VaultError: the error that crosses inside a transferred stream has lost its kind, and a call that
 * fails before it touches the pipe would otherwise leave the stream open for ever.
 */
function withCallErrors(source: ReadableStream<Uint8Array>, written: Promise<unknown>): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  // Rejects with the call's VaultError when it fails; never settles when it succeeds.
  const failed = written.then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  // Once the reader cancelled, the call fails because of it: nothing more to report.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await Promise.race([reader.read(), failed]);
        if (cancelled) return;
        if (!done) { controller.enqueue(value); return; }
        await written;
        controller.close();
      } catch (error) {
        if (cancelled) return;
        void reader.cancel().catch(() => undefined);
        controller.error(await written.then(() => fromWorkerError(error), (e: unknown) => fromWorkerError(e)));
      }
    },
    cancel: (reason) => { cancelled = true; return reader.cancel(reason); },
  }, { highWaterMark: 0 });
}

export class WorkerVaultClient implements VaultClient {
  private readonly listeners = new Set<(event: VaultEvent) => void>();
  private subscribed: Promise<unknown> | null = null;

  constructor(private readonly worker: Comlink.Remote<WorkerApi>) {}

  getStatus(): Promise<VaultStatus> { return call(this.worker.getStatus() as Promise<VaultStatus>); }
  signUp(login: string, password: string, options?: SignUpOptions): Promise<{ readonly recoveryKey: RecoveryKeySheet }> { return call(this.worker.signUp(login, password, options)); }
  confirmRecoverySaved(): Promise<void> { return call(this.worker.confirmRecoverySaved()); }
  newRecoveryKey(): Promise<RecoveryKeySheet> { return call(this.worker.newRecoveryKey()); }
  logIn(login: string, password: string, options?: LogInOptions): Promise<VaultStatus> { return call(this.worker.logIn(login, password, options) as Promise<VaultStatus>); }
  logInWithRecoveryKey(login: string, keyText: string, options?: LogInOptions): Promise<VaultStatus> { return call(this.worker.logInWithRecoveryKey(login, keyText, options) as Promise<VaultStatus>); }
  unlockWithDevice(): Promise<VaultStatus> { return call(this.worker.unlockWithDevice() as Promise<VaultStatus>); }
  lock(): Promise<void> { return call(this.worker.lock()); }
  logOut(options?: { readonly forgetDevice?: boolean }): Promise<void> { return call(this.worker.logOut(options)); }
  changePassword(oldPassword: string, newPassword: string): Promise<void> { return call(this.worker.changePassword(oldPassword, newPassword)); }
  setPasswordAfterRecovery(newPassword: string): Promise<void> { return call(this.worker.setPasswordAfterRecovery(newPassword)); }

  rememberDevice(label?: string): Promise<void> { return call(this.worker.rememberDevice(label)); }
  forgetDevice(): Promise<void> { return call(this.worker.forgetDevice()); }
  listDevices(): Promise<readonly DeviceInfo[]> { return call(this.worker.listDevices()); }
  revokeDevice(id: string): Promise<void> { return call(this.worker.revokeDevice(id)); }

  listTree(): Promise<VaultTree> { return call(this.worker.listTree()); }
  createFolder(parentId: NodeId, name: string): Promise<VaultNode> { return call(this.worker.createFolder(parentId, name)); }
  rename(id: NodeId, name: string): Promise<VaultNode> { return call(this.worker.rename(id, name)); }
  move(ids: readonly NodeId[], parentId: NodeId): Promise<void> { return call(this.worker.move([...ids], parentId)); }
  trash(ids: readonly NodeId[]): Promise<void> { return call(this.worker.trash([...ids])); }
  restore(ids: readonly NodeId[]): Promise<void> { return call(this.worker.restore([...ids])); }
  deleteForever(ids: readonly NodeId[]): Promise<void> { return call(this.worker.deleteForever([...ids])); }
  emptyTrash(): Promise<void> { return call(this.worker.emptyTrash()); }
  versions(id: NodeId): Promise<readonly FileVersion[]> { return call(this.worker.versions(id)); }
  restoreVersion(id: NodeId, version: number): Promise<VaultNode> { return call(this.worker.restoreVersion(id, version)); }

  async upload(parentId: NodeId, items: readonly UploadItem[], options: UploadOptions): Promise<UploadResult> {
    const { port, transfer } = abortPort(options.signal);
    const onProgress = options.onProgress;
    const wireItems = items.map((i) => ({ file: i.file, relativePath: i.relativePath }));
    // comlink proxies top-level arguments only, so the callback travels as its own argument.
    const progress = onProgress && Comlink.proxy((p: WireProgress) => onProgress({ ...p, error: p.error && fromWorkerError(p.error) }));
    return uploadResult(await call(this.worker.upload(parentId, wireItems, Comlink.transfer({ conflict: options.conflict, abort: port }, transfer), progress)));
  }

  pendingUploads(): Promise<readonly PendingUpload[]> { return call(this.worker.pendingUploads()); }

  async resumeUploads(matches: readonly { readonly pendingId: string; readonly file: File }[], options: Omit<UploadOptions, 'conflict'>): Promise<UploadResult> {
    const { port, transfer } = abortPort(options.signal);
    const onProgress = options.onProgress;
    const progress = onProgress && Comlink.proxy((p: WireProgress) => onProgress({ ...p, error: p.error && fromWorkerError(p.error) }));
    const wire = matches.map((m) => ({ pendingId: m.pendingId, file: m.file }));
    return uploadResult(await call(this.worker.resumeUploads(wire, Comlink.transfer({ abort: port }, transfer), progress)));
  }

  discardPendingUpload(pendingId: string): Promise<void> { return call(this.worker.discardPendingUpload(pendingId)); }

  async downloadTo(id: NodeId, target: DownloadTarget, options: DownloadOptions = {}): Promise<DownloadLink | null> {
    const { port, transfer } = abortPort(options.signal);
    const onProgress = options.onProgress;
    const wireOptions = Comlink.transfer({ abort: port }, transfer);
    const progress = onProgress && Comlink.proxy((d: number, t: number) => onProgress(d, t));
    if (target === 'url') {
      const container = transferWorker();
      if (container) return this.streamedDownload(container, id, wireOptions, progress);
      // No service worker controls the page (first visit in some browsers, or it is off): a blob URL.
      const result = await call(this.worker.downloadTo(id, 'url', wireOptions, progress));
      if (!result) throw vaultError('server', 'The worker returned no file.');
      const url = URL.createObjectURL(result.blob);
      return { url, fileName: result.fileName, release: () => URL.revokeObjectURL(url) };
    }
    // [Note: Saving from the worker] A file handle goes to the worker, which opens the file and writes it
    // there: piped through the page, every batch was copied across and written from the main thread,
    // which then spent more time on the download than the worker decrypting it.
    if (!(target instanceof WritableStream)) {
      await call(this.worker.downloadTo(id, target, wireOptions, progress));
      return null;
    }
    // Any other stream: the worker writes into a plain transferable stream and the page pipes it on (a
    // file's own writable, FileSystemWritableFileStream, is not transferred: that crashed Chromium's renderer).
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    const written = pipe.readable.pipeTo(target);
    written.catch(() => undefined);
    try {
      await call(this.worker.downloadTo(id, Comlink.transfer(pipe.writable, [pipe.writable as unknown as Transferable]), wireOptions, progress));
    } catch (error) {
      await target.abort(error).catch(() => undefined);
      throw error;
    }
    await written;
    return null;
  }

  /**
   * A /download/ link the service worker answers with the decrypted stream ([Note: Transfers through
   * the service worker]); bytes cross this thread one batch at a time, as the browser reads them.
   */
  private async streamedDownload(
    container: ServiceWorkerContainer, id: NodeId, wireOptions: { abort?: MessagePort }, progress: ((d: number, t: number) => void) | undefined,
  ): Promise<DownloadLink> {
    const info = await call(this.worker.downloadInfo(id));
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    const written = call(this.worker.downloadTo(id, Comlink.transfer(pipe.writable, [pipe.writable as unknown as Transferable]), wireOptions, progress));
    written.catch(() => undefined);
    const body = withCallErrors(pipe.readable, written).getReader();
    const source = await afterFirstPiece(() => body.read(), (reason) => body.cancel(reason));
    let offer;
    try {
      offer = await offerDownload(container, source, info);
    } catch (error) {
      void source.cancel().catch(() => undefined);
      throw vaultError('unsupported', `The service worker did not take the download: ${error instanceof Error ? error.message : String(error)}`);
    }
    // A decrypt that fails (or is cancelled in the app) before the browser opened the link withdraws it.
    let failure: unknown = null;
    written.catch((error: unknown) => { failure = error; offer.release(); });
    const finished = offer.served.then((how) => {
      if (how === 'end') return written.then(() => undefined);
      if (failure) throw failure;
      throw vaultError('cancelled', 'The browser stopped reading the download.');
    }, (error: unknown) => { throw fromWorkerError(error); });
    finished.catch(() => undefined);
    return { url: offer.url, fileName: info.fileName, finished, release: () => offer.release() };
  }

  readRange(id: NodeId, range: ByteSpan, options: { readonly signal?: AbortSignal } = {}): ReadableStream<Uint8Array> {
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    let written: Promise<void>;
    try {
      const { port, transfer } = abortPort(options.signal);
      written = call(this.worker.readRange(id, { start: range.start, end: range.end },
        Comlink.transfer(pipe.writable, [pipe.writable as unknown as Transferable]), Comlink.transfer({ abort: port }, transfer)));
    } catch (error) {
      written = Promise.reject(error);
    }
    written.catch(() => undefined);
    return withCallErrors(pipe.readable, written);
  }

  async previewUrl(id: NodeId, options: { readonly signal?: AbortSignal } = {}): Promise<PreviewHandle> {
    const { port, transfer } = abortPort(options.signal);
    const { blob, mediaType } = await call(this.worker.previewBlob(id, Comlink.transfer({ abort: port }, transfer)));
    const url = URL.createObjectURL(blob);
    return { url, mediaType, release: () => URL.revokeObjectURL(url) };
  }

  readText(id: NodeId, options: { readonly maxBytes: number; readonly signal?: AbortSignal }): Promise<{ readonly text: string; readonly truncated: boolean }> {
    const { port, transfer } = abortPort(options.signal);
    return call(this.worker.readText(id, Comlink.transfer({ maxBytes: options.maxBytes, abort: port }, transfer)));
  }

  readBytes(id: NodeId, options: { readonly maxBytes: number; readonly signal?: AbortSignal }): Promise<Uint8Array> {
    const { port, transfer } = abortPort(options.signal);
    return call(this.worker.readBytes(id, Comlink.transfer({ maxBytes: options.maxBytes, abort: port }, transfer)));
  }

  usage(): Promise<StorageUsage> { return call(this.worker.usage()); }
  setAvailableOffline(ids: readonly NodeId[], available: boolean): Promise<OfflineSummary> { return call(this.worker.setAvailableOffline([...ids], available)); }
  offlineSummary(): Promise<OfflineSummary> { return call(this.worker.offlineSummary()); }
  clearOffline(): Promise<OfflineSummary> { return call(this.worker.clearOffline()); }
  offlineChangesWaiting(): Promise<readonly OfflineChange[]> { return call(this.worker.offlineChangesWaiting()); }
  discardOfflineChange(id: string): Promise<void> { return call(this.worker.discardOfflineChange(id)); }
  sendWaitingChanges(): Promise<void> { return call(this.worker.sendWaitingChanges()); }

  onChange(listener: (event: VaultEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    // One worker subscription for all page listeners, made on first use.
    this.subscribed ??= this.worker.subscribe(Comlink.proxy((event: WireEvent) => {
      const out: VaultEvent = event.type === 'problem' ? { type: 'problem', error: fromWorkerError(event.error) } : event;
      for (const l of this.listeners) l(out);
    }));
    return () => { this.listeners.delete(listener); };
  }
}
