// The browser's OfflineStore, in the local database (local-db.ts). Blobs are kept as Blob values:
// Chromium stores large ones on disk, not in memory.
import { localDb } from './local-db.js';
import type { CachedBlob, CachedRecord, OfflineAccount, OfflineStore } from './offline-store.js';

export class IndexedDbOfflineStore implements OfflineStore {
  async saveAccount(account: OfflineAccount): Promise<void> {
    await localDb().offlineAccounts.put(account);
  }

  async account(login?: string): Promise<OfflineAccount | undefined> {
    const all = await localDb().offlineAccounts.orderBy('lastUsedAt').reverse().toArray();
    return login === undefined ? all[0] : all.find((a) => a.login === login);
  }

  records(accountId: string): Promise<CachedRecord[]> {
    return localDb().nodeRecords.where('accountId').equals(accountId).toArray();
  }

  async revision(accountId: string): Promise<number> {
    return (await localDb().cachedRevisions.get(accountId))?.revision ?? 0;
  }

  async applyChanges(accountId: string, revision: number, upserts: readonly CachedRecord[], removedIds: readonly string[]): Promise<void> {
    const db = localDb();
    await db.transaction('rw', db.nodeRecords, db.cachedRevisions, async () => {
      if (upserts.length) await db.nodeRecords.bulkPut([...upserts]);
      if (removedIds.length) await db.nodeRecords.bulkDelete(removedIds.map((id) => [accountId, id] as [string, string]));
      const kept = (await db.cachedRevisions.get(accountId))?.revision ?? 0;
      if (revision > kept) await db.cachedRevisions.put({ accountId, revision });
    });
  }

  async pins(accountId: string): Promise<string[]> {
    return (await localDb().offlinePins.where('accountId').equals(accountId).toArray()).map((p) => p.nodeId);
  }

  async setPinned(accountId: string, nodeIds: readonly string[], pinned: boolean): Promise<void> {
    const table = localDb().offlinePins;
    if (pinned) await table.bulkPut(nodeIds.map((nodeId) => ({ accountId, nodeId })));
    else await table.bulkDelete(nodeIds.map((nodeId) => [accountId, nodeId] as [string, string]));
  }

  async blob(blobId: string): Promise<Blob | undefined> {
    return (await localDb().offlineBlobs.get(blobId))?.data;
  }

  async blobs(accountId: string): Promise<{ blobId: string; size: number }[]> {
    return (await localDb().offlineBlobs.where('accountId').equals(accountId).toArray()).map(({ blobId, size }) => ({ blobId, size }));
  }

  async putBlob(blob: CachedBlob): Promise<void> {
    await localDb().offlineBlobs.put(blob);
  }

  async deleteBlobs(blobIds: readonly string[]): Promise<void> {
    await localDb().offlineBlobs.bulkDelete([...blobIds]);
  }
}
