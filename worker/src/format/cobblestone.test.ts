// Cobblestone-256: every Wycheproof vector under both AEAD backends (shared checks), plus the
// stream-level behaviour of each export.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cobblestoneChecks } from '../../../test/vectors/cobblestone-checks.js';
import { drain, pseudoRandomBytes, readAll, streamOf } from '../../../test/vectors/check-harness.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import {
  cobblestoneChunkOffset, CobblestoneChunkReader, cobblestoneDecrypt, cobblestoneDecryptStream, cobblestoneEncrypt,
  cobblestoneEncryptStream,
} from './cobblestone.js';
import { isFormatError } from './format-error.js';
import { utf8 } from './bytes.js';

runChecksWithUvu([...cobblestoneChecks('node'), ...cobblestoneChecks('webcrypto')]);

const key = pseudoRandomBytes(32, 1);
const context = utf8('test context');

const oneShot = suite('cobblestoneEncrypt / cobblestoneDecrypt');
oneShot('round trip at chunk boundaries', async () => {
  for (const n of [0, 1, 16383, 16384, 16385, 3 * 16384]) {
    const msg = pseudoRandomBytes(n, n + 2);
    const sealed = await cobblestoneEncrypt(key, msg, context);
    assert.is(sealed.length, 56 + n + 16 * (Math.floor(n / 16384) + 1));
    assert.equal(await cobblestoneDecrypt(key, sealed, context), msg);
  }
});
oneShot('fresh salt each time', async () => {
  const a = await cobblestoneEncrypt(key, utf8('same'), context);
  const b = await cobblestoneEncrypt(key, utf8('same'), context);
  assert.not.equal(a.subarray(0, 24), b.subarray(0, 24));
});
oneShot('a different context fails the commitment', async () => {
  const sealed = await cobblestoneEncrypt(key, utf8('bound'), context);
  try {
    await cobblestoneDecrypt(key, sealed, utf8('other context'));
    assert.unreachable();
  } catch (e) {
    assert.ok(isFormatError(e, 'wrong-key'));
  }
});
oneShot('refuses keys that are not 32 bytes', async () => {
  for (const bad of [new Uint8Array(16), new Uint8Array(33)]) {
    try {
      await cobblestoneEncrypt(bad, utf8('x'), context);
      assert.unreachable();
    } catch (e) {
      assert.ok(isFormatError(e, 'bad-parameters'));
    }
  }
});
oneShot.run();

const streams = suite('cobblestoneEncryptStream / cobblestoneDecryptStream');
streams('pipelined streams match the one-shot bytes, few chunks in flight or many', async () => {
  const msg = pseudoRandomBytes(40 * 16384 + 5, 3);
  const salt = pseudoRandomBytes(24, 4);
  const expected = await cobblestoneEncrypt(key, msg, context, { salt });
  for (const chunksInFlight of [1, 3, 16, 64]) {
    const sealed = await readAll(streamOf(msg, 50000).pipeThrough(cobblestoneEncryptStream(key, context, { salt, chunksInFlight })));
    assert.equal(sealed, expected);
    const opened = await readAll(streamOf(sealed, 70001).pipeThrough(cobblestoneDecryptStream(key, context, { chunksInFlight })));
    assert.equal(opened, msg);
  }
});
streams('a known plaintext length reports trailing data and truncation by name', async () => {
  const msg = pseudoRandomBytes(20000, 5);
  const sealed = await cobblestoneEncrypt(key, msg, context);
  const extra = new Uint8Array(sealed.length + 1);
  extra.set(sealed);
  const longer = await drain(streamOf(extra, 999).pipeThrough(cobblestoneDecryptStream(key, context, { plaintextLength: msg.length })));
  assert.ok(isFormatError(longer.error, 'trailing-data'));
  const shorter = await drain(streamOf(sealed.subarray(0, sealed.length - 1), 999).pipeThrough(cobblestoneDecryptStream(key, context, { plaintextLength: msg.length })));
  assert.ok(isFormatError(shorter.error, 'truncated'));
});
streams('the input buffer may be reused once a write resolves', async () => {
  const msg = pseudoRandomBytes(50000, 6);
  const salt = pseudoRandomBytes(24, 7);
  const stream = cobblestoneEncryptStream(key, context, { salt });
  const out = readAll(stream.readable);
  const writer = stream.writable.getWriter();
  const buffer = new Uint8Array(7000);
  for (let off = 0; off < msg.length; off += buffer.length) {
    const piece = msg.subarray(off, off + buffer.length);
    buffer.set(piece);
    await writer.write(buffer.subarray(0, piece.length));
    buffer.fill(0xaa); // a producer reusing its buffer must not change what was encrypted
  }
  await writer.close();
  assert.equal(await out, await cobblestoneEncrypt(key, msg, context, { salt }));
});
streams.run();

const random = suite('CobblestoneChunkReader / cobblestoneChunkOffset');
random('opens any chunk alone', async () => {
  const msg = pseudoRandomBytes(4 * 16384 + 10, 8);
  const sealed = await cobblestoneEncrypt(key, msg, context);
  const reader = await CobblestoneChunkReader.create(key, sealed.subarray(0, 56), context);
  for (const k of [4, 0, 2]) {
    const start = cobblestoneChunkOffset(k);
    const chunk = await reader.openChunk(k, sealed.subarray(start, Math.min(sealed.length, start + 16400)));
    assert.equal(chunk, msg.subarray(k * 16384, (k + 1) * 16384));
  }
  assert.is(cobblestoneChunkOffset(3), 56 + 3 * 16400);
});
random.run();
