// The byte helpers: hex both ways, concatenation, constant-time equality, randomness, views.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { asBytes, bytesToHex, concatBytes, equalBytes, hexToBytes, randomBytes, utf8 } from './bytes.js';
import { isFormatError } from './format-error.js';

const hex = suite('hexToBytes / bytesToHex');
hex('round trip, either case, surrounding whitespace', () => {
  assert.is(bytesToHex(hexToBytes(' 00ff10Ab\n')), '00ff10ab');
  assert.is(bytesToHex(new Uint8Array(0)), '');
});
hex('odd length or non-hex digits are bad-parameters', () => {
  for (const bad of ['abc', 'zz', '0x00']) assert.throws(() => hexToBytes(bad), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
hex.run();

const misc = suite('concatBytes / equalBytes / utf8 / randomBytes / asBytes');
misc('basics', () => {
  assert.equal(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)), Uint8Array.of(1, 2, 3));
  assert.ok(equalBytes(utf8('é'), Uint8Array.of(0xc3, 0xa9)));
  assert.not.ok(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3)));
  assert.not.ok(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0)));
  const big = randomBytes(200000); // more than getRandomValues' 64 KiB per call
  assert.is(big.length, 200000);
  assert.ok(big.subarray(150000).some((b) => b !== 0));
  const buffer = new ArrayBuffer(8);
  assert.is(asBytes(buffer).length, 8);
  assert.is(asBytes(new DataView(buffer, 2, 3)).length, 3);
  assert.throws(() => asBytes('text'), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
misc('pooled random bytes: never the same twice, across pool refills, and the right lengths', () => {
  // 32-byte draws across several 4 KiB refills: any repeat or zero draw means the pool handed out stale bytes.
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const draw = randomBytes(i % 3 === 0 ? 64 : 32);
    assert.is(draw.length, i % 3 === 0 ? 64 : 32);
    assert.ok(draw.some((b) => b !== 0), 'not zeroed');
    const hex = bytesToHex(draw.subarray(0, 32));
    assert.not.ok(seen.has(hex), 'no draw repeats');
    seen.add(hex);
  }
  assert.is(randomBytes(0).length, 0);
});
misc.run();
