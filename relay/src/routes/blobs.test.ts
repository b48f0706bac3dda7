// Route tests for resumable uploads and blobs: parts, resume list, commit, Range downloads, delete,
// quota before bytes, exact part sizes, invisibility before commit, sweeping, and a full disk.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BlobStore } from '../store/blob-store.js';
import { StorageError } from '../store/storage-error.js';
import { TEST_PART, errorCode, makeFixture, signUp, uploadBlob } from '../test-support/fixture.js';

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

/** A blob store whose part writes fail with ENOSPC after some bytes, like a disk filling up. */
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
          const err = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          throw new StorageError('full', 'the blob store is out of space', { cause: err });
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

test.run();
