// What the relay's folder store holds, read straight from its data folder for tests that count blobs
// or change their bytes on disk: blobs of their own (`blobs/<xx>/<id>`, from resumable uploads) and
// blobs packed many to a file (`packs/`, indexed in packs/index.db; [Note: Packed blobs]).
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredBlob {
  id: string;
  /** The file holding its bytes, from `offset` for `size` bytes. */
  path: string;
  offset: number;
  size: number;
}

export function storedBlobs(dataDir: string): StoredBlob[] {
  const out: StoredBlob[] = [];
  const files = join(dataDir, 'blobs');
  for (const shard of existsSync(files) ? readdirSync(files) : []) {
    for (const id of readdirSync(join(files, shard))) out.push({ id, path: join(files, shard, id), offset: 0, size: statSync(join(files, shard, id)).size });
  }
  const index = join(dataDir, 'packs', 'index.db');
  if (existsSync(index)) {
    const db = new Database(index, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT blob, pack, offset, size FROM packed').all() as { blob: string; pack: string; offset: number; size: number }[];
      for (const r of rows) out.push({ id: r.blob, path: join(dataDir, 'packs', r.pack.slice(0, 2), r.pack), offset: r.offset, size: r.size });
    } finally {
      db.close();
    }
  }
  return out;
}

export function storedBlobIds(dataDir: string): string[] {
  return storedBlobs(dataDir).map((b) => b.id).sort();
}

/** The blobs stored since `before` (a list of ids taken earlier). */
export function newStoredBlobs(dataDir: string, before: readonly string[]): StoredBlob[] {
  const old = new Set(before);
  return storedBlobs(dataDir).filter((b) => !old.has(b.id));
}

/** Flips the low bit of the blob's byte at `at` (counted from its end when negative), in place on disk. */
export function flipStoredByte(blob: StoredBlob, at: number): void {
  const bytes = readFileSync(blob.path);
  bytes[blob.offset + (at < 0 ? blob.size + at : at)] ^= 0x01;
  writeFileSync(blob.path, bytes);
}
