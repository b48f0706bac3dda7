// The helper's SyncBase (worker/src/sync/base-store.ts) in a local SQLite file (better-sqlite3): one row
// per path the folder and the vault agreed on, per sync pair, changed only inside one transaction per
// step, so a helper killed at any moment restarts from the last step that finished. The same file keeps
// which vault folder each local folder is paired with.
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

export class SqliteSyncBase implements SyncBase {
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
    const rows = this.db.prepare('SELECT path, kind, node_id, version, size, mtime, content_hash FROM base WHERE pair = ? ORDER BY key').all(this.pair) as Row[];
    return rows.map((r) => ({ path: r.path, kind: r.kind, nodeId: r.node_id, version: r.version, size: r.size, mtime: r.mtime, contentHash: r.content_hash }));
  }

  async apply(change: BaseChange): Promise<void> {
    const { remove, removeTree, put } = this;
    this.db.transaction(() => {
      for (const path of change.remove ?? []) remove.run(this.pair, pathKey(path));
      for (const tree of change.removeTrees ?? []) {
        const key = pathKey(tree);
        removeTree.run(this.pair, key, key, key);
      }
      for (const e of change.put ?? []) put.run(this.pair, pathKey(e.path), e.path, e.kind, e.nodeId, e.version, e.size, e.mtime, e.contentHash);
    })();
  }
}
