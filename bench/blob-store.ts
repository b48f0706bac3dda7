// `npm run bench -- blob-store [--blobs N] [--batch B]`: the folder store's putBlobs (POST /blobs/batch)
// storing N small blobs (default 10,000, 2–20 KiB) in batches of B (default 256, the client's batch), as
// packs ([Note: Packed blobs]), against the layout it replaced in the same run: one file per blob
// (temp file, write, fsync, close, rename into its shard, one fsync per shard folder per batch, 16
// blobs at a time). Prints wall time, blobs/s and the process's CPU (user and kernel) for each.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eachLimited } from '../relay/src/lib/each-limited.js';
import { newId } from '../relay/src/lib/ids.js';
import type { WholeBlob } from '../relay/src/store/blob-store.js';
import { FsBlobStore } from '../relay/src/store/fs-blob-store.js';
import { fsyncFolder } from '../relay/src/store/fs-durable.js';
import { option } from './options.js';

const count = option('blobs', 10_000);
const batchSize = option('batch', 256);
const pool = randomBytes(20 * 1024);

/** The replaced layout: every blob a file of its own, made durable one by one. */
async function filePerBlob(root: string, blobs: readonly WholeBlob[]): Promise<void> {
  const folders = new Set<string>();
  await mkdir(join(root, 'uploads'), { recursive: true });
  await eachLimited(blobs, 16, async ({ blobId, bytes }) => {
    const temp = join(root, 'uploads', blobId);
    const fd = await open(temp, 'w');
    try { await fd.writeFile(bytes); await fd.sync(); } finally { await fd.close(); }
    const shard = join(root, 'blobs', blobId.slice(0, 2));
    await mkdir(shard, { recursive: true });
    await rename(temp, join(shard, blobId));
    folders.add(shard);
  });
  await Promise.all([...folders].map(fsyncFolder));
}

/** Folders of the runs, deleted only at the end: for ~30 s after a delete, ext4 slows every create. */
const roots: string[] = [];

async function measure(name: string, put: (root: string, blobs: readonly WholeBlob[]) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'veilbox-bench-blob-store-'));
  roots.push(root);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - i) }, (_, k) => ({ blobId: newId(), bytes: pool.subarray(0, 2048 + ((i + k) * 7919) % (18 * 1024)) }));
    await put(root, batch);
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(34)} ${(ms / 1000).toFixed(2)} s  ${Math.round(count / (ms / 1000))} blobs/s  CPU user ${(used.user / 1e6).toFixed(2)} s, kernel ${(used.system / 1e6).toFixed(2)} s`);
}

async function main(): Promise<void> {
  console.log(`blob-store bench: ${count} blobs of 2–20 KiB in batches of ${batchSize}`);
  await measure('baseline: a file per blob', filePerBlob);
  const stores = new Map<string, FsBlobStore>();
  await measure('packs (FsBlobStore.putBlobs)', async (root, blobs) => {
    let store = stores.get(root);
    if (!store) stores.set(root, store = new FsBlobStore(root));
    await store.putBlobs(blobs);
  });
  for (const store of stores.values()) await store.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
