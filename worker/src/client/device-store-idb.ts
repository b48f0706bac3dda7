// The browser's DeviceStore: one IndexedDB database holding the remembered-device record, CryptoKey
// included (structured clone keeps it non-extractable). See [Note: Remembered device keys].
import type { DeviceRecord, DeviceStore } from './remembered-device.js';

const DB_NAME = 'veilbox-device';
const STORE = 'device';
const RECORD_KEY = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class IndexedDbDeviceStore implements DeviceStore {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return request(op(db.transaction(STORE, mode).objectStore(STORE)));
  }

  async load(): Promise<DeviceRecord | null> {
    return ((await this.run('readonly', (s) => s.get(RECORD_KEY))) as DeviceRecord | undefined) ?? null;
  }

  async save(record: DeviceRecord): Promise<void> {
    await this.run('readwrite', (s) => s.put(record, RECORD_KEY));
  }

  async clear(): Promise<void> {
    await this.run('readwrite', (s) => s.delete(RECORD_KEY));
  }
}
