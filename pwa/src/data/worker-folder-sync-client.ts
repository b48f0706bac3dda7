// The main-thread FolderSyncClient (pwa/src/state/folder-sync-client.ts) over the crypto worker's folder
// sync calls (worker/src/folder-sync-api.ts): translation only, worker failures to VaultErrors. One
// worker subscription feeds every page listener.
import * as Comlink from 'comlink';
import type { folderSyncApi } from '../../../worker/src/folder-sync-api.js';
import type { FolderSyncClient, FolderSyncLogEntry, FolderSyncPair, FolderSyncStatus } from '../state/folder-sync-client.js';
import type { Unsubscribe } from '../state/vault-client.js';
import { call } from './worker-error.js';

type FolderSyncWorkerApi = ReturnType<typeof folderSyncApi>;

export class WorkerFolderSyncClient implements FolderSyncClient {
  private readonly listeners = new Set<(status: FolderSyncStatus) => void>();
  private subscribed: Promise<unknown> | null = null;

  constructor(private readonly worker: Comlink.Remote<FolderSyncWorkerApi>) {}

  list(): Promise<FolderSyncPair[]> { return call(this.worker.folderSyncList()); }
  add(handle: FileSystemDirectoryHandle, vaultFolderId: string): Promise<FolderSyncPair> { return call(this.worker.folderSyncAdd(handle, vaultFolderId)); }
  log(pairId: string, limit?: number): Promise<FolderSyncLogEntry[]> { return call(this.worker.folderSyncLog(pairId, limit)); }
  handle(pairId: string): Promise<FileSystemDirectoryHandle> { return call(this.worker.folderSyncHandle(pairId)); }
  setPaused(pairId: string, paused: boolean): Promise<void> { return call(this.worker.folderSyncSetPaused(pairId, paused)); }
  remove(pairId: string): Promise<void> { return call(this.worker.folderSyncRemove(pairId)); }
  confirmDeletions(pairId: string): Promise<void> { return call(this.worker.folderSyncConfirmDeletions(pairId)); }
  reconnect(pairId: string): Promise<void> { return call(this.worker.folderSyncReconnect(pairId)); }
  syncNow(pairId: string): Promise<void> { return call(this.worker.folderSyncNow(pairId)); }

  async subscribe(listener: (status: FolderSyncStatus) => void): Promise<Unsubscribe> {
    this.listeners.add(listener);
    this.subscribed ??= call(this.worker.folderSyncSubscribe(Comlink.proxy((status: FolderSyncStatus) => {
      for (const l of this.listeners) l(status);
    })));
    await this.subscribed;
    return () => { this.listeners.delete(listener); };
  }
}
