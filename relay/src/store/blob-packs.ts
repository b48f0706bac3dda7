// Small whole blobs stored many to a file: a batch (POST /blobs/batch) becomes one pack file
// `packs/<first two chars>/<packId>` holding its blobs back to back, and one row per blob in the
// pack index `packs/index.db` (SQLite) says where each lies. See [Note: Packed blobs].
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isId, newId } from '../lib/ids.js';
import type { WholeBlob } from './blob-store.js';
import { fsyncFolder, fsyncFolderSync, ignoreMissing } from './fs-durable.js';

/*
 * [Note: Packed blobs]
 * Each file of its own cost the relay ~0.7 ms of kernel time per small blob on this class of machine
 * (create, write, fsync, rename, folder fsync): `npm run bench -- blob-store` stores 10,000 blobs of
 * 2–20 KiB in 3.6–6 s and 5–9 s of CPU that way, and in 0.3–0.5 s as one pack per batch of 256. A pack is
 * written whole, fsynced with its folder, and only then indexed, in one transaction that SQLite makes
 * durable before it answers (synchronous = FULL): so an index row never points at bytes that could
 * be lost, and a crash in between leaves a pack nobody points at, removed by the startup sweep once it
 * is old enough (removeLeftovers). Deleting a blob deletes its row; the pack goes with its last row.
 *
 * [Note: Pack compaction]
 * A pack still holding live blobs keeps the bytes of its deleted ones. The relay's periodic sweep
 * (compact, from services/sweeper.ts periodicSweep, never the start-up sweep) rewrites each pack whose
 * dead bytes are at least half of it and at least COMPACT_MIN_DEAD: the live blobs go into a new pack
 * (written and made durable like any pack), their rows move to it in one transaction, and the old pack
 * is deleted. A crash in between leaves one of the two packs without
 * rows, which the startup sweep removes. A reader that found a blob in the old pack just before it went
 * looks it up again (FsBlobStore.openStored). Not at each delete: emptying a trash of 10,000 blobs in
 * order took 4.5 s instead of 1.5 s that way, each pack rewritten over and over as it emptied. The
 * packs a delete touched are remembered until the next sweep; the first periodic sweep after a start
 * looks at every pack.
 */
const COMPACT_MIN_DEAD = 1024 * 1024;

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
  liveIn: Database.Statement<[string]>;
  rowsIn: Database.Statement<[string]>;
  move: Database.Statement<[string, number, string, string]>;
}

export class BlobPacks {
  private opened: Index | undefined;
  private readonly dir: string;
  /** Packs that lost a blob since the last compact(); null until the first, which looks at all. */
  private touched: Set<string> | null = null;
  /** Packs being rewritten now, so two sweeps don't both rewrite one. */
  private readonly compacting = new Set<string>();

  /** `packId` is for tests that must know a pack's name before it is written. */
  constructor(private readonly root: string, private readonly packId: () => string = newId) {
    this.dir = join(root, 'packs');
  }

  /** Opened on first use (any lookup), so a store nobody asks makes no index file. */
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
      liveIn: db.prepare('SELECT COALESCE(SUM(size), 0) AS bytes FROM packed WHERE pack = ?'),
      rowsIn: db.prepare('SELECT blob, offset, size FROM packed WHERE pack = ? ORDER BY offset'),
      move: db.prepare('UPDATE packed SET pack = ?, offset = ? WHERE blob = ? AND pack = ?'),
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
    const pack = await this.writePack(blobs.map((b) => b.bytes));
    const path = this.packPath(pack);
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

  /** A new pack file holding `pieces` back to back, durable with its folder entry; its id. */
  private async writePack(pieces: readonly Uint8Array[]): Promise<string> {
    const pack = this.packId();
    const folder = join(this.dir, pack.slice(0, 2));
    // One mkdir per batch: cheap, and a shard folder removed by hand is simply made again.
    const newShard = (await mkdir(folder, { recursive: true })) !== undefined;
    const path = this.packPath(pack);
    try {
      const file = await open(path, 'w');
      try {
        await file.writev(pieces);
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
    return pack;
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
    else this.touched?.add(gone.pack);
    return true;
  }

  /** Rewrites the packs that are mostly deleted blobs by now ([Note: Pack compaction]); how many. */
  async compact(): Promise<number> {
    const { db } = this.index();
    const candidates = this.touched ?? new Set((db.prepare('SELECT DISTINCT pack FROM packed').all() as { pack: string }[]).map((r) => r.pack));
    this.touched = new Set();
    let rewritten = 0;
    for (const pack of candidates) {
      // A pack that can't be rewritten now stays as it was, and is looked at again next time.
      if (await this.compactIfSparse(pack).catch(() => { this.touched?.add(pack); return false; })) rewritten++;
    }
    return rewritten;
  }

  /** Rewrites the pack without its deleted blobs once they are most of it ([Note: Pack compaction]). */
  private async compactIfSparse(pack: string): Promise<boolean> {
    if (this.compacting.has(pack)) return false;
    const { db, liveIn, rowsIn, move } = this.index();
    const path = this.packPath(pack);
    const info = await stat(path).catch(() => null);
    if (!info) return false;
    const dead = info.size - (liveIn.get(pack) as { bytes: number }).bytes;
    if (dead < COMPACT_MIN_DEAD || dead * 2 < info.size) return false;
    this.compacting.add(pack);
    try {
      const rows = rowsIn.all(pack) as { blob: string; offset: number; size: number }[];
      const pieces: Uint8Array[] = [];
      const file = await open(path, 'r');
      try {
        for (const row of rows) {
          const piece = Buffer.allocUnsafe(row.size);
          const { bytesRead } = await file.read(piece, 0, row.size, row.offset);
          if (bytesRead !== row.size) throw new Error(`pack ${pack} is shorter than its index says`);
          pieces.push(piece);
        }
      } finally {
        await file.close();
      }
      const fresh = await this.writePack(pieces);
      // Blobs deleted while the new pack was written keep no row; their bytes there are dead space.
      db.transaction(() => {
        let offset = 0;
        rows.forEach((row, i) => {
          move.run(fresh, offset, row.blob, pack);
          offset += pieces[i].length;
        });
      })();
      await unlink(path).catch(ignoreMissing);
      return true;
    } finally {
      this.compacting.delete(pack);
    }
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
