// Random access into a blob: chunk ranges, the chunk of a plaintext offset, and opening chunks
// alone (the shared round-trip and tamper checks cover a whole blob and tampered chunks).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes } from '../../../test/vectors/check-harness.js';
import { blobChunkIndexOf, blobChunkRange, BlobChunkReader, BLOB_HEAD_BYTES, openBlobChunk } from './blob-chunks.js';
import { sealBlob } from './blob.js';
import { isFormatError } from './format-error.js';

const ranges = suite('blobChunkRange / blobChunkIndexOf');
ranges('chunk k starts at 8 + 56 + k·16400', () => {
  assert.equal(blobChunkRange(0), { start: 64, end: 64 + 16400 });
  assert.equal(blobChunkRange(3), { start: 64 + 3 * 16400, end: 64 + 4 * 16400 });
  // 20000 bytes pad to 20480: chunk 1 holds 4096 bytes + tag.
  assert.equal(blobChunkRange(1, 20000), { start: 64 + 16400, end: 64 + 16400 + 4096 + 16 });
  assert.throws(() => blobChunkRange(2, 20000), (e: unknown) => isFormatError(e, 'bad-parameters'));
  assert.is(blobChunkIndexOf(0), 0);
  assert.is(blobChunkIndexOf(16383), 0);
  assert.is(blobChunkIndexOf(16384), 1);
});
ranges.run();

const reader = suite('BlobChunkReader / openBlobChunk');
reader('opens single chunks, stored or DEFLATE, and says which', async () => {
  const key = pseudoRandomBytes(32, 21);
  const data = pseudoRandomBytes(3 * 16384 + 5, 22);
  const { blob, length } = await sealBlob(key, data, { compression: 'off' });
  const { start, end } = blobChunkRange(1, length);
  assert.equal(await openBlobChunk(key, blob.subarray(0, BLOB_HEAD_BYTES), 1, blob.subarray(start, end)), data.subarray(16384, 32768));
  const r = await BlobChunkReader.create(key, blob);
  assert.is(r.deflated, false);
  const deflated = await sealBlob(key, new Uint8Array(100000), { compression: 'on' });
  assert.is((await BlobChunkReader.create(key, deflated.blob)).deflated, true);
});
reader.run();
