// Both DEFLATE codecs stream raw DEFLATE that the other can read; inflation ignores what follows
// the end of the stream (fflate) and reports damaged input as 'bad-compression'.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { concat, textBytes } from '../../../test/vectors/check-harness.js';
import { createDeflater, createInflater, nativeDeflateAvailable, resolveCodec, type DeflateCodec } from './deflate-codec.js';
import { isFormatError } from './format-error.js';

async function run(sink: (emit: (b: Uint8Array) => void) => { push(d: Uint8Array): Promise<void>; finish(): Promise<void> }, input: Uint8Array, piece: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const s = sink((b) => { parts.push(b); });
  for (let i = 0; i < input.length; i += piece) await s.push(input.slice(i, i + piece));
  await s.finish();
  return concat(parts);
}

const codecs: DeflateCodec[] = ['native', 'fflate'];

const deflate = suite('createDeflater / createInflater');
deflate('native is available in Node 20 and is the default', () => {
  assert.ok(nativeDeflateAvailable());
  assert.is(resolveCodec(undefined), 'native');
});
deflate('each codec reads what the other writes', async () => {
  const text = textBytes(300000);
  for (const writer of codecs) {
    const packed = await run((e) => createDeflater(writer, e), text, 7000);
    assert.ok(packed.length < text.length / 2, `${writer} compresses`);
    for (const reader of codecs) {
      assert.equal(await run((e) => createInflater(reader, e), packed, 999), text, `${writer} → ${reader}`);
    }
  }
});
deflate('fflate inflation ignores zero padding after the stream', async () => {
  const text = textBytes(5000);
  const packed = await run((e) => createDeflater('fflate', e), text, 5000);
  const padded = concat([packed, new Uint8Array(300)]);
  assert.equal(await run((e) => createInflater('fflate', e), padded, 64), text);
});
deflate('damaged or cut input is bad-compression', async () => {
  const packed = await run((e) => createDeflater('fflate', e), textBytes(50000), 50000);
  for (const codec of codecs) {
    await run((e) => createInflater(codec, e), packed.subarray(0, packed.length >> 1), 1000).then(
      () => assert.unreachable(`${codec} accepted a cut stream`),
      (e: unknown) => assert.ok(isFormatError(e, 'bad-compression'), `${codec}: ${String(e)}`));
    await run((e) => createInflater(codec, e), Uint8Array.of(0xff, 0xff, 0xff, 0xff), 4).then(
      () => assert.unreachable(`${codec} accepted garbage`),
      (e: unknown) => assert.ok(isFormatError(e, 'bad-compression'), `${codec}: ${String(e)}`));
  }
});
deflate.run();
