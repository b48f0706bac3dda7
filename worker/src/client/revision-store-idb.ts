// The browser's RevisionStore, in the local database (local-db.ts).
import { localDb } from './local-db.js';
import type { RevisionStore } from './revision-store.js';

export class IndexedDbRevisionStore implements RevisionStore {
  async load(accountId: string): Promise<number> {
    return (await localDb().revisions.get(accountId))?.revision ?? 0;
  }

  async raise(accountId: string, revision: number): Promise<void> {
    const db = localDb();
    await db.transaction('rw', db.revisions, async () => {
      const kept = (await db.revisions.get(accountId))?.revision ?? 0;
      if (revision > kept) await db.revisions.put({ accountId, revision });
    });
  }
}
