// Opens the stores a relay runs on. Embedded default: one data folder, `<data>/relay.db` (SQLite)
// and `<data>/blobs`, `<data>/uploads` (files). Scale-out: `--meta postgres://…` puts the metadata in
// PostgreSQL and `--blobs s3://…` the blobs in an S3-compatible bucket, each independently (a
// PostgreSQL + folder relay is fine on one machine). Used by server.ts, the admin CLI and tests alike.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { MetaStore } from './meta-store.js';
import { type PostgresMetaStore, openPostgresMetaStore } from './postgres-meta-store.js';
import { parseS3Url } from './s3-location.js';
import { openSqliteMetaStore } from './sqlite-meta-store.js';

export interface Stores {
  meta: MetaStore;
  blobs: BlobStore;
  /** Set when the metadata lives in PostgreSQL: live events and rate limits are shared through it. */
  postgres?: PostgresMetaStore;
}

export interface StoreOptions {
  dataDir: string;
  /** `postgres://…`, or null for SQLite in the data folder. */
  meta?: string | null;
  /** `s3://BUCKET?endpoint=…&region=…`, or null for files in the data folder. */
  blobs?: string | null;
}

export function openStores(dataDir: string): Stores {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { meta: openSqliteMetaStore(join(dataDir, 'relay.db')), blobs: new FsBlobStore(dataDir) };
}

/** The S3 store for an `s3://…` URL; the AWS SDK loads only for a relay (or migration) that uses S3. */
export async function openS3BlobStore(url: string): Promise<BlobStore> {
  return new (await import('./s3-blob-store.js')).S3BlobStore(parseS3Url(url));
}

export async function openConfiguredStores(options: StoreOptions): Promise<Stores> {
  const needsFolder = !options.meta || !options.blobs;
  if (needsFolder) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const blobs = options.blobs ? await openS3BlobStore(options.blobs) : new FsBlobStore(options.dataDir);
  if (!options.meta) return { meta: openSqliteMetaStore(join(options.dataDir, 'relay.db')), blobs };
  const postgres = await openPostgresMetaStore(options.meta);
  return { meta: postgres, blobs, postgres };
}

/** Closes both stores (the blob store only has connections to close on S3). */
export async function closeStores(stores: Stores): Promise<void> {
  await stores.meta.close();
  await stores.blobs.close?.();
}
