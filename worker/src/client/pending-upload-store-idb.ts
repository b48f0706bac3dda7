// The browser's PendingUploadStore: one IndexedDB object store of sealed interrupted-upload records,
// indexed by account. Nothing in it is readable without the vault key.
import type { PendingUploadStore, StoredPendingUpload } from './pending-upload-store.js';

const DB_NAME = 'veilbox-pending-uploads';
const STORE = 'uploads';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class IndexedDbPendingUploadStore implements PendingUploadStore {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex('accountId', 'accountId');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return request(op(db.transaction(STORE, mode).objectStore(STORE)));
  }

  async list(accountId: string): Promise<StoredPendingUpload[]> {
    return (await this.run('readonly', (s) => s.index('accountId').getAll(accountId))) as StoredPendingUpload[];
  }

  async put(record: StoredPendingUpload): Promise<void> {
    await this.run('readwrite', (s) => s.put(record));
  }

  async delete(id: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(id));
  }
}
