// ContentHasher against node:crypto's SHA-256: whole digests, prefix digests mid-stream, and the
// pass-through stream.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { ContentHasher, hashingStream } from './content-hasher.js';
import { randomBytes } from './bytes.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('prefix digests match SHA-256 of the prefix, and hashing goes on after them', async () => {
  const data = randomBytes(300_000);
  const h = await ContentHasher.create();
  h.update(data.subarray(0, 1000));
  const first = h.prefix();
  h.update(data.subarray(1000, 200_000)); // before the first digest is read: it must not change it
  assert.is(first.length, 1000);
  assert.is(await first.digest, sha256(data.subarray(0, 1000)));
  assert.is(await h.prefix().digest, sha256(data.subarray(0, 200_000)));
  h.update(data.subarray(200_000));
  assert.is(h.length, data.length);
  assert.is(h.digest(), sha256(data));
});

test('the empty input', async () => {
  const h = await ContentHasher.create();
  assert.is(await h.prefix().digest, sha256(new Uint8Array(0)));
  assert.is(h.digest(), sha256(new Uint8Array(0)));
});

test('hashingStream passes bytes through unchanged and hashes them', async () => {
  const data = randomBytes(70_000);
  const h = await ContentHasher.create();
  const out = await new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(hashingStream(h))).arrayBuffer();
  assert.equal(new Uint8Array(out), data);
  assert.is(h.digest(), sha256(data));
});

test.run();
