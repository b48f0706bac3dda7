// sealStream / openStream: the shared VBX1 round-trip checks, under node:crypto with the native
// DEFLATE streams and under WebCrypto with fflate, so both backends and both codecs are covered;
// openSourceStream from byte streams (one reused read buffer) and from plain streams; sealSourceStream
// with its tap, a failing source and a cancelled reader.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readAll, streamOf, textBytes } from '../../../test/vectors/check-harness.js';
import { roundTripChecks, testKey } from '../../../test/vectors/roundtrip-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { openSourceStream, openStream, sealSourceStream, sealStream } from './blob-stream.js';
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

async function sealed(key: Uint8Array, data: Uint8Array, compression: 'on' | 'off'): Promise<{ blob: Uint8Array; length: number }> {
  const sealer = sealStream(key, { compression });
  const blob = readAll(sealer.readable);
  await streamOf(data, 70000).pipeTo(sealer.writable);
  return { blob: await blob, length: (await sealer.result).length };
}

/** A byte stream (as a fetch body is) handing out `blob` in pieces of at most `piece` bytes, copied into the reader's buffer. */
function byteSource(blob: Uint8Array, piece: number, seen: { cancelled?: unknown; reads: number }): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const request = controller.byobRequest!;
      const view = request.view as Uint8Array;
      const n = Math.min(piece, view.byteLength, blob.length - at);
      if (n === 0) { controller.close(); request.respond(0); return; }
      new Uint8Array(view.buffer, view.byteOffset, n).set(blob.subarray(at, at + n));
      at += n;
      seen.reads++;
      request.respond(n);
    },
    cancel(reason) { seen.cancelled = reason ?? 'cancelled'; },
  }) as ReadableStream<Uint8Array>;
}

const source = suite('openSourceStream');
source('a byte stream read into one reused buffer gives the plaintext back, stored and deflated', async () => {
  for (const compression of ['off', 'on'] as const) {
    const data = textBytes(1_500_000);
    const { blob, length } = await sealed(testKey(4), data, compression);
    const seen = { reads: 0 };
    // Odd pieces, so chunks and the header straddle reads.
    assert.equal(await readAll(openSourceStream(byteSource(blob, 70001, seen), testKey(4), { length })), data, compression);
    assert.ok(seen.reads >= Math.ceil(blob.length / 70001), 'read piece by piece');
  }
});
source('a plain (not byte) stream works too', async () => {
  const data = textBytes(300_000);
  const { blob, length } = await sealed(testKey(5), data, 'off');
  assert.equal(await readAll(openSourceStream(streamOf(blob, 12345), testKey(5), { length })), data);
});
source('a changed byte fails the stream, releases nothing past it, and cancels the source', async () => {
  const data = textBytes(600_000);
  const { blob, length } = await sealed(testKey(6), data, 'off');
  blob[100_000] ^= 1; // early, so the source still has bytes to give when the chunk fails
  const seen: { cancelled?: unknown; reads: number } = { reads: 0 };
  const reader = openSourceStream(byteSource(blob, 16384, seen), testKey(6), { length }).getReader();
  let released = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      released += value.length;
    }
    assert.unreachable();
  } catch (e) {
    assert.ok(isFormatError(e, 'chunk-auth'), String(e));
  }
  assert.ok(released < 100_000, `released ${released} bytes, some from past the changed chunk`);
  assert.ok(seen.cancelled !== undefined, 'source cancelled');
});
source.run();

const sealSource = suite('sealSourceStream');
sealSource('every chunk passes the tap before it is sealed; the blob opens to the same bytes', async () => {
  const data = textBytes(1_000_000);
  const tapped: number[] = [];
  let sealedBefore = true;
  let out = 0;
  const sealer = sealSourceStream(streamOf(data, 65536), testKey(7), { compression: 'off' }, async (chunk) => {
    tapped.push(chunk.length);
    await new Promise((r) => setTimeout(r, 1)); // a tap that waits holds the sealer back
    if (out > (tapped.length - 1) * 65536 + 1000) sealedBefore = false;
  });
  const reader = sealer.readable.getReader();
  const parts: Uint8Array[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) { parts.push(next.value); out += next.value.length; }
  const result = await sealer.result;
  assert.is(tapped.reduce((a, b) => a + b, 0), data.length);
  assert.ok(sealedBefore, 'sealed output never ran ahead of the tapped input');
  const blob = new Uint8Array(out);
  let at = 0;
  for (const p of parts) { blob.set(p, at); at += p.length; }
  assert.is(blob.length, result.blobLength);
  assert.equal(await readAll(streamOf(blob, 9999).pipeThrough(openStream(testKey(7), { length: result.length }))), data);
});
sealSource('a failing source fails the stream and the result', async () => {
  let sent = 0;
  const input = new ReadableStream<Uint8Array>({ pull(c) { if (sent++ < 3) c.enqueue(textBytes(50_000)); else c.error(new Error('disk went away')); } });
  const sealer = sealSourceStream(input, testKey(8), { compression: 'off' });
  try {
    await readAll(sealer.readable);
    assert.unreachable();
  } catch (e) {
    assert.match(String(e), /disk went away/);
  }
  await sealer.result.then(() => assert.unreachable(), (e: unknown) => assert.match(String(e), /disk went away/));
});
sealSource('cancelling the sealed stream cancels the source and rejects the result', async () => {
  const seen: { cancelled?: unknown } = {};
  const input = new ReadableStream<Uint8Array>({ pull(c) { c.enqueue(textBytes(65536)); }, cancel(reason) { seen.cancelled = reason; } });
  const sealer = sealSourceStream(input, testKey(9), { compression: 'off' });
  const reader = sealer.readable.getReader();
  await reader.read();
  await reader.cancel(new Error('upload given up'));
  assert.ok(seen.cancelled !== undefined, 'source cancelled');
  await sealer.result.then(() => assert.unreachable(), (e: unknown) => assert.match(String(e), /upload given up/));
  assert.throws(() => sealSourceStream(streamOf(textBytes(10), 10), new Uint8Array(31), {}), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
sealSource.run();
