// The browser's OfflineChangeStore, in the local database (local-db.ts). Queued uploads are kept as
// Blob values (Chromium stores large ones on disk).
import { localDb } from './local-db.js';
import type { OfflineChangeStore, QueuedBlob, StoredOfflineChange } from './offline-change-store.js';

export class IndexedDbOfflineChangeStore implements OfflineChangeStore {
  async list(accountId: string): Promise<StoredOfflineChange[]> {
    return (await localDb().offlineChanges.where('accountId').equals(accountId).toArray()).sort((a, b) => a.seq - b.seq);
  }

  async put(change: StoredOfflineChange): Promise<void> { await localDb().offlineChanges.put(change); }

  async delete(id: string): Promise<void> { await localDb().offlineChanges.delete(id); }

  async putBlob(blob: QueuedBlob): Promise<void> { await localDb().queuedBlobs.put(blob); }

  async blob(blobId: string): Promise<Blob | undefined> { return (await localDb().queuedBlobs.get(blobId))?.data; }

  async deleteBlob(blobId: string): Promise<void> { await localDb().queuedBlobs.delete(blobId); }
}
