// Opens the embedded stores of one data folder: `<data>/relay.db` (SQLite) and `<data>/blobs`,
// `<data>/uploads` (files). Used by server.ts, the admin CLI and tests alike.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { MetaStore } from './meta-store.js';
import { openSqliteMetaStore } from './sqlite-meta-store.js';

export interface Stores { meta: MetaStore; blobs: BlobStore }

export function openStores(dataDir: string): Stores {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { meta: openSqliteMetaStore(join(dataDir, 'relay.db')), blobs: new FsBlobStore(dataDir) };
}
