// Small whole blobs stored many to a file: a batch (POST /blobs/batch) becomes one pack file
// `packs/<first two chars>/<packId>` holding its blobs back to back, and one row per blob in the
// pack index `packs/index.db` (SQLite) says where each lies. See [Note: Packed blobs].
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isId, newId } from '../lib/ids.js';
import type { WholeBlob } from './blob-store.js';

/*
 * [Note: Packed blobs]
 * Each file of its own cost the relay ~0.7 ms of kernel time per small blob on this class of machine
 * (create, write, fsync, rename, folder fsync): `npm run bench -- blob-store` stores 10,000 blobs of
 * 2–20 KiB in 3.6–6 s and 5–9 s of CPU that way, and in 0.3–0.5 s as one pack per batch of 256. A pack is
 * written whole, fsynced with its folder, and only then indexed, in one transaction that SQLite makes
 * durable before it answers (synchronous = FULL): so an index row never points at bytes that could
 * be lost, and a crash in between leaves a pack nobody points at, removed by the startup sweep once it
 * is old enough (removeLeftovers). Deleting a blob deletes its row; the pack goes with its last row.
 * Space of deleted blobs in a pack that still holds live ones is not reclaimed until then (no
 * compaction yet); quotas count blob sizes, so no account pays for it.
 */

export interface PackedBlob {
  pack: string;
  offset: number;
  size: number;
}

/** Rows per page when listing, so no statement stays open across the caller's awaits. */
const LIST_PAGE = 1000;

interface Index {
  db: Database.Database;
  locate: Database.Statement<[string]>;
  insert: Database.Statement<[string, string, number, number, number]>;
  remove: Database.Statement<[string]>;
  anyIn: Database.Statement<[string]>;
}

export class BlobPacks {
  private opened: Index | undefined;
  private readonly dir: string;

  /** `packId` is for tests that must know a pack's name before it is written. */
  constructor(private readonly root: string, private readonly packId: () => string = newId) {
    this.dir = join(root, 'packs');
  }

  /** Opened on first use, so a store that never packs makes no index file. */
  private index(): Index {
    if (this.opened) return this.opened;
    if (mkdirSync(this.dir, { recursive: true, mode: 0o700 }) !== undefined) fsyncFolderSync(this.root);
    const db = new Database(join(this.dir, 'index.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS packed (
      blob TEXT PRIMARY KEY, pack TEXT NOT NULL, offset INTEGER NOT NULL, size INTEGER NOT NULL, stored_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS packed_by_pack ON packed (pack);`);
    this.opened = {
      db,
      locate: db.prepare('SELECT pack, offset, size FROM packed WHERE blob = ?'),
      insert: db.prepare('INSERT INTO packed (blob, pack, offset, size, stored_at) VALUES (?, ?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM packed WHERE blob = ? RETURNING pack'),
      anyIn: db.prepare('SELECT 1 FROM packed WHERE pack = ? LIMIT 1'),
    };
    return this.opened;
  }

  private packPath(pack: string): string {
    return join(this.dir, pack.slice(0, 2), pack);
  }

  /** Where a blob lies, or null if it is not packed. */
  locate(blobId: string): (PackedBlob & { path: string }) | null {
    const row = this.index().locate.get(blobId) as PackedBlob | undefined;
    return row ? { ...row, path: this.packPath(row.pack) } : null;
  }

  /** Writes the blobs into a new pack and indexes them; all or nothing (a failed pack is removed). */
  async write(blobs: readonly WholeBlob[], now: number): Promise<void> {
    const { db, insert } = this.index();
    const pack = this.packId();
    const folder = join(this.dir, pack.slice(0, 2));
    // One mkdir per batch: cheap, and a shard folder removed by hand is simply made again.
    const newShard = (await mkdir(folder, { recursive: true })) !== undefined;
    const path = this.packPath(pack);
    try {
      const file = await open(path, 'w');
      try {
        await file.writev(blobs.map((b) => b.bytes));
        await file.sync();
      } finally {
        await file.close();
      }
      await fsyncFolder(folder);
      if (newShard) await fsyncFolder(this.dir);
    } catch (error) {
      await unlink(path).catch(() => undefined);
      throw error;
    }
    try {
      db.transaction(() => {
        let offset = 0;
        for (const b of blobs) {
          insert.run(b.blobId, pack, offset, b.bytes.length, now);
          offset += b.bytes.length;
        }
      })();
    } catch (error) {
      await unlink(path).catch(() => undefined);
      throw error;
    }
  }

  /** Forgets a packed blob, and deletes its pack with its last blob; false if it was not packed. */
  async remove(blobId: string): Promise<boolean> {
    const { db, remove, anyIn } = this.index();
    const gone = db.transaction(() => {
      const row = remove.get(blobId) as { pack: string } | undefined;
      if (!row) return null;
      return { pack: row.pack, empty: anyIn.get(row.pack) === undefined };
    })();
    if (!gone) return false;
    if (gone.empty) await unlink(this.packPath(gone.pack)).catch(ignoreMissing);
    return true;
  }

  /** Every packed blob with the time it was stored. */
  async *list(): AsyncIterable<{ id: string; modifiedAt: number }> {
    const page = this.index().db.prepare('SELECT blob, stored_at FROM packed WHERE blob > ? ORDER BY blob LIMIT ?');
    for (let after = '';;) {
      const rows = page.all(after, LIST_PAGE) as { blob: string; stored_at: number }[];
      for (const row of rows) yield { id: row.blob, modifiedAt: row.stored_at };
      if (rows.length < LIST_PAGE) return;
      after = rows[rows.length - 1].blob;
    }
  }

  /** Deletes pack files no row points at (a crash between writing and indexing) older than `minAgeMs`. */
  async removeLeftovers(now: number, minAgeMs: number): Promise<number> {
    const { anyIn } = this.index();
    let removed = 0;
    for (const shard of await readdir(this.dir).catch(() => [] as string[])) {
      if (shard.length !== 2) continue;
      for (const name of await readdir(join(this.dir, shard)).catch(() => [] as string[])) {
        if (!isId(name) || anyIn.get(name) !== undefined) continue;
        const path = join(this.dir, shard, name);
        const info = await stat(path).catch(() => null);
        if (!info || now - info.mtimeMs <= minAgeMs) continue;
        await unlink(path).catch(ignoreMissing);
        removed++;
      }
    }
    return removed;
  }

  close(): void {
    this.opened?.db.close();
    this.opened = undefined;
  }
}

async function fsyncFolder(path: string): Promise<void> {
  const fd = await open(path, 'r');
  try { await fd.sync(); } finally { await fd.close(); }
}

function fsyncFolderSync(path: string): void {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
}
