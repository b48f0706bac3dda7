// Unit tests for the folder store's putBlobs ([Note: Whole blobs in a batch]): blobs read back
// byte-exact from their shards with no temp file left, a shard folder removed by hand made again,
// a crash's leftover temp file removed by the startup sweep, and a full disk (a real ENOSPC from
// Linux's /dev/full) failing with `full` and leaving no temp file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newId } from '../lib/ids.js';
import { sweepOrphans } from '../services/sweeper.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { MetaStore } from './meta-store.js';
import { StorageError } from './storage-error.js';

const ORPHAN_AGE_MS = 11 * 60_000;

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'vbx-fs-store-'));
}

test('putBlobs: every blob readable byte-exact in its shard, no temp file left', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  // 40 blobs (more than run at once), two sharing a shard, lengths from 1 byte up.
  const sameShard = `zz${newId().slice(2)}`;
  const blobs = [{ blobId: `zz${newId().slice(2)}`, bytes: randomBytes(1) }, { blobId: sameShard, bytes: randomBytes(10_240) }];
  for (let i = 0; i < 38; i++) blobs.push({ blobId: newId(), bytes: randomBytes(1 + i * 997) });
  await store.putBlobs(blobs);
  for (const { blobId, bytes: want } of blobs) {
    assert.ok((await bytes(await store.read(blobId))).equals(want), `${blobId} byte-exact`);
    assert.is(await store.size(blobId), want.length);
    assert.ok(existsSync(join(root, 'blobs', blobId.slice(0, 2), blobId)));
  }
  assert.equal(readdirSync(join(root, 'uploads')), [], 'no temp file left');
  const listed: string[] = [];
  for await (const b of store.listBlobIds()) listed.push(b.id);
  assert.equal(listed.sort(), blobs.map((b) => b.blobId).sort());
  rmSync(root, { recursive: true, force: true });
});

test('putBlobs: a remembered shard folder removed by hand is made again', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const first = { blobId: `ab${newId().slice(2)}`, bytes: randomBytes(100) };
  await store.putBlobs([first]);
  rmSync(join(root, 'blobs', 'ab'), { recursive: true });
  const second = { blobId: `ab${newId().slice(2)}`, bytes: randomBytes(200) };
  await store.putBlobs([second]);
  assert.ok((await bytes(await store.read(second.blobId))).equals(second.bytes));
  rmSync(root, { recursive: true, force: true });
});

test('a crash between the temp file and its rename leaves a file the startup sweep removes', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  await store.putBlobs([{ blobId: newId(), bytes: randomBytes(10) }]);
  // What a crash mid-putBlobs leaves: `uploads/<id>`, written, never renamed, with no record.
  const leftover = newId();
  const path = join(root, 'uploads', leftover);
  writeFileSync(path, randomBytes(10_240));
  const old = new Date(Date.now() - ORPHAN_AGE_MS);
  utimesSync(path, old, old);
  const meta = { getUpload: async () => null, getBlob: async () => ({ id: 'kept' }) } as unknown as MetaStore;
  const swept = await sweepOrphans({ meta, blobs: store });
  assert.is(swept.uploads, 1);
  assert.not.ok(existsSync(path), 'the leftover temp file is gone');
  rmSync(root, { recursive: true, force: true });
});

test('putBlobs on a full disk fails with `full` and leaves no temp file', async () => {
  if (!existsSync('/dev/full')) {
    console.log('  (no /dev/full on this system: the full-disk case is covered by the route tests\' ENOSPC store only)');
    return;
  }
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const ok = { blobId: newId(), bytes: randomBytes(1000) };
  const full = { blobId: newId(), bytes: randomBytes(1000) };
  // The temp file of `full` is /dev/full, where every write fails with ENOSPC.
  mkdirSync(join(root, 'uploads'), { recursive: true });
  symlinkSync('/dev/full', join(root, 'uploads', full.blobId));
  let caught: unknown = null;
  try {
    await store.putBlobs([ok, full]);
  } catch (error) {
    caught = error;
  }
  assert.instance(caught, StorageError);
  assert.is((caught as StorageError).kind, 'full');
  assert.equal(readdirSync(join(root, 'uploads')), [], 'no temp file left');
  assert.is(await store.size(full.blobId), null, 'the failed blob is not stored');
  rmSync(root, { recursive: true, force: true });
});

test.run();
