// Route tests for resumable uploads and blobs: parts, resume list, commit, Range downloads, delete,
// quota before bytes, exact part sizes, invisibility before commit, sweeping, and a full disk.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BlobStore, WholeBlob } from '../store/blob-store.js';
import { StorageError } from '../store/storage-error.js';
import { type Fixture, type User, TEST_PART, errorCode, makeFixture, signUp, uploadBlob } from '../test-support/fixture.js';
import { BATCHES_PER_ACCOUNT } from './blobs.js';

test('upload in parts, list received parts, commit, download whole and by Range', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const data = randomBytes(TEST_PART * 2 + 1234);
  const created = await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: data.length } });
  assert.is(created.status, 201);
  const u = await created.json() as { blobId: string; partSize: number; partCount: number; receivedParts: number[] };
  assert.is(u.partSize, TEST_PART);
  assert.is(u.partCount, 3);
  // Out of order, like a resumed upload.
  for (const i of [2, 0]) {
    const part = data.subarray(i * TEST_PART, Math.min(data.length, (i + 1) * TEST_PART));
    const res = await f.call('PUT', `/api/v1/uploads/${u.blobId}/parts/${i}`, { as: alice, body: part, headers: { 'content-length': String(part.length) } });
    assert.is(res.status, 200);
  }
  const status = await (await f.call('GET', `/api/v1/uploads/${u.blobId}`, { as: alice })).json() as { receivedParts: number[] };
  assert.equal(status.receivedParts, [0, 2]);
  const early = await f.call('POST', `/api/v1/uploads/${u.blobId}/commit`, { as: alice });
  assert.is(early.status, 409);
  assert.equal(((await early.json()) as { error: { missingParts: number[] } }).error.missingParts, [1]);
  assert.is((await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice })).status, 404, 'invisible before commit');
  const part1 = data.subarray(TEST_PART, 2 * TEST_PART);
  await f.call('PUT', `/api/v1/uploads/${u.blobId}/parts/1`, { as: alice, body: part1, headers: { 'content-length': String(part1.length) } });
  const commit = await f.call('POST', `/api/v1/uploads/${u.blobId}/commit`, { as: alice });
  assert.is(commit.status, 201);

  const whole = await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice });
  assert.is(whole.status, 200);
  assert.is(whole.headers.get('content-length'), String(data.length));
  assert.is(whole.headers.get('accept-ranges'), 'bytes');
  assert.ok(Buffer.from(await whole.arrayBuffer()).equals(data));
  const range = await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice, headers: { range: 'bytes=100-199' } });
  assert.is(range.status, 206);
  assert.is(range.headers.get('content-range'), `bytes 100-199/${data.length}`);
  assert.ok(Buffer.from(await range.arrayBuffer()).equals(data.subarray(100, 200)));
  const suffix = await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice, headers: { range: 'bytes=-10' } });
  assert.ok(Buffer.from(await suffix.arrayBuffer()).equals(data.subarray(data.length - 10)));
  const beyond = await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice, headers: { range: `bytes=${data.length}-` } });
  assert.is(beyond.status, 416);
  assert.is(beyond.headers.get('content-range'), `bytes */${data.length}`);
  assert.is(await errorCode(beyond), 'range_not_satisfiable');

  const list = await (await f.call('GET', '/api/v1/blobs', { as: alice })).json() as { blobs: { blobId: string; size: number }[] };
  assert.equal(list.blobs.map((b) => [b.blobId, b.size]), [[u.blobId, data.length]]);
  assert.is((await f.call('DELETE', `/api/v1/blobs/${u.blobId}`, { as: alice })).status, 200);
  assert.is((await f.call('GET', `/api/v1/blobs/${u.blobId}`, { as: alice })).status, 404);
  assert.is((await f.call('DELETE', `/api/v1/blobs/${u.blobId}`, { as: alice })).status, 404);
  await f.close();
});

test('exact part sizes: wrong Content-Length, short or long body, index out of range', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const created = await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: TEST_PART + 10 } })).json() as { blobId: string };
  const url = `/api/v1/uploads/${created.blobId}/parts`;
  const cases: [string, Uint8Array, Record<string, string>, number, string][] = [
    ['0', Buffer.alloc(10), { 'content-length': '10' }, 400, 'part_size_mismatch'],
    ['1', Buffer.alloc(11), { 'content-length': '11' }, 400, 'part_size_mismatch'],
    ['1', Buffer.alloc(9), { 'content-length': '10' }, 400, 'part_size_mismatch'],
    ['1', Buffer.alloc(20), { 'content-length': '10' }, 400, 'part_size_mismatch'],
    ['2', Buffer.alloc(10), { 'content-length': '10' }, 400, 'part_out_of_range'],
    ['-1', Buffer.alloc(10), { 'content-length': '10' }, 400, 'part_out_of_range'],
    ['x', Buffer.alloc(10), { 'content-length': '10' }, 400, 'part_out_of_range'],
  ];
  for (const [index, body, headers, status, code] of cases) {
    const res = await f.call('PUT', `${url}/${index}`, { as: alice, body, headers });
    assert.is(res.status, status, `part ${index} with ${body.length} bytes`);
    assert.is(await errorCode(res), code);
  }
  const status = await (await f.call('GET', `/api/v1/uploads/${created.blobId}`, { as: alice })).json() as { receivedParts: number[] };
  assert.equal(status.receivedParts, []);
  await f.close();
});

test('quota is checked before any byte is accepted, counting open uploads', async () => {
  const f = await makeFixture({ defaultQuotaBytes: 100_000 });
  const alice = await signUp(f, 'alice');
  assert.is((await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 60_000 } })).status, 201);
  const over = await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 50_000 } });
  assert.is(over.status, 507);
  assert.is(await errorCode(over), 'quota_exceeded');
  const uploads = await (await f.call('GET', '/api/v1/uploads', { as: alice })).json() as { uploads: unknown[] };
  assert.is(uploads.uploads.length, 1);
  await f.close();
});

test('unfinished uploads expire: swept, space and reservation freed', async () => {
  const f = await makeFixture({ uploadTtlMs: 60_000, defaultQuotaBytes: 100_000 });
  const alice = await signUp(f, 'alice');
  const u = await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 90_000 } })).json() as { blobId: string };
  await f.call('PUT', `/api/v1/uploads/${u.blobId}/parts/0`, { as: alice, body: Buffer.alloc(TEST_PART), headers: { 'content-length': String(TEST_PART) } });
  assert.ok((await f.heldUploadIds()).includes(u.blobId));
  f.clock.advance(61_000);
  assert.is(await errorCode(await f.call('PUT', `/api/v1/uploads/${u.blobId}/parts/1`, { as: alice, body: Buffer.alloc(10), headers: { 'content-length': '10' } })), 'upload_not_found');
  await f.relay.sweep();
  assert.not.ok((await f.heldUploadIds()).includes(u.blobId));
  assert.is(await f.meta.getUpload(u.blobId), null);
  assert.is((await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 90_000 } })).status, 201);
  await f.close();
});

test('abort an upload; malformed ids are 400 invalid_id', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const u = await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 10 } })).json() as { blobId: string };
  assert.is((await f.call('DELETE', `/api/v1/uploads/${u.blobId}`, { as: alice })).status, 200);
  assert.is((await f.call('GET', `/api/v1/uploads/${u.blobId}`, { as: alice })).status, 404);
  for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'AAAA', 'AAAAAAAAAAAAAAAAAAAAAB', '..%5C..%5Crelay.db']) {
    const res = await f.call('GET', `/api/v1/blobs/${bad}`, { as: alice });
    assert.is(res.status, 400, bad);
    assert.is(await errorCode(res), 'invalid_id');
  }
  // URL parsing folds a dot-dot segment away before routing: no route, JSON 404.
  const dots = await f.call('GET', '/api/v1/blobs/%2e%2e/relay.db', { as: alice });
  assert.is(dots.status, 404);
  assert.is(await errorCode(dots), 'not_found');
  await f.close();
});

const outOfSpace = () => new StorageError('full', 'the blob store is out of space', { cause: Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }) });

/** The same store without the putBlobs fast path: batches go through begin / write / complete. */
function withoutPutBlobs(inner: BlobStore): BlobStore {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'putBlobs') return undefined;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Both ways a batch reaches the blob store. */
const batchPaths: [string, (b: BlobStore) => BlobStore][] = [['putBlobs', (b) => b], ['begin / write / complete', withoutPutBlobs]];

/** A blob store whose writes fail with ENOSPC after some bytes, like a disk filling up. */
function fullDisk(inner: BlobStore, state: { full: boolean }): BlobStore {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'writePart') {
        return async (id: string, handle: string, part: { index: number; offset: number; size: number }, body: Readable) => {
          if (!state.full) return target.writePart(id, handle, part, body);
          let seen = 0;
          for await (const chunk of body) {
            seen += (chunk as Buffer).length;
            if (seen > part.size / 2) break;
          }
          throw outOfSpace();
        };
      }
      const put = target.putBlobs?.bind(target);
      if (prop === 'putBlobs' && put) {
        // Full after the first blob: the caller must delete the one that got stored.
        return async (blobs: WholeBlob[]) => {
          if (!state.full) return put(blobs);
          await put(blobs.slice(0, 1));
          throw outOfSpace();
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('disk full mid-part: 507 storage_full, the upload cancelled to free space, stored blobs intact', async () => {
  const state = { full: false };
  const f = await makeFixture({}, (b) => fullDisk(b, state));
  const alice = await signUp(f, 'alice');
  const kept = randomBytes(5000);
  const keptId = await uploadBlob(f, alice, kept);
  state.full = true;
  const u = await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 5000 } })).json() as { blobId: string };
  const res = await f.call('PUT', `/api/v1/uploads/${u.blobId}/parts/0`, { as: alice, body: randomBytes(5000), headers: { 'content-length': '5000' } });
  assert.is(res.status, 507);
  assert.is(await errorCode(res), 'storage_full');
  assert.is((await f.call('GET', `/api/v1/uploads/${u.blobId}`, { as: alice })).status, 404, 'the upload was cancelled to free space');
  assert.not.ok((await f.heldUploadIds()).includes(u.blobId));
  const back = await f.call('GET', `/api/v1/blobs/${keptId}`, { as: alice });
  assert.ok(Buffer.from(await back.arrayBuffer()).equals(kept));
  state.full = false;
  assert.ok(Buffer.from(await (await f.call('GET', `/api/v1/blobs/${await uploadBlob(f, alice, kept)}`, { as: alice })).arrayBuffer()).equals(kept), 'uploads work again once space is back');
  await f.close();
});

/** A `POST /blobs/batch` body: u32 count, u32 sizes, the bytes (docs/API.md). */
function batchBody(blobs: Uint8Array[]): Buffer {
  const head = Buffer.alloc(4 + 4 * blobs.length);
  head.writeUInt32BE(blobs.length, 0);
  blobs.forEach((b, i) => head.writeUInt32BE(b.length, 4 + 4 * i));
  return Buffer.concat([head, ...blobs]);
}

const octets = (length: number) => ({ 'content-type': 'application/octet-stream', 'content-length': String(length) });

async function nothingStored(f: Fixture, user: User, what: string): Promise<void> {
  assert.equal(await f.storedBlobIds(), [], `${what}: no blob file or object`);
  assert.equal(((await (await f.call('GET', '/api/v1/blobs', { as: user })).json()) as { blobs: unknown[] }).blobs, [], `${what}: no blob listed`);
  assert.is(((await (await f.call('GET', '/api/v1/account', { as: user })).json()) as { usage: number }).usage, 0, `${what}: no usage`);
}

for (const [path, wrap] of batchPaths) test(`batch (${path}): several blobs in one request, read back byte-exact, in order, counted in usage, private`, async () => {
  const f = await makeFixture({}, wrap);
  const alice = await signUp(f, 'alice');
  const bob = await signUp(f, 'bob');
  const blobs = [randomBytes(1), randomBytes(1000), randomBytes(TEST_PART - 1001)];
  const body = batchBody(blobs);
  assert.is(body.length, 4 + 4 * 3 + TEST_PART, 'the blobs fill exactly one part: the limit is allowed');
  const res = await f.call('POST', '/api/v1/blobs/batch', { as: alice, body, headers: octets(body.length) });
  assert.is(res.status, 201);
  const answer = (await res.json()) as { blobs: { blobId: string; size: number; createdAt: string }[] };
  assert.equal(answer.blobs.map((b) => b.size), blobs.map((b) => b.length));
  assert.is(new Set(answer.blobs.map((b) => b.blobId)).size, blobs.length);
  for (const [i, b] of answer.blobs.entries()) {
    assert.is(b.createdAt, new Date(f.clock.now).toISOString());
    const back = await f.call('GET', `/api/v1/blobs/${b.blobId}`, { as: alice });
    assert.is(back.status, 200);
    assert.ok(Buffer.from(await back.arrayBuffer()).equals(blobs[i]), `blob ${i} byte-exact`);
    assert.is((await f.call('GET', `/api/v1/blobs/${b.blobId}`, { as: bob })).status, 404, 'another account cannot read it');
    assert.is((await f.call('DELETE', `/api/v1/blobs/${b.blobId}`, { as: bob })).status, 404, 'nor delete it');
  }
  const total = blobs.reduce((s, b) => s + b.length, 0);
  assert.is(((await (await f.call('GET', '/api/v1/account', { as: alice })).json()) as { usage: number }).usage, total);
  assert.is(((await (await f.call('GET', '/api/v1/account', { as: bob })).json()) as { usage: number }).usage, 0);
  // Usage follows every later change exactly (the running total, on every back end).
  await uploadBlob(f, alice, randomBytes(700));
  const open = (await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 5000 } })).json()) as { blobId: string };
  const aborted = (await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 3000 } })).json()) as { blobId: string };
  await f.call('DELETE', `/api/v1/uploads/${aborted.blobId}`, { as: alice });
  await f.call('DELETE', `/api/v1/blobs/${answer.blobs[1].blobId}`, { as: alice });
  assert.ok(open.blobId);
  assert.is(((await (await f.call('GET', '/api/v1/account', { as: alice })).json()) as { usage: number }).usage, total + 700 + 5000 - 1000);
  assert.is((await f.call('POST', '/api/v1/blobs/batch', { body, headers: octets(body.length) })).status, 401, 'without auth');
  await f.close();
});

test('batch: bad framing is 400, over one part 413, a short body 400 part_truncated; nothing stored', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const good = batchBody([randomBytes(10), randomBytes(20)]);
  const withCount = (count: number, rest: Buffer) => Buffer.concat([Buffer.from([0, 0, count >> 8, count & 0xff]), rest]);
  const cases: [string, Buffer, Record<string, string>, number, string][] = [
    ['count 0', withCount(0, Buffer.alloc(0)), octets(4), 400, 'invalid_request'],
    ['count 257', withCount(257, Buffer.alloc(257 * 4 + 257)), octets(4 + 257 * 5), 400, 'invalid_request'],
    ['size 0', batchBody([randomBytes(5), Buffer.alloc(0), randomBytes(5)]), octets(4 + 12 + 10), 400, 'invalid_request'],
    ['Content-Length one short of the sizes', good.subarray(0, good.length - 1), octets(good.length - 1), 400, 'invalid_request'],
    ['Content-Length one over the sizes', Buffer.concat([good, Buffer.alloc(1)]), octets(good.length + 1), 400, 'invalid_request'],
    ['body longer than its Content-Length', Buffer.concat([good, Buffer.alloc(5)]), octets(good.length), 400, 'invalid_request'],
    ['over one part', batchBody([randomBytes(TEST_PART / 2), randomBytes(TEST_PART / 2 + 1)]), octets(4 + 8 + TEST_PART + 1), 413, 'batch_too_large'],
    ['body ends early', good.subarray(0, good.length - 7), octets(good.length), 400, 'part_truncated'],
    ['body ends inside the header', good.subarray(0, 6), octets(good.length), 400, 'part_truncated'],
    ['no Content-Length', good, { 'content-type': 'application/octet-stream' }, 411, 'length_required'],
    ['not octet-stream', good, { 'content-type': 'text/plain', 'content-length': String(good.length) }, 415, 'unsupported_media_type'],
  ];
  for (const [what, body, headers, status, code] of cases) {
    const res = await f.call('POST', '/api/v1/blobs/batch', { as: alice, body, headers });
    assert.is(res.status, status, what);
    const error = ((await res.json()) as { error: { code: string; message: string; limit?: number } }).error;
    assert.is(error.code, code, what);
    if (status === 413) assert.is(error.limit, TEST_PART, 'the 413 says the limit');
    await nothingStored(f, alice, what);
  }
  await f.close();
});

test('batch: over the quota is 507 with nothing stored, also when the room goes while the files are written', async () => {
  const hook: { run: (() => Promise<void>) | null } = { run: null };
  const f = await makeFixture({ defaultQuotaBytes: 10_000 }, (inner) => new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'completeUpload') {
        return async (...args: Parameters<BlobStore['completeUpload']>) => {
          const run = hook.run;
          hook.run = null;
          await run?.();
          return target.completeUpload(...args);
        };
      }
      const put = target.putBlobs?.bind(target);
      if (prop === 'putBlobs' && put) {
        return async (blobs: WholeBlob[]) => {
          const run = hook.run;
          hook.run = null;
          await run?.();
          return put(blobs);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }));
  const alice = await signUp(f, 'alice');
  const over = batchBody([randomBytes(6000), randomBytes(4001)]);
  const res = await f.call('POST', '/api/v1/blobs/batch', { as: alice, body: over, headers: octets(over.length) });
  assert.is(res.status, 507);
  assert.is(await errorCode(res), 'quota_exceeded');
  await nothingStored(f, alice, 'over the quota');

  // Another upload takes the room after the batch's first check: the transaction refuses, the files go.
  const fits = batchBody([randomBytes(3000), randomBytes(3000)]);
  let raced = '';
  hook.run = async () => {
    const u = await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 5000 } });
    raced = ((await u.json()) as { blobId: string }).blobId;
  };
  const late = await f.call('POST', '/api/v1/blobs/batch', { as: alice, body: fits, headers: octets(fits.length) });
  assert.is(late.status, 507);
  assert.is(await errorCode(late), 'quota_exceeded');
  assert.ok(raced, 'the other upload got the room');
  assert.equal(await f.storedBlobIds(), [], 'the written files were deleted');
  assert.equal(((await (await f.call('GET', '/api/v1/blobs', { as: alice })).json()) as { blobs: unknown[] }).blobs, []);
  assert.is(((await (await f.call('GET', '/api/v1/account', { as: alice })).json()) as { usage: number }).usage, 5000, 'only the other upload counts');
  await f.close();
});

for (const [path, wrap] of batchPaths) test(`batch (${path}): a full disk is 507 storage_full, nothing stored`, async () => {
  const state = { full: true };
  const f = await makeFixture({}, (b) => fullDisk(wrap(b), state));
  const alice = await signUp(f, 'alice');
  const body = batchBody([randomBytes(3000), randomBytes(3000), randomBytes(3000)]);
  const res = await f.call('POST', '/api/v1/blobs/batch', { as: alice, body, headers: octets(body.length) });
  assert.is(res.status, 507);
  assert.is(await errorCode(res), 'storage_full');
  await nothingStored(f, alice, 'disk full');
  assert.equal(await f.heldUploadIds(), [], 'no upload left behind');
  await f.close();
});

test(`batch: one account's batches past ${BATCHES_PER_ACCOUNT} at once wait with their bodies unread, another account's go on, and all are stored`, async () => {
  let inside = 0;
  let most = 0;
  let open!: () => void;
  const gate = new Promise<void>((r) => { open = r; });
  const f = await makeFixture({}, (inner) => new Proxy(inner, {
    get(target, prop, receiver) {
      const put = target.putBlobs?.bind(target);
      if (prop === 'putBlobs' && put) {
        return async (blobs: WholeBlob[]) => {
          most = Math.max(most, ++inside);
          try {
            await gate;
            return await put(blobs);
          } finally {
            inside--;
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }));
  const alice = await signUp(f, 'alice');
  const bob = await signUp(f, 'bob');
  const send = (user: User) => {
    const body = batchBody([randomBytes(3000), randomBytes(5000)]);
    return f.call('POST', '/api/v1/blobs/batch', { as: user, body, headers: octets(body.length) });
  };
  const alices = Array.from({ length: BATCHES_PER_ACCOUNT + 3 }, () => send(alice));
  for (let i = 0; i < 50 && inside < BATCHES_PER_ACCOUNT; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  assert.is(inside, BATCHES_PER_ACCOUNT, 'only so many of one account\'s batches are being stored');
  const bobs = send(bob);
  for (let i = 0; i < 50 && inside < BATCHES_PER_ACCOUNT + 1; i++) await new Promise((r) => setTimeout(r, 10));
  assert.is(inside, BATCHES_PER_ACCOUNT + 1, 'another account is not held back');
  open();
  for (const res of await Promise.all([...alices, bobs])) assert.is(res.status, 201);
  assert.is(most, BATCHES_PER_ACCOUNT + 1);
  assert.is(((await (await f.call('GET', '/api/v1/blobs', { as: alice })).json()) as { blobs: unknown[] }).blobs.length, 2 * (BATCHES_PER_ACCOUNT + 3));
  await f.close();
});

test.run();
