// The one IndexedDB database this origin keeps, through Dexie: the remembered device (a wrapped token
// and a non-extractable CryptoKey), interrupted uploads (sealed under the vault), the highest
// change-log revision seen per account (rollback detection across reloads, DESIGN.md §2), and what
// opens the vault offline (offline-store.ts: wrapped keys, sealed records, ciphertext blobs), and changes
// made offline until they are sent (offline-change-store.ts: sealed records, sealed files). Nothing in
// it is readable without the vault key or the device key, except folder sync's pairs, base and log, which
// describe a folder this device holds in plaintext anyway ([Note: Sync base in the clear] in
// sync/base-store-idb.ts); it is opened lazily, in the crypto worker.
import { Dexie, type EntityTable } from 'dexie';
import type { CachedBlob, CachedRecord, OfflineAccount } from './offline-store.js';
import type { QueuedBlob, StoredOfflineChange } from './offline-change-store.js';
import type { StoredPendingUpload } from './pending-upload-store.js';
import type { StoredSyncBaseEntry } from '../sync/base-store-idb.js';
import type { StoredSyncLogEntry, StoredSyncPair } from '../sync/sync-pairs-idb.js';
import type { DeviceRecord } from './remembered-device.js';

export interface StoredDevice extends DeviceRecord { slot: string }
export interface StoredRevision { accountId: string; revision: number }

export type LocalDb = Dexie & {
  device: EntityTable<StoredDevice, 'slot'>;
  pendingUploads: EntityTable<StoredPendingUpload, 'id'>;
  revisions: EntityTable<StoredRevision, 'accountId'>;
  offlineAccounts: EntityTable<OfflineAccount, 'accountId'>;
  nodeRecords: Dexie.Table<CachedRecord, [string, string]>;
  cachedRevisions: EntityTable<StoredRevision, 'accountId'>;
  offlinePins: Dexie.Table<{ accountId: string; nodeId: string }, [string, string]>;
  offlineBlobs: EntityTable<CachedBlob, 'blobId'>;
  // Folder sync (sync/sync-pairs-idb.ts, sync/base-store-idb.ts): see [Note: Sync base in the clear].
  syncPairs: EntityTable<StoredSyncPair, 'id'>;
  syncLog: EntityTable<StoredSyncLogEntry, 'seq'>;
  syncBase: Dexie.Table<StoredSyncBaseEntry, [string, string]>;
  offlineChanges: EntityTable<StoredOfflineChange, 'id'>;
  queuedBlobs: EntityTable<QueuedBlob, 'blobId'>;
};

export const LOCAL_DB_NAME = 'veilbox';

let opened: LocalDb | null = null;

export function localDb(): LocalDb {
  if (!opened) {
    const db = new Dexie(LOCAL_DB_NAME) as LocalDb;
    db.version(1).stores({ device: 'slot', pendingUploads: 'id, accountId', revisions: 'accountId' });
    db.version(2).stores({
      offlineAccounts: 'accountId, lastUsedAt', nodeRecords: '[accountId+id], accountId', cachedRevisions: 'accountId',
      offlinePins: '[accountId+nodeId], accountId', offlineBlobs: 'blobId, accountId',
    });
    db.version(3).stores({ offlineChanges: 'id, accountId', queuedBlobs: 'blobId, accountId' });
    db.version(4).stores({ syncPairs: 'id, accountId', syncLog: '++seq, pairId', syncBase: '[pairId+key], pairId' });
    opened = db;
  }
  return opened;
}
