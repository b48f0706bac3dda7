// The browser's folder-sync pairs and their sync log, in the origin's Dexie database (client/local-db.ts,
// tables syncPairs and syncLog): which picked folder (its FileSystemDirectoryHandle, which IndexedDB
// keeps as it is) syncs with which vault folder (by node id only), whether it is paused, and one log
// row per pass with its counts. The base itself is base-store-idb.ts.
import type { LocalDb } from '../client/local-db.js';
import type { SyncCounts, SyncError } from './sync-report.js';

export interface StoredSyncPair {
  id: string;
  accountId: string;
  /** The picked folder; the browser asks again for permission after a restart ([Note: Folder permission]). */
  handle: FileSystemDirectoryHandle;
  /** The vault folder's node id; its name is looked up in the unlocked tree, never stored here. */
  vaultFolderId: string;
  paused: boolean;
  createdAt: number;
}

export type SyncPassStatus = 'done' | 'paused' | 'failed';

export interface StoredSyncLogEntry {
  seq?: number;
  pairId: string;
  startedAt: number;
  finishedAt: number;
  status: SyncPassStatus;
  counts: SyncCounts;
  errors: SyncError[];
  /** The steps done, as "op path[ → to]" lines (at most LOG_STEPS of them). */
  steps: string[];
  /** A paused pass: the files it would remove. */
  deletions?: string[];
}

/** Passes kept per pair; older rows are dropped as new ones come. */
export const LOG_PASSES = 50;
/** Steps kept per pass row. */
export const LOG_STEPS = 200;

export class IdbSyncPairs {
  constructor(private readonly db: LocalDb) {}

  list(accountId: string): Promise<StoredSyncPair[]> {
    return this.db.syncPairs.where('accountId').equals(accountId).toArray();
  }

  get(id: string): Promise<StoredSyncPair | undefined> {
    return this.db.syncPairs.get(id);
  }

  async put(pair: StoredSyncPair): Promise<void> {
    await this.db.syncPairs.put(pair);
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', [this.db.syncPairs, this.db.syncLog, this.db.syncBase], async () => {
      await this.db.syncPairs.delete(id);
      await this.db.syncLog.where('pairId').equals(id).delete();
      await this.db.syncBase.where('pairId').equals(id).delete();
    });
  }

  async addLog(entry: StoredSyncLogEntry): Promise<void> {
    await this.db.transaction('rw', this.db.syncLog, async () => {
      await this.db.syncLog.add({ ...entry, steps: entry.steps.slice(0, LOG_STEPS) });
      const keys = await this.db.syncLog.where('pairId').equals(entry.pairId).primaryKeys();
      if (keys.length > LOG_PASSES) await this.db.syncLog.bulkDelete(keys.sort((a, b) => Number(a) - Number(b)).slice(0, keys.length - LOG_PASSES));
    });
  }

  /** Newest first. */
  async log(pairId: string, limit = LOG_PASSES): Promise<StoredSyncLogEntry[]> {
    return (await this.db.syncLog.where('pairId').equals(pairId).reverse().sortBy('seq')).slice(0, limit);
  }
}
