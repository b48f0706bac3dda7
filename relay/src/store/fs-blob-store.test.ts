// Unit tests for the folder store's packed blobs ([Note: Packed blobs]): a batch is one pack file and
// every blob in it reads back byte-exact (whole, by range, through sendTo) also after the store is
// opened again; deleting blobs keeps the pack until its last one goes; a shard folder removed by hand
// is made again; compact rewrites a pack mostly deleted without its dead bytes, a stream opened before
// keeps reading and a lookup that raced the rewrite is made again; a crash's unindexed pack and upload
// file are removed by the startup sweep once old enough; a full disk (a real ENOSPC from Linux's
// /dev/full) fails with `full` and stores nothing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newId } from '../lib/ids.js';
import { periodicSweep, sweepOrphans } from '../services/sweeper.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { MetaStore } from './meta-store.js';
import { asStorageError, StorageError } from './storage-error.js';

const ORPHAN_AGE_MS = 11 * 60_000;

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function sent(store: FsBlobStore, blobId: string, range?: { start: number; end: number }): Promise<Buffer> {
  const out = new PassThrough();
  const collected = bytes(out);
  await store.sendTo(blobId, range, out, () => undefined);
  return collected;
}

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'vbx-fs-store-'));
}

/** Pack files under `packs/<xx>/`, without the index. */
function packFiles(root: string): string[] {
  const dir = join(root, 'packs');
  return readdirSync(dir).filter((n) => n.length === 2).flatMap((shard) => readdirSync(join(dir, shard)));
}

function someBlobs(count: number): { blobId: string; bytes: Buffer }[] {
  return Array.from({ length: count }, (_, i) => ({ blobId: newId(), bytes: randomBytes(1 + i * 997) }));
}

/** `count` blobs of `size` random bytes each. */
function blobsOf(count: number, size: number): { blobId: string; bytes: Buffer }[] {
  return Array.from({ length: count }, () => ({ blobId: newId(), bytes: randomBytes(size) }));
}

/** A new store in a temp folder holding `count` blobs of `size` bytes, all in one pack (its name given too). */
async function storeWithOnePack(count: number, size: number): Promise<{ root: string; store: FsBlobStore; blobs: { blobId: string; bytes: Buffer }[]; pack: string }> {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const blobs = blobsOf(count, size);
  await store.putBlobs(blobs);
  const [pack] = packFiles(root);
  return { root, store, blobs, pack };
}

async function expectMissing(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    assert.instance(error, StorageError);
    assert.is((error as StorageError).kind, 'missing');
    return;
  }
  assert.unreachable('the blob should be missing');
}

test('putBlobs: one pack per batch, every blob byte-exact whole, by range and through sendTo, also after reopening', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const blobs = [...someBlobs(40), { blobId: newId(), bytes: Buffer.alloc(0) }];
  await store.putBlobs(blobs);
  assert.is(packFiles(root).length, 1, 'one pack file');
  assert.not.ok(existsSync(join(root, 'blobs')), 'no blob files');
  for (const { blobId, bytes: want } of blobs) {
    assert.ok((await bytes(await store.read(blobId))).equals(want), `${blobId} byte-exact`);
    assert.ok((await sent(store, blobId)).equals(want), `${blobId} sent byte-exact`);
    assert.is(await store.size(blobId), want.length);
  }
  const [, second] = blobs;
  assert.ok((await bytes(await store.read(second.blobId, { start: 100, end: 500 }))).equals(second.bytes.subarray(100, 501)), 'a range stays inside its blob');
  assert.ok((await sent(store, second.blobId, { start: 0, end: 0 })).equals(second.bytes.subarray(0, 1)));
  const listed: string[] = [];
  for await (const b of store.listBlobIds()) listed.push(b.id);
  assert.equal(listed.sort(), blobs.map((b) => b.blobId).sort());
  await store.close();

  const reopened = new FsBlobStore(root);
  for (const { blobId, bytes: want } of blobs) assert.ok((await bytes(await reopened.read(blobId))).equals(want), 'the index survives a restart');
  await reopened.close();
  rmSync(root, { recursive: true, force: true });
});

test('delete: a pack stays while any of its blobs lives and goes with the last; unpacked blobs delete as before', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const first = someBlobs(3);
  const second = someBlobs(2);
  await store.putBlobs(first);
  await store.putBlobs(second);
  assert.is(packFiles(root).length, 2);
  await store.delete(first[0].blobId);
  await store.delete(first[1].blobId);
  assert.is(packFiles(root).length, 2, 'the first pack still holds a blob');
  assert.is(await store.size(first[0].blobId), null);
  await expectMissing(() => store.read(first[0].blobId));
  assert.ok((await bytes(await store.read(first[2].blobId))).equals(first[2].bytes), 'its neighbour is intact');
  await store.delete(first[2].blobId);
  assert.is(packFiles(root).length, 1, 'the empty pack is gone');
  await store.delete(first[2].blobId); // deleting twice is harmless

  // A blob made through the upload path is a file of its own, deleted as a file.
  const uploaded = newId();
  await store.beginUpload(uploaded);
  const body = randomBytes(5000);
  await store.writePart(uploaded, '', { index: 0, offset: 0, size: body.length }, PassThrough.from([body]));
  await store.completeUpload(uploaded, '', uploaded);
  assert.ok((await bytes(await store.read(uploaded))).equals(body));
  await store.delete(uploaded);
  assert.is(await store.size(uploaded), null);
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('compact rewrites a pack mostly deleted without the dead bytes, leaves a small one, and a stream opened before reads on', async () => {
  const { root, store, blobs: big, pack: before } = await storeWithOnePack(10, 300 * 1024);
  const early = await store.read(big[9].blobId);
  for (let i = 0; i < 4; i++) await store.delete(big[i].blobId);
  assert.is(await store.compact(), 0);
  assert.equal(packFiles(root), [before], '1.2 of 3 MiB dead: not yet');
  await store.delete(big[4].blobId);
  assert.equal(packFiles(root), [before], 'a delete alone rewrites nothing');
  assert.is(await store.compact(), 1);
  const [after] = packFiles(root);
  assert.is.not(after, before, 'half dead and over 1 MiB: rewritten into a new pack');
  assert.is(packFiles(root).length, 1, 'the old pack is gone');
  assert.is(statSync(join(root, 'packs', after.slice(0, 2), after)).size, 5 * 300 * 1024, 'only the live blobs');
  for (const b of big.slice(5)) assert.ok((await bytes(await store.read(b.blobId))).equals(b.bytes), 'live blobs byte-exact from the new pack');
  assert.ok((await bytes(early)).equals(big[9].bytes), 'a stream opened on the old pack reads on');
  const listed: string[] = [];
  for await (const b of store.listBlobIds()) listed.push(b.id);
  assert.equal(listed.sort(), big.slice(5).map((b) => b.blobId).sort());

  const small = someBlobs(10);
  await store.putBlobs(small);
  const packs = packFiles(root);
  for (let i = 0; i < 8; i++) await store.delete(small[i].blobId);
  assert.is(await store.compact(), 0);
  assert.equal(packFiles(root), packs, 'under 1 MiB dead: not worth a rewrite');
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('the periodic sweep compacts the store', async () => {
  const { root, store, blobs: big, pack: before } = await storeWithOnePack(4, 600 * 1024);
  for (const b of big.slice(0, 3)) await store.delete(b.blobId);
  const deps = {
    meta: { expiredUploads: async () => [], purgeExpired: async () => undefined },
    blobs: store, config: { now: () => Date.now() }, limiter: { prune: async () => undefined },
  } as unknown as Parameters<typeof periodicSweep>[0];
  await periodicSweep(deps);
  const [after] = packFiles(root);
  assert.is.not(after, before);
  assert.ok((await bytes(await store.read(big[3].blobId))).equals(big[3].bytes));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('a lookup that raced a rewrite (its pack already gone) is made once more', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const [blob] = someBlobs(3).slice(2);
  await store.putBlobs([blob]);
  // The first lookup answers a pack a rewrite has just deleted, as it would between lookup and open.
  const packs = (store as unknown as { packs: { locate(id: string): { path: string } | null } }).packs;
  const locate = packs.locate.bind(packs);
  let stale = 1;
  packs.locate = (id) => {
    const where = locate(id);
    return where && stale-- > 0 ? { ...where, path: `${where.path}-rewritten-away` } : where;
  };
  assert.ok((await bytes(await store.read(blob.blobId))).equals(blob.bytes), 'read');
  stale = 1;
  assert.ok((await sent(store, blob.blobId)).equals(blob.bytes), 'sendTo');
  // Looked up twice and gone both times: the blob is missing, as for any deleted blob.
  stale = 2;
  await expectMissing(() => store.read(blob.blobId));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('putBlobs: a pack shard folder removed by hand is made again', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root, { packId: () => `ab${newId().slice(2)}` });
  await store.putBlobs(someBlobs(2));
  rmSync(join(root, 'packs', 'ab'), { recursive: true });
  const again = someBlobs(2);
  await store.putBlobs(again);
  assert.ok((await bytes(await store.read(again[1].blobId))).equals(again[1].bytes));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('the startup sweep removes an old unindexed pack and an old upload file, and keeps young ones and indexed packs', async () => {
  const root = tempRoot();
  const store = new FsBlobStore(root);
  const kept = someBlobs(2);
  await store.putBlobs(kept);
  // What a crash between writing a pack and indexing it leaves: a pack no row points at.
  const old = new Date(Date.now() - ORPHAN_AGE_MS);
  const orphan = newId();
  mkdirSync(join(root, 'packs', orphan.slice(0, 2)), { recursive: true });
  writeFileSync(join(root, 'packs', orphan.slice(0, 2), orphan), randomBytes(10_240));
  utimesSync(join(root, 'packs', orphan.slice(0, 2), orphan), old, old);
  const young = newId();
  mkdirSync(join(root, 'packs', young.slice(0, 2)), { recursive: true });
  writeFileSync(join(root, 'packs', young.slice(0, 2), young), randomBytes(100));
  // And a crash mid-upload: `uploads/<id>` with no record.
  const leftover = newId();
  mkdirSync(join(root, 'uploads'), { recursive: true });
  writeFileSync(join(root, 'uploads', leftover), randomBytes(10_240));
  utimesSync(join(root, 'uploads', leftover), old, old);
  for (const p of packFiles(root)) if (p !== orphan && p !== young) utimesSync(join(root, 'packs', p.slice(0, 2), p), old, old);

  const meta = { getUpload: async () => null, getBlob: async () => ({ id: 'kept' }) } as unknown as MetaStore;
  const swept = await sweepOrphans({ meta, blobs: store });
  assert.is(swept.uploads, 1);
  assert.is(swept.blobs, 1, 'only the old unindexed pack');
  assert.not.ok(existsSync(join(root, 'packs', orphan.slice(0, 2), orphan)));
  assert.ok(existsSync(join(root, 'packs', young.slice(0, 2), young)), 'a young pack may be one being written');
  assert.not.ok(existsSync(join(root, 'uploads', leftover)));
  for (const b of kept) assert.ok((await bytes(await store.read(b.blobId))).equals(b.bytes), 'indexed packs are kept');
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('putBlobs on a full disk fails with `full`, stores nothing and leaves no pack', async () => {
  if (!existsSync('/dev/full')) {
    console.log('  (no /dev/full on this system: the full-disk case is covered by the route tests\' ENOSPC store only)');
    return;
  }
  const root = tempRoot();
  const pack = newId();
  const store = new FsBlobStore(root, { packId: () => pack });
  // The pack file is /dev/full, where every write fails with ENOSPC.
  mkdirSync(join(root, 'packs', pack.slice(0, 2)), { recursive: true });
  symlinkSync('/dev/full', join(root, 'packs', pack.slice(0, 2), pack));
  const blobs = someBlobs(3);
  let caught: unknown = null;
  try {
    await store.putBlobs(blobs);
  } catch (error) {
    caught = error;
  }
  assert.instance(caught, StorageError);
  assert.is((caught as StorageError).kind, 'full');
  assert.equal(packFiles(root), [], 'no pack left');
  for (const b of blobs) assert.is(await store.size(b.blobId), null, 'nothing stored');
  await store.close();
  rmSync(root, { recursive: true, force: true });
  // The pack index out of room answers SQLite's own code; it means the same.
  const full = asStorageError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
  assert.instance(full, StorageError);
  assert.is((full as StorageError).kind, 'full');
});

test.run();
