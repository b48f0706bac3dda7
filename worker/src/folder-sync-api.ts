// Folder sync's part of the crypto worker's comlink API, spread into worker.ts's `api` (like share-api.ts):
// logic-free pass-throughs to BrowserFolderSync (sync/browser-folder-sync.ts), failures leaving as
// serialized ClientErrors ([Note: Error kinds across the worker boundary]). Folder handles cross comlink
// by structured clone, as they do into IndexedDB.
import * as Comlink from 'comlink';
import { serializeClientError, toClientError } from './client/client-error.js';
import { localDb } from './client/local-db.js';
import type { VaultCore } from './client/vault-core.js';
import { BrowserFolderSync } from './sync/browser-folder-sync.js';
import type { FolderSyncStatus } from './sync/browser-sync-runner.js';

function guard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

export function folderSyncApi(core: VaultCore, device: string) {
  // Made with the worker, so the pairs start syncing as soon as the vault unlocks, whichever page is open.
  const sync = new BrowserFolderSync(core, localDb(), { device });
  const folders = () => sync;
  return {
    folderSyncList: () => guard(folders().list()),
    folderSyncAdd: (handle: FileSystemDirectoryHandle, vaultFolderId: string) => guard(folders().add(handle, vaultFolderId)),
    folderSyncLog: (pairId: string, limit?: number) => guard(folders().log(pairId, limit)),
    folderSyncHandle: (pairId: string) => guard(folders().handle(pairId)),
    folderSyncSetPaused: (pairId: string, paused: boolean) => guard(folders().setPaused(pairId, paused)),
    folderSyncRemove: (pairId: string) => guard(folders().remove(pairId)),
    folderSyncConfirmDeletions: (pairId: string) => guard(folders().confirmDeletions(pairId)),
    folderSyncReconnect: (pairId: string) => guard(folders().reconnect(pairId)),
    folderSyncNow: (pairId: string) => guard(folders().syncNow(pairId)),
    /** The listener is a comlink proxy; the returned function (also proxied) unsubscribes. */
    folderSyncSubscribe: (listener: (status: FolderSyncStatus) => void) =>
      Comlink.proxy(folders().onStatus((status) => { void listener(status); })),
  };
}
