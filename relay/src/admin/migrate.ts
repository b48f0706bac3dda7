// `npm run admin -- migrate --data DIR --meta postgres://… [--blobs s3://…]`: copies a stopped
// embedded relay (SQLite + folder) into PostgreSQL and, with --blobs, an S3-compatible bucket, losing
// nothing: every table row by row, every committed blob, and every unfinished upload with the parts it
// received (re-sent as multipart parts, so clients resume where they were). Then it checks: row counts
// and a SHA-256 over each table's rows on both sides, and each blob's size and SHA-256 read back from
// the target. The source is only read; the target must be empty.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../store/blob-store.js';
import { FsBlobStore } from '../store/fs-blob-store.js';
import { type PostgresMetaStore, openPostgresMetaStore } from '../store/postgres-meta-store.js';
import type { Row, Tx } from '../store/postgres/connection.js';
import { openS3BlobStore } from '../store/open-stores.js';
import { SCHEMA_VERSION } from '../store/sqlite/migrations.js';

/** Parents before children, so every foreign key finds its row. */
const TABLES = [
  'settings', 'accounts', 'invites', 'devices', 'sessions', 'pairings', 'nodes', 'drops', 'drop_items',
  'blobs', 'uploads', 'upload_parts', 'shares', 'share_blobs', 'share_tickets',
] as const;

/** Columns the copy rewrites when blobs move to S3 (a new multipart upload has its own id and ETags). */
const REWRITTEN: Record<string, string[]> = { uploads: ['handle'], upload_parts: ['tag'] };

/** Blobs are copied in parts of this size (S3 wants ≥ 5 MiB for every part but the last). */
const COPY_PART = 8 * 1024 * 1024;
const INSERT_BATCH = 500;

export interface MigrateOptions { dataDir: string; meta: string; blobs: string | null; log?: (line: string) => void }

export interface TableCheck { table: string; source: number; target: number; hashesMatch: boolean }
export interface MigrateReport { tables: TableCheck[]; blobs: number; blobBytes: number; uploads: number; parts: number }

export async function migrateEmbedded(o: MigrateOptions): Promise<MigrateReport> {
  const log = o.log ?? (() => undefined);
  const dbFile = join(o.dataDir, 'relay.db');
  if (!existsSync(dbFile)) throw new Error(`No embedded relay in ${o.dataDir} (relay.db is missing).`);
  const source = new Database(dbFile, { readonly: true, fileMustExist: true });
  let target: PostgresMetaStore | null = null;
  let targetBlobs: BlobStore | null = null;
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) throw new Error(`The data folder has schema ${version}; this relay migrates schema ${SCHEMA_VERSION}. Start and stop the current relay on it once first.`);
    target = await openPostgresMetaStore(o.meta, { max: 4 });
    const sql = target.sql;
    for (const table of TABLES) {
      const [row] = await sql.unsafe(`SELECT COUNT(*)::int AS n FROM ${table}`);
      if ((row.n as number) > 0) throw new Error(`The target database is not empty (${table} has rows); migrate into a new database.`);
    }
    const sourceBlobs = new FsBlobStore(o.dataDir);
    targetBlobs = o.blobs ? await openS3BlobStore(o.blobs) : null;

    // 1. Blob bytes first: the metadata that points at them is written only once they are all there.
    const rows = (table: string) => source.prepare(`SELECT * FROM ${table}`).all() as Row[];
    const blobRows = rows('blobs');
    let blobBytes = 0;
    const rewrites = new Map<string, Row>();
    let parts = 0;
    if (targetBlobs) {
      for (const [i, blob] of blobRows.entries()) {
        const id = blob.id as string;
        const size = blob.size as number;
        await copyBlob(sourceBlobs, targetBlobs, id, size);
        blobBytes += size;
        if ((i + 1) % 100 === 0) log(`  ${i + 1} / ${blobRows.length} blobs copied`);
      }
      // 2. Unfinished uploads: a new multipart upload with the received parts, so clients resume.
      for (const upload of rows('uploads')) {
        const id = upload.id as string;
        const handle = await targetBlobs.beginUpload(id, upload.size as number);
        rewrites.set(`uploads:${id}`, { handle });
        const received = source.prepare('SELECT * FROM upload_parts WHERE upload_id = ?').all(id) as Row[];
        for (const part of received) {
          const index = part.idx as number;
          const offset = index * (upload.part_size as number);
          const body = createReadStream(join(o.dataDir, 'uploads', id), { start: offset, end: offset + (part.size as number) - 1 });
          const { tag } = await targetBlobs.writePart(id, handle, { index, offset, size: part.size as number }, body);
          rewrites.set(`upload_parts:${id}:${index}`, { tag });
          parts++;
        }
      }
    } else {
      blobBytes = blobRows.reduce((s, b) => s + (b.size as number), 0);
    }

    // 3. Every row in one transaction: the target has all of it or none.
    await sql.begin(async (tx) => {
      for (const table of TABLES) {
        const all = rows(table).map((r) => {
          const key = table === 'uploads' ? `uploads:${r.id as string}` : table === 'upload_parts' ? `upload_parts:${r.upload_id as string}:${r.idx as number}` : '';
          return key && rewrites.has(key) ? { ...r, ...rewrites.get(key) } : r;
        });
        for (let i = 0; i < all.length; i += INSERT_BATCH) await insertRows(tx, table, all.slice(i, i + INSERT_BATCH));
        log(`  ${table}: ${all.length} rows`);
      }
    });

    // 4. Check: counts and hashes of every table, then every blob read back from the target.
    const tables: TableCheck[] = [];
    for (const table of TABLES) {
      const skip = targetBlobs ? REWRITTEN[table] ?? [] : [];
      const src = tableDigest(rows(table), skip);
      const dst = tableDigest(await sql.unsafe(`SELECT * FROM ${table}`), skip);
      tables.push({ table, source: src.count, target: dst.count, hashesMatch: src.hash === dst.hash });
    }
    if (targetBlobs) {
      for (const blob of blobRows) {
        const id = blob.id as string;
        const [want, got] = await Promise.all([digest(await sourceBlobs.read(id)), digest(await targetBlobs.read(id))]);
        if (want.size !== got.size || want.hash !== got.hash) throw new Error(`Blob ${id} differs after the copy (${got.size} of ${want.size} bytes); the target is not usable.`);
      }
    }
    const bad = tables.filter((t) => t.source !== t.target || !t.hashesMatch);
    if (bad.length > 0) throw new Error(`The copy differs in ${bad.map((t) => t.table).join(', ')}; the target is not usable.`);
    return { tables, blobs: blobRows.length, blobBytes, uploads: rows('uploads').length, parts };
  } finally {
    source.close();
    await target?.close();
    await targetBlobs?.close?.();
  }
}

async function copyBlob(from: BlobStore, to: BlobStore, id: string, size: number): Promise<void> {
  const handle = await to.beginUpload(id, size);
  const tags: { index: number; tag: string }[] = [];
  const count = Math.max(1, Math.ceil(size / COPY_PART));
  for (let index = 0; index < count; index++) {
    const offset = index * COPY_PART;
    const length = Math.min(COPY_PART, size - offset);
    const body = length > 0 ? await from.read(id, { start: offset, end: offset + length - 1 }) : await from.read(id);
    tags.push({ index, ...(await to.writePart(id, handle, { index, offset, size: length }, body)) });
  }
  await to.completeUpload(id, handle, id, tags);
}

async function insertRows(tx: Tx, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const values: unknown[] = [];
  const tuples = rows.map((r) => `(${columns.map((c) => { values.push(r[c] ?? null); return `$${values.length}`; }).join(', ')})`);
  await tx.unsafe(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values as never[]);
}

/** Row count and SHA-256 over the rows in a stable order, values written the same way on both sides. */
function tableDigest(rows: readonly Row[], skip: string[]): { count: number; hash: string } {
  const lines = rows.map((r) => JSON.stringify(Object.keys(r).filter((k) => !skip.includes(k)).sort().map((k) => {
    const v = r[k];
    return [k, Buffer.isBuffer(v) || v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : v ?? null];
  }))).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { count: rows.length, hash: hash.digest('hex') };
}

async function digest(stream: Readable): Promise<{ size: number; hash: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, hash: hash.digest('hex') };
}
