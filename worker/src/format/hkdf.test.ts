// HKDF on HMAC: the Wycheproof HKDF-SHA-512 and HKDF-SHA-256 files (shared checks), and
// HKDF-Expand alone as Cobblestone uses it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hkdfSha256Checks, hkdfSha512Checks } from '../../../test/vectors/primitive-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { hexToBytes } from './bytes.js';
import { hkdfExpand, hkdfExtract } from './hkdf.js';

runChecksWithUvu([...hkdfSha512Checks(), ...hkdfSha256Checks()]);

const expand = suite('hkdfExpand');
expand('RFC 5869 test case 1 (SHA-256), Expand step alone', async () => {
  const prk = await hkdfExtract('SHA-256', hexToBytes('000102030405060708090a0b0c'), hexToBytes('0b'.repeat(22)));
  assert.equal(prk, hexToBytes('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5'));
  const okm = await hkdfExpand('SHA-256', prk, hexToBytes('f0f1f2f3f4f5f6f7f8f9'), 42);
  assert.equal(okm, hexToBytes('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865'));
});
expand('76 bytes of SHA-512 are two blocks, the second cut', async () => {
  const prk = new Uint8Array(32).fill(7);
  const long = await hkdfExpand('SHA-512', prk, new Uint8Array(3), 128);
  const short = await hkdfExpand('SHA-512', prk, new Uint8Array(3), 76);
  assert.equal(short, long.subarray(0, 76));
});
expand.run();
