// ContentHasher against a reference built from node:crypto: SHA-256 over the SHA-256 of each 512 KiB
// block, through both sides of the SHA-256 seam. Whole digests, prefix digests mid-stream, block
// boundaries, the empty input, backlog(); and the shared checks against fixed digests
// (test/vectors/content-hash-checks.ts), which the browser runs too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { CONTENT_HASH_BLOCK_BYTES, ContentHasher } from './content-hasher.js';
import { randomBytes } from './bytes.js';
import { contentHashChecks } from '../../../test/vectors/content-hash-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';

runChecksWithUvu([...contentHashChecks('node'), ...contentHashChecks('webcrypto')]);

const B = CONTENT_HASH_BLOCK_BYTES;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();

function reference(data: Uint8Array): string {
  const digests: Buffer[] = [];
  for (let at = 0; at < data.length; at += B) digests.push(sha(data.subarray(at, at + B)));
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

for (const backend of ['webcrypto', 'node'] as const) {
test(`${backend}: the content hash of sizes around the block boundary`, async () => {
  const data = randomBytes(2 * B + 100);
  for (const size of [1, 1000, B - 1, B, B + 1, 2 * B, 2 * B + 100]) {
    const h = await ContentHasher.create(backend);
    h.update(data.subarray(0, size));
    assert.is(await h.digest(), reference(data.subarray(0, size)), `size ${size}`);
  }
});

test(`${backend}: prefix hashes are taken at the moment asked, while hashing goes on`, async () => {
  const data = randomBytes(3 * B + 12345);
  const h = await ContentHasher.create(backend);
  const prefixes: Promise<{ length: number; digest: string }>[] = [];
  // Odd write sizes, a prefix after each: the block buffer is reused under the pending digests.
  for (let at = 0, step = 777_777; at < data.length; at += step) {
    h.update(data.subarray(at, Math.min(at + step, data.length)));
    prefixes.push(h.prefix());
  }
  for (const p of await Promise.all(prefixes)) assert.is(p.digest, reference(data.subarray(0, p.length)), `prefix of ${p.length}`);
  assert.is(h.length, data.length);
  assert.is(await h.digest(), reference(data));
});

test(`${backend}: the empty input hashes no blocks`, async () => {
  assert.is(await (await ContentHasher.create(backend)).digest(), createHash('sha256').update(Buffer.alloc(0)).digest('hex'));
});

test(`${backend}: backlog() lets hashing go on, and the digest is the same after it`, async () => {
  const data = randomBytes(5 * B + 70_000);
  const h = await ContentHasher.create(backend);
  for (let at = 0; at < data.length; at += 1_000_000) {
    h.update(data.subarray(at, at + 1_000_000));
    await h.backlog();
  }
  assert.is(await h.digest(), reference(data));
});
}

test.run();
