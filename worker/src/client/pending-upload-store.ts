// Where this device keeps interrupted uploads between page loads: sealed records (pending-uploads.ts
// seals them), keyed by account and id. The browser keeps them in IndexedDB
// (pending-upload-store-idb.ts); Node and tests keep them in memory.

export interface StoredPendingUpload {
  accountId: string;
  id: string;
  sealed: Uint8Array;
}

export interface PendingUploadStore {
  list(accountId: string): Promise<StoredPendingUpload[]>;
  put(record: StoredPendingUpload): Promise<void>;
  /** Several records in one write (a batch's records, saved before its first file goes). */
  putAll(records: readonly StoredPendingUpload[]): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemoryPendingUploadStore implements PendingUploadStore {
  private readonly records = new Map<string, StoredPendingUpload>();

  async list(accountId: string): Promise<StoredPendingUpload[]> {
    return [...this.records.values()].filter((r) => r.accountId === accountId);
  }

  async put(record: StoredPendingUpload): Promise<void> {
    this.records.set(record.id, { ...record, sealed: record.sealed.slice() });
  }

  async putAll(records: readonly StoredPendingUpload[]): Promise<void> {
    for (const record of records) await this.put(record);
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }

  /** Every record of every account, as stored (for inspection). */
  all(): StoredPendingUpload[] {
    return [...this.records.values()];
  }
}
