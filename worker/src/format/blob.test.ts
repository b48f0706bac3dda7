// sealBlob / openBlob / blobLayout: every vbx1_test.json case (shared checks) under node:crypto
// with native DEFLATE and under WebCrypto with fflate, plus the layout arithmetic.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes } from '../../../test/vectors/check-harness.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { vbx1Checks } from '../../../test/vectors/vbx1-checks.js';
import { concatBytes } from './bytes.js';
import { blobLayout, openBlob, sealBlob, sealBlobPieces } from './blob.js';

runChecksWithUvu([
  ...vbx1Checks({ backend: 'node', codec: 'native' }),
  ...vbx1Checks({ backend: 'webcrypto', codec: 'fflate' }),
]);

const key = pseudoRandomBytes(32, 11);

const seal = suite('sealBlob / openBlob');
seal('one-shot round trip reports what to store', async () => {
  const data = pseudoRandomBytes(30000, 12);
  const sealed = await sealBlob(key, data, { compression: 'off' });
  assert.is(sealed.length, 30000);
  assert.is(sealed.paddedLength, 30720);
  assert.is(sealed.blob.length, sealed.blobLength);
  assert.equal(await openBlob(key, sealed.blob, { length: sealed.length }), data);
});
seal('sealBlobPieces: the same blob in the pieces the sealer emitted, with or without DEFLATE', async () => {
  const salt = pseudoRandomBytes(24, 13);
  for (const [data, compression] of [[pseudoRandomBytes(40000, 14), 'off'], [new Uint8Array(50000).fill(7), 'auto']] as const) {
    const whole = await sealBlob(key, data, { compression, salt });
    const apart = await sealBlobPieces(key, data, { compression, salt });
    assert.ok(apart.pieces.length > 2, 'header, salt ‖ commitment and the chunks apart');
    assert.equal(concatBytes(...apart.pieces), whole.blob);
    assert.is(apart.blobLength, whole.blob.length);
    assert.is(apart.deflated, whole.deflated);
  }
});
seal.run();

const layout = suite('blobLayout');
layout('sizes follow padme and the 16 KiB chunking', () => {
  assert.equal(blobLayout(0), { paddedLength: 0, chunks: 1, blobLength: 8 + 56 + 16 });
  assert.equal(blobLayout(16383), { paddedLength: 16384, chunks: 2, blobLength: 8 + 56 + 16384 + 32 });
  assert.equal(blobLayout(16385), { paddedLength: 17408, chunks: 2, blobLength: 8 + 56 + 17408 + 32 });
  const gib = blobLayout(2 ** 30);
  assert.is(gib.paddedLength, 2 ** 30);
  assert.is(gib.chunks, 65537);
  assert.is(gib.blobLength, 8 + 56 + 2 ** 30 + 65537 * 16);
});
layout.run();
