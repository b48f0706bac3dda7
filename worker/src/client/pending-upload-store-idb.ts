// The browser's PendingUploadStore: sealed interrupted-upload records in the local database
// (local-db.ts), indexed by account. Nothing in them is readable without the vault key.
import { localDb } from './local-db.js';
import type { PendingUploadStore, StoredPendingUpload } from './pending-upload-store.js';

export class IndexedDbPendingUploadStore implements PendingUploadStore {
  list(accountId: string): Promise<StoredPendingUpload[]> {
    return localDb().pendingUploads.where('accountId').equals(accountId).toArray();
  }

  async put(record: StoredPendingUpload): Promise<void> {
    await localDb().pendingUploads.put(record);
  }

  async putAll(records: readonly StoredPendingUpload[]): Promise<void> {
    await localDb().pendingUploads.bulkPut([...records]);
  }

  async delete(id: string): Promise<void> {
    await localDb().pendingUploads.delete(id);
  }
}
