// The crypto Web Worker's comlink entry: one VaultCore for this browser, exposed as logic-free
// pass-throughs. Only translation happens here: AbortSignals arrive as MessagePorts, errors leave as
// plain objects ([Note: Error kinds across the worker boundary]), callbacks arrive as comlink proxies.
import * as Comlink from 'comlink';
import { serializeClientError, toClientError, type SerializedClientError } from './client/client-error.js';
import { IndexedDbDeviceStore } from './client/device-store-idb.js';
import { IndexedDbPendingUploadStore } from './client/pending-upload-store-idb.js';
import { IndexedDbRevisionStore } from './client/revision-store-idb.js';
import { IndexedDbOfflineStore } from './client/offline-store-idb.js';
import { IndexedDbOfflineChangeStore } from './client/offline-change-store-idb.js';
import type { FileSource } from './client/file-upload.js';
import type { PlainRange } from './client/file-range.js';
import { writeFile } from './client/file-download.js';
import { browserWebSocket } from './client/live-events.js';
import { dropApi } from './client/drop-api.js';
import { pairingApi } from './client/pairing-api.js';
import { helperSettingsApi } from './client/helper-settings-api.js';
import type { UploadItemProgress, UploadItemsResult } from './client/tree-uploads.js';
import { VaultCore, type ClientEvent, type LogInOptions } from './client/vault-core.js';
import { shareApi } from './share-api.js';
import { folderSyncApi } from './folder-sync-api.js';
import { runArgon2idWith } from './format/argon2id.js';
import { argon2idInThrowawayWorker } from './argon2id-throwaway.js';

runArgon2idWith(argon2idInThrowawayWorker);

/** This browser as devices and conflict copies name it. */
const deviceLabel = `Browser (${(navigator.userAgent.match(/(Firefox|Edg|Chrome|Safari)\/\d+/)?.[0] ?? 'web').replace('Edg', 'Edge')})`;

const core = new VaultCore({
  baseUrl: '', sessionMode: 'cookie', deviceStore: new IndexedDbDeviceStore(), pendingUploadStore: new IndexedDbPendingUploadStore(), revisionStore: new IndexedDbRevisionStore(), offlineStore: new IndexedDbOfflineStore(), offlineChangeStore: new IndexedDbOfflineChangeStore(), webSocket: browserWebSocket,
  defaultDeviceLabel: deviceLabel,
});

/** A port the page posts to once when its AbortSignal fires. */
function signalFrom(port: MessagePort | undefined): AbortSignal | undefined {
  if (!port) return undefined;
  const controller = new AbortController();
  port.onmessage = () => { controller.abort(new DOMException('Cancelled by the user.', 'AbortError')); port.close(); };
  return controller.signal;
}

function guard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

export type WireProgress = Omit<UploadItemProgress, 'error'> & { error?: SerializedClientError };
export interface WireUploadResult { done: UploadItemsResult['done']; failed: { index: number; error: SerializedClientError }[]; cancelled: boolean; queued?: boolean }
export type WireEvent = Exclude<ClientEvent, { type: 'problem' }> | { type: 'problem'; error: SerializedClientError };

function wireResult(result: UploadItemsResult): WireUploadResult {
  return { ...result, failed: result.failed.map((f) => ({ index: f.index, error: serializeClientError(f.error) })) };
}

interface Abortable { abort?: MessagePort }

const api = {
  ...dropApi(core, browserWebSocket),
  ...pairingApi(core, self.location.origin),
  ...helperSettingsApi(core),
  getStatus: () => guard(core.getStatus()),
  signUp: (login: string, password: string, options?: { inviteCode?: string }) => guard(core.signUp(login, password, options)),
  confirmRecoverySaved: () => guard(core.confirmRecoverySaved()),
  newRecoveryKey: () => guard(core.newRecoveryKey()),
  logIn: (login: string, password: string, options?: LogInOptions) => guard(core.logIn(login, password, options)),
  logInWithRecoveryKey: (login: string, keyText: string, options?: LogInOptions) => guard(core.logInWithRecoveryKey(login, keyText, options)),
  unlockWithDevice: () => guard(core.unlockWithDevice()),
  lock: () => guard(core.lock()),
  logOut: (options?: { forgetDevice?: boolean }) => guard(core.logOut(options)),
  changePassword: (oldPassword: string, newPassword: string) => guard(core.changePassword(oldPassword, newPassword)),
  setPasswordAfterRecovery: (newPassword: string) => guard(core.setPasswordAfterRecovery(newPassword)),
  rememberDevice: (label?: string) => guard(core.rememberDevice(label)),
  forgetDevice: () => guard(core.forgetDevice()),
  listDevices: () => guard(core.listDevices()),
  revokeDevice: (id: string) => guard(core.revokeDevice(id)),
  listTree: () => guard(core.listTree()),
  createFolder: (parentId: string, name: string) => guard(core.createFolder(parentId, name)),
  rename: (id: string, name: string) => guard(core.rename(id, name)),
  move: (ids: string[], parentId: string) => guard(core.move(ids, parentId)),
  trash: (ids: string[]) => guard(core.trash(ids)),
  restore: (ids: string[]) => guard(core.restore(ids)),
  deleteForever: (ids: string[]) => guard(core.deleteForever(ids)),
  emptyTrash: () => guard(core.emptyTrash()),
  versions: (id: string) => guard(core.versions(id)),
  restoreVersion: (id: string, version: number) => guard(core.restoreVersion(id, version)),
  // Callbacks are top-level arguments: comlink proxies only those, never a function inside an object.
  upload: (parentId: string, items: { file: FileSource; relativePath: string }[], options: Abortable & { conflict: 'keep-both' | 'replace' }, onProgress?: (p: WireProgress) => void) =>
    guard(core.upload(parentId, items, {
      conflict: options.conflict,
      signal: signalFrom(options.abort),
      onProgress: onProgress && ((p) => void onProgress({ ...p, error: p.error && serializeClientError(p.error) })),
    }).then(wireResult)),
  pendingUploads: () => guard(core.pendingUploads()),
  resumeUploads: (matches: { pendingId: string; file: FileSource }[], options: Abortable, onProgress?: (p: WireProgress) => void) =>
    guard(core.resumeUploads(matches, {
      signal: signalFrom(options.abort),
      onProgress: onProgress && ((p) => void onProgress({ ...p, error: p.error && serializeClientError(p.error) })),
    }).then(wireResult)),
  discardPendingUpload: (pendingId: string) => guard(core.discardPendingUpload(pendingId)),
  /** A file handle (the save dialog's) is opened here: [Note: Saving from the worker] in pwa/src/data/worker-vault-client.ts. */
  downloadTo: (id: string, target: FileSystemFileHandle | WritableStream<Uint8Array> | 'url', options: Abortable = {}, onProgress?: (done: number, total: number) => void) =>
    guard((() => {
      const copy = { signal: signalFrom(options.abort), onProgress: onProgress && ((d: number, t: number) => void onProgress(d, t)) };
      if (typeof target === 'object' && 'createWritable' in target) return writeFile(target, (file) => core.downloadTo(id, file, copy));
      return core.downloadTo(id, target, copy);
    })()),
  downloadInfo: (id: string) => guard(core.downloadInfo(id)),
  readRange: (id: string, range: PlainRange, target: WritableStream<Uint8Array>, options: Abortable = {}) =>
    guard(core.readRange(id, range, target, { signal: signalFrom(options.abort) })),
  previewBlob: (id: string, options: Abortable = {}) => guard(core.previewBlob(id, { signal: signalFrom(options.abort) })),
  readText: (id: string, options: Abortable & { maxBytes: number }) => guard(core.readText(id, { maxBytes: options.maxBytes, signal: signalFrom(options.abort) })),
  readBytes: (id: string, options: Abortable & { maxBytes: number }) => guard(core.readBytes(id, { maxBytes: options.maxBytes, signal: signalFrom(options.abort) })),
  usage: () => guard(core.usage()),
  setAvailableOffline: (ids: string[], available: boolean) => guard(core.setAvailableOffline(ids, available)),
  offlineSummary: () => guard(core.offlineSummary()),
  clearOffline: () => guard(core.clearOffline()),
  offlineChangesWaiting: () => guard(core.offlineChangesWaiting()),
  discardOfflineChange: (id: string) => guard(core.discardOfflineChange(id)),
  sendWaitingChanges: () => guard(core.sendWaitingChanges()),
  ...shareApi(core),
  ...folderSyncApi(core, deviceLabel),
  /** The listener is a comlink proxy; the returned function (also proxied) unsubscribes. */
  subscribe: (listener: (event: WireEvent) => void) =>
    Comlink.proxy(core.onChange((event) => {
      void listener(event.type === 'problem' ? { type: 'problem', error: serializeClientError(event.error) } : event);
    })),
};

export type WorkerApi = typeof api;

Comlink.expose(api);
