// Where this device keeps changes made offline until they are sent (offline-changes.ts seals them): one
// sealed record per change, in the order made, and the ciphertext of each queued upload. The browser
// keeps them in IndexedDB (offline-change-store-idb.ts); Node and tests keep them in memory.

export interface StoredOfflineChange {
  accountId: string;
  id: string;
  /** Order of making: changes are sent in this order. */
  seq: number;
  sealed: Uint8Array;
}

/** A queued upload's sealed file, as it will go up (the relay's blob id comes when it is sent). */
export interface QueuedBlob { accountId: string; blobId: string; data: Blob }

export interface OfflineChangeStore {
  /** The account's changes, oldest first. */
  list(accountId: string): Promise<StoredOfflineChange[]>;
  put(change: StoredOfflineChange): Promise<void>;
  delete(id: string): Promise<void>;
  putBlob(blob: QueuedBlob): Promise<void>;
  blob(blobId: string): Promise<Blob | undefined>;
  deleteBlob(blobId: string): Promise<void>;
}

export class MemoryOfflineChangeStore implements OfflineChangeStore {
  private readonly changes = new Map<string, StoredOfflineChange>();
  private readonly blobs = new Map<string, QueuedBlob>();

  async list(accountId: string): Promise<StoredOfflineChange[]> {
    return [...this.changes.values()].filter((c) => c.accountId === accountId).sort((a, b) => a.seq - b.seq);
  }

  async put(change: StoredOfflineChange): Promise<void> { this.changes.set(change.id, { ...change, sealed: change.sealed.slice() }); }

  async delete(id: string): Promise<void> { this.changes.delete(id); }

  async putBlob(blob: QueuedBlob): Promise<void> { this.blobs.set(blob.blobId, blob); }

  async blob(blobId: string): Promise<Blob | undefined> { return this.blobs.get(blobId)?.data; }

  async deleteBlob(blobId: string): Promise<void> { this.blobs.delete(blobId); }

  /** Everything stored, as stored (for inspection in tests). */
  all(): { changes: StoredOfflineChange[]; blobs: QueuedBlob[] } {
    return { changes: [...this.changes.values()], blobs: [...this.blobs.values()] };
  }
}
