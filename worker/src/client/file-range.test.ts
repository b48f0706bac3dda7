// Unit tests of file-range.ts over a real sealed blob and a RelayApi whose fetch serves it from memory
// with Range, as the relay does: exact bytes at chunk boundaries, only the covering chunks fetched, the
// DEFLATE path from the start, and a changed chunk refused as `tampered`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sealBlob } from '../format/blob.js';
import { randomBytes } from '../format/bytes.js';
import { encodeBase64url } from './base64url.js';
import { isClientError } from './client-error.js';
import { copyRange, RANGE_CHUNKS_PER_REQUEST } from './file-range.js';
import type { FileContent } from './node-record.js';
import { RelayApi } from './relay-api.js';

const CHUNK = 16384;
const SEALED = CHUNK + 16;

/** A relay of one blob: answers GET /blobs/b with Range as serve-blob.ts does, and logs each Range. */
function relayOf(blob: Uint8Array): { api: RelayApi; ranges: (string | null)[] } {
  const ranges: (string | null)[] = [];
  const api = new RelayApi({
    baseUrl: 'http://relay.test', sessionMode: 'bearer',
    fetch: async (_url, init) => {
      const range = new Headers(init?.headers).get('range');
      ranges.push(range);
      const m = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
      if (!m) return new Response(blob.slice(), { status: 200 });
      return new Response(blob.slice(Number(m[1]), Math.min(Number(m[2]) + 1, blob.length)), { status: 206 });
    },
  });
  return { api, ranges };
}

async function stored(plain: Uint8Array, compression: 'on' | 'off'): Promise<{ content: FileContent; blob: Uint8Array }> {
  const fileKey = randomBytes(32);
  const sealed = await sealBlob(fileKey, plain, { compression });
  const content: FileContent = {
    blobIds: ['b'], fileKey: encodeBase64url(fileKey), length: sealed.length, deflated: sealed.deflated, size: plain.length,
    blobSize: sealed.blob.length, mtime: 0, mediaType: 'application/octet-stream', contentHash: null, savedAt: 0, version: 1,
  };
  return { content, blob: sealed.blob };
}

async function read(api: RelayApi, content: FileContent, start: number, end: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await copyRange(api, content, 'n', { start, end }, new WritableStream({ write(chunk) { parts.push(chunk); } }));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => { out.set(p, at); return at + p.length; }, 0);
  return out;
}

const plain = randomBytes(40 * CHUNK + 123);

test('stored as is: exact bytes for spans at and across chunk boundaries', async () => {
  const { content, blob } = await stored(plain, 'off');
  const { api } = relayOf(blob);
  for (const [start, end] of [[0, 0], [0, 1], [0, CHUNK - 1], [0, CHUNK], [0, CHUNK + 1], [CHUNK - 1, CHUNK + 1],
    [5 * CHUNK + 7, 30 * CHUNK + 9], [plain.length - 1, plain.length], [0, plain.length]]) {
    assert.equal(await read(api, content, start, end), plain.subarray(start, end), `${start}–${end}`);
  }
});

test('stored as is: the head, then only the chunks under the span, at most RANGE_CHUNKS_PER_REQUEST a request', async () => {
  const { content, blob } = await stored(plain, 'off');
  const { api, ranges } = relayOf(blob);
  await read(api, content, 33 * CHUNK + 100, 34 * CHUNK + 100);
  assert.equal(ranges, ['bytes=0-63', `bytes=${64 + 33 * SEALED}-${64 + 35 * SEALED - 1}`]);
  ranges.length = 0;
  await read(api, content, 0, plain.length);
  assert.is(ranges.length, 1 + Math.ceil(41 / RANGE_CHUNKS_PER_REQUEST));
});

test('DEFLATE: decrypted from the start, the right bytes', async () => {
  const text = new TextEncoder().encode('veilbox '.repeat(20_000));
  const { content, blob } = await stored(text, 'on');
  assert.ok(content.deflated);
  const { api, ranges } = relayOf(blob);
  assert.equal(await read(api, content, 100_000, 100_050), text.subarray(100_000, 100_050));
  assert.equal(ranges, [null]);
});

test('a changed chunk is refused as tampered; a range past the end as not-found', async () => {
  const { content, blob } = await stored(plain, 'off');
  const changed = blob.slice();
  changed[64 + 20 * SEALED + 5] ^= 1;
  const { api } = relayOf(changed);
  const failure = await read(api, content, 20 * CHUNK, 20 * CHUNK + 10).then(() => null, (e: unknown) => e);
  assert.ok(isClientError(failure, 'tampered'), String(failure));
  assert.equal(await read(api, content, 0, 10), plain.subarray(0, 10), 'chunks that were not changed still open');
  const past = await read(api, content, 0, plain.length + 1).then(() => null, (e: unknown) => e);
  assert.ok(isClientError(past, 'not-found'), String(past));
});

test.run();
