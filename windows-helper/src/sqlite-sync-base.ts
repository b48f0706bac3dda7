// The helper's SyncBase (worker/src/sync/base-store.ts) in a local SQLite file (better-sqlite3): one row
// per path the folder and the vault agreed on, per sync pair, each step's change applied whole in a
// transaction (steps that finish together share one, [Note: Base changes together]), so a helper killed
// at any moment restarts from steps that finished. The same file keeps which vault folder each local
// folder is paired with.
import Database from 'better-sqlite3';
import type { BaseChange, BaseEntry, SyncBase } from '../../worker/src/sync/index.js';
import { pathKey } from '../../worker/src/sync/sync-paths.js';

type Db = InstanceType<typeof Database>;
type Statement = Database.Statement<unknown[]>;

interface Row { path: string; kind: 'file' | 'folder'; node_id: string; version: number; size: number; mtime: number; content_hash: string | null }

export function openSyncDb(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL: a commit survives the helper being killed; only a power cut can lose the last
  // few, and a step whose base change was lost is recorded again by the next pass without sending
  // anything twice ([Note: Resuming a cut pass] in worker/src/sync/executor.ts).
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS pairs (local_folder TEXT PRIMARY KEY, vault_folder_id TEXT NOT NULL, vault_path TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS base (
      pair TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL, node_id TEXT NOT NULL,
      version INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, content_hash TEXT,
      PRIMARY KEY (pair, key)
    );`);
  return db;
}

export interface PairRecord { localFolder: string; vaultFolderId: string; vaultPath: string }

export function loadPair(db: Db, localFolder: string): PairRecord | null {
  const row = db.prepare('SELECT vault_folder_id AS id, vault_path AS path FROM pairs WHERE local_folder = ?').get(localFolder) as { id: string; path: string } | undefined;
  return row ? { localFolder, vaultFolderId: row.id, vaultPath: row.path } : null;
}

/** Pairs the folder with a vault folder; a different vault folder than before starts from an empty base. */
export function savePair(db: Db, pair: PairRecord): void {
  db.transaction(() => {
    const old = loadPair(db, pair.localFolder);
    if (old && old.vaultFolderId !== pair.vaultFolderId) db.prepare('DELETE FROM base WHERE pair = ?').run(pair.localFolder);
    db.prepare('INSERT OR REPLACE INTO pairs (local_folder, vault_folder_id, vault_path) VALUES (?, ?, ?)').run(pair.localFolder, pair.vaultFolderId, pair.vaultPath);
  })();
}

export function forgetAllPairs(db: Db): void {
  db.exec('DELETE FROM base; DELETE FROM pairs;');
}

/*
 * [Note: Base changes together]
 * A pass of many small files finishes hundreds of transfers at once (one batch answer from the relay),
 * and a transaction per change cost ~50 µs each on the helper's thread. Changes made in the same turn of
 * the event loop go into one transaction at the next turn; each apply() still settles only once its
 * change is committed, and a failed transaction fails every change in it. A pass reading the base
 * (entries) commits what is waiting first.
 */

export class SqliteSyncBase implements SyncBase {
  /** Changes waiting for the next transaction, with their callers. */
  private waiting: { change: BaseChange; resolve: () => void; reject: (error: unknown) => void }[] = [];
  // Prepared once: a pass applies one change per file, and preparing per change showed in profiles.
  private readonly remove: Statement;
  private readonly removeTree: Statement;
  private readonly put: Statement;

  constructor(private readonly db: Db, private readonly pair: string) {
    this.remove = db.prepare('DELETE FROM base WHERE pair = ? AND key = ?');
    this.removeTree = db.prepare("DELETE FROM base WHERE pair = ? AND (key = ? OR substr(key, 1, length(?) + 1) = ? || '/')");
    this.put = db.prepare('INSERT OR REPLACE INTO base (pair, key, path, kind, node_id, version, size, mtime, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  async entries(): Promise<BaseEntry[]> {
    this.commitWaiting();
    const rows = this.db.prepare('SELECT path, kind, node_id, version, size, mtime, content_hash FROM base WHERE pair = ? ORDER BY key').all(this.pair) as Row[];
    return rows.map((r) => ({ path: r.path, kind: r.kind, nodeId: r.node_id, version: r.version, size: r.size, mtime: r.mtime, contentHash: r.content_hash }));
  }

  apply(change: BaseChange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ change, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.commitWaiting());
    });
  }

  private commitWaiting(): void {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    const { remove, removeTree, put } = this;
    try {
      this.db.transaction(() => {
        for (const { change } of batch) {
          for (const path of change.remove ?? []) remove.run(this.pair, pathKey(path));
          for (const tree of change.removeTrees ?? []) {
            const key = pathKey(tree);
            removeTree.run(this.pair, key, key, key);
          }
          for (const e of change.put ?? []) put.run(this.pair, pathKey(e.path), e.path, e.kind, e.nodeId, e.version, e.size, e.mtime, e.contentHash);
        }
      })();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.resolve();
  }
}
