// The batch framing header: counts at and beyond the limits, zero sizes, a sum over the limit (413),
// and a Content-Length that doesn't add up, each refused with its code before a blob byte is read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HttpError } from '../http/http-error.js';
import { BATCH_MAX_BLOBS, batchHeaderLength, parseBatchCount, parseBatchHeader } from './blob-batch-frame.js';

/** A header announcing `sizes` (with `count` overriding the real number of sizes). */
function header(sizes: number[], count = sizes.length): Buffer {
  const out = Buffer.alloc(4 + 4 * sizes.length);
  out.writeUInt32BE(count, 0);
  sizes.forEach((size, i) => out.writeUInt32BE(size, 4 + 4 * i));
  return out;
}

const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

function refused(run: () => unknown, status: number, code: string, what: string): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, HttpError, what);
    assert.is((error as HttpError).status, status, what);
    assert.is((error as HttpError).code, code, what);
    return;
  }
  assert.unreachable(`${what}: accepted`);
}

test('a well-formed header gives the sizes and their total, at 1 and at the maximum count', () => {
  for (const sizes of [[1], [5, 1, 300], Array.from({ length: BATCH_MAX_BLOBS }, (_, i) => i + 1)]) {
    const length = batchHeaderLength(sizes.length) + sum(sizes);
    assert.is(parseBatchCount(header(sizes).subarray(0, 4), length), sizes.length);
    assert.equal(parseBatchHeader(header(sizes), length, 1 << 20), { sizes, total: sum(sizes) });
  }
  assert.equal(parseBatchHeader(header([10, 6]), 4 + 8 + 16, 16), { sizes: [10, 6], total: 16 }, 'exactly the limit');
});

test('the count: 0 and 257 are refused, and so is a Content-Length shorter than the header', () => {
  refused(() => parseBatchCount(header([], 0), 4), 400, 'invalid_request', 'count 0');
  refused(() => parseBatchCount(header([], BATCH_MAX_BLOBS + 1), 10_000), 400, 'invalid_request', 'count 257');
  refused(() => parseBatchCount(header([], 0xffffffff), 10_000), 400, 'invalid_request', 'count 2^32-1');
  refused(() => parseBatchCount(Buffer.alloc(3), 3), 400, 'invalid_request', 'fewer than 4 bytes');
  refused(() => parseBatchCount(header([], 3), 4 + 4 * 2), 400, 'invalid_request', 'Content-Length below the header');
});

test('the sizes: a zero size, a sum over the limit (413), and lengths that do not add up', () => {
  refused(() => parseBatchHeader(header([4, 0, 4]), 4 + 12 + 8, 1000), 400, 'invalid_request', 'size 0');
  refused(() => parseBatchHeader(header([10, 7]), 4 + 8 + 17, 16), 413, 'batch_too_large', 'one byte over');
  refused(() => parseBatchHeader(header([0xffffffff, 0xffffffff]), 4 + 8 + 2 * 0xffffffff, 1 << 23), 413, 'batch_too_large', 'huge sizes');
  refused(() => parseBatchHeader(header([10, 6]), 4 + 8 + 15, 1000), 400, 'invalid_request', 'Content-Length one short');
  refused(() => parseBatchHeader(header([10, 6]), 4 + 8 + 17, 1000), 400, 'invalid_request', 'Content-Length one over');
  refused(() => parseBatchHeader(header([10, 6], 3), 4 + 12 + 16, 1000), 400, 'invalid_request', 'fewer sizes than the count');
  try {
    parseBatchHeader(header([10, 7]), 4 + 8 + 17, 16);
  } catch (error) {
    assert.equal((error as HttpError).details, { limit: 16 }, 'the 413 says the limit');
  }
});

test.run();
