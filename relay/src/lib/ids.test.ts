// Unit tests for id/token shapes and strict base64url.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isId, isToken, newBatchIds, newId, newToken } from './ids.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';

test('generated ids and tokens have the canonical shape', () => {
  for (let i = 0; i < 200; i++) {
    assert.ok(isId(newId()));
    assert.ok(isToken(newToken()));
  }
});

test('the ids of a batch are canonical, all different, and share their first 4 bytes only with each other', () => {
  const first = newBatchIds(256);
  const second = newBatchIds(3);
  for (const id of [...first, ...second]) assert.ok(isId(id), id);
  assert.is(new Set([...first, ...second]).size, 259);
  const head = (id: string) => Buffer.from(id, 'base64url').subarray(0, 4).toString('hex');
  assert.is(new Set(first.map(head)).size, 1);
  assert.is.not(head(first[0]), head(second[0]));
  // The rest of each id is its own: no two of a batch share even their next 4 bytes.
  assert.is(new Set(first.map((id) => Buffer.from(id, 'base64url').subarray(4, 8).toString('hex'))).size, 256);
  assert.equal(newBatchIds(0), []);
});

test('ids refuse traversal, wrong length, padding and non-canonical endings', () => {
  for (const bad of ['../../etc/passwd', '..%2f..%2f', '', 'a'.repeat(21), 'a'.repeat(23), 'AAAAAAAAAAAAAAAAAAAAAB', 'AAAAAAAAAAAAAAAAAAAA==', 'AAAAAAAAAAAAAAAAAAAA/A', 'AAAAAAAAAAAAAAAAAAAA.A', 42, null]) {
    assert.not.ok(isId(bad), String(bad));
  }
  assert.ok(isId('AAAAAAAAAAAAAAAAAAAAAA'));
  assert.not.ok(isToken('A'.repeat(42) + 'B'));
});

test('base64url decoding is strict and round-trips', () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
  const text = encodeBase64url(bytes);
  assert.equal([...decodeBase64url(text)!], [...bytes]);
  assert.is(decodeBase64url('AB=='), null);
  assert.is(decodeBase64url('A+/B'), null);
  assert.equal(decodeBase64url('AA')!.length, 1);
  assert.is(decodeBase64url('AF'), null); // non-canonical trailing bits
  assert.is(decodeBase64url('A'), null);
  assert.equal(decodeBase64url('')!.length, 0);
});

test.run();
