// sealStream / openStream: the shared VBX1 round-trip checks, under node:crypto with the native
// DEFLATE streams and under WebCrypto with fflate, so both backends and both codecs are covered.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readAll, streamOf, textBytes } from '../../../test/vectors/check-harness.js';
import { roundTripChecks, testKey } from '../../../test/vectors/roundtrip-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { openStream, sealStream } from './blob-stream.js';
import { isFormatError } from './format-error.js';

runChecksWithUvu([
  ...roundTripChecks({ backend: 'node', codec: 'native' }),
  ...roundTripChecks({ backend: 'webcrypto', codec: 'fflate' }),
]);

const seal = suite('sealStream');
seal('result carries the length to store and settles after the last byte', async () => {
  const data = textBytes(100000);
  const sealer = sealStream(testKey(1), { compression: 'on' });
  const blob = readAll(sealer.readable);
  await streamOf(data, 3000).pipeTo(sealer.writable);
  const result = await sealer.result;
  assert.ok(result.deflated);
  assert.ok(result.length < data.length);
  assert.is((await blob).length, result.blobLength);
});
seal('refuses a bad key or option at once', () => {
  assert.throws(() => sealStream(new Uint8Array(31)), (e: unknown) => isFormatError(e, 'bad-parameters'));
  assert.throws(() => sealStream(testKey(1), { compression: 'maybe' as 'on' }), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
seal('result rejects when the input fails', async () => {
  const sealer = sealStream(testKey(2));
  const input = new ReadableStream<Uint8Array>({ pull(c) { c.error(new Error('disk went away')); } });
  await input.pipeTo(sealer.writable).catch(() => undefined);
  await sealer.readable.cancel().catch(() => undefined);
  let rejected = false;
  await Promise.race([sealer.result.catch(() => { rejected = true; }), new Promise((r) => setTimeout(r, 200))]);
  assert.ok(rejected);
});
seal.run();

const open = suite('openStream');
open('a wrong length is reported, not silently accepted', async () => {
  const data = textBytes(50000);
  const sealer = sealStream(testKey(3), { compression: 'off' });
  const blobPromise = readAll(sealer.readable);
  await streamOf(data, 50000).pipeTo(sealer.writable);
  const blob = await blobPromise;
  try {
    await readAll(streamOf(blob, 9999).pipeThrough(openStream(testKey(3), { length: 70000 })));
    assert.unreachable();
  } catch (e) {
    assert.ok(isFormatError(e, 'truncated'));
  }
});
open.run();
