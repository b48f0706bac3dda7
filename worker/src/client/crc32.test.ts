// Crc32 against the standard check value and against zlib's crc32 (node:zlib) over odd lengths fed in odd pieces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Crc32 } from './crc32.js';

test('the check value of "123456789" is cbf43926', () => {
  const c = new Crc32();
  c.update(new TextEncoder().encode('123456789'));
  assert.is(c.value(), 0xcbf43926);
  assert.is(new Crc32().value(), 0, 'nothing hashed');
});

test('matches zlib for lengths around the 8-byte step, fed whole and in pieces', () => {
  const data = randomBytes(100_003);
  for (const length of [1, 7, 8, 9, 15, 16, 17, 4096, 100_003]) {
    const whole = new Crc32();
    whole.update(data.subarray(0, length));
    assert.is(whole.value(), crc32(data.subarray(0, length)), `${length} bytes whole`);
    const pieces = new Crc32();
    for (let at = 0; at < length; at += 13) pieces.update(data.subarray(at, Math.min(length, at + 13)));
    assert.is(pieces.value(), crc32(data.subarray(0, length)), `${length} bytes in pieces of 13`);
  }
});

test.run();
