// The browser's SyncBase (base-store.ts) in IndexedDB, through the origin's one Dexie database
// (client/local-db.ts, table syncBase): one row per path the folder and the vault agreed on, keyed by
// sync pair and path key, each step's change in one transaction, so a pass cut by a closed tab or a
// reload resumes from the last step that finished ([Note: Resuming a cut pass]).
// [Note: Sync base in the clear] The rows hold the synced folder's relative paths and content hashes
// unencrypted, as the helper's SQLite base does: they describe a folder this device already holds in
// plaintext, and the engine reads them before every pass.
import type { LocalDb } from '../client/local-db.js';
import type { BaseChange, BaseEntry, SyncBase } from './base-store.js';
import { pathKey } from './sync-paths.js';

export interface StoredSyncBaseEntry extends BaseEntry { pairId: string; key: string }

/** Above every key continuing with `/`: the upper bound of a folder's subtree range. */
const HIGH = '\uffff';

export class IdbSyncBase implements SyncBase {
  constructor(private readonly db: LocalDb, readonly pairId: string) {}

  async entries(): Promise<BaseEntry[]> {
    const rows = await this.db.syncBase.where('pairId').equals(this.pairId).toArray();
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ pairId: _p, key: _k, ...entry }) => entry);
  }

  async apply(change: BaseChange): Promise<void> {
    const table = this.db.syncBase;
    await this.db.transaction('rw', table, async () => {
      for (const path of change.remove ?? []) await table.delete([this.pairId, pathKey(path)]);
      for (const tree of change.removeTrees ?? []) {
        const key = pathKey(tree);
        await table.delete([this.pairId, key]);
        await table.where('[pairId+key]').between([this.pairId, `${key}/`], [this.pairId, `${key}/${HIGH}`], true, true).delete();
      }
      if (change.put && change.put.length > 0) await table.bulkPut(change.put.map((e) => ({ ...e, pairId: this.pairId, key: pathKey(e.path) })));
    });
  }

  /** Forgets the pair's whole base (a pair removed, or pointed at another vault folder). */
  async clear(): Promise<void> {
    await this.db.syncBase.where('pairId').equals(this.pairId).delete();
  }
}
