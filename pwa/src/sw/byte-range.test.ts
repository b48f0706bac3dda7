// Unit tests for byte-range.ts: the three Range forms, clipping, and what is ignored or unsatisfiable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseByteRange } from './byte-range.js';

test('no header, another unit, several ranges or a reversed range: the whole body', () => {
  assert.is(parseByteRange(null, 100), null);
  assert.is(parseByteRange('items=0-1', 100), null);
  assert.is(parseByteRange('bytes=0-1,5-6', 100), null);
  assert.is(parseByteRange('bytes=9-3', 100), null);
  assert.is(parseByteRange('bytes=-', 100), null);
});

test('a-b is inclusive in the header and exclusive in the span; b is clipped to the size', () => {
  assert.equal(parseByteRange('bytes=0-0', 100), { start: 0, end: 1 });
  assert.equal(parseByteRange('bytes=10-19', 100), { start: 10, end: 20 });
  assert.equal(parseByteRange('bytes=90-500', 100), { start: 90, end: 100 });
});

test('a- runs to the end; -n is the last n bytes', () => {
  assert.equal(parseByteRange('bytes=40-', 100), { start: 40, end: 100 });
  assert.equal(parseByteRange('bytes=-30', 100), { start: 70, end: 100 });
  assert.equal(parseByteRange('bytes=-300', 100), { start: 0, end: 100 });
});

test('a start at or past the end, or an empty suffix, is unsatisfiable', () => {
  assert.is(parseByteRange('bytes=100-', 100), 'unsatisfiable');
  assert.is(parseByteRange('bytes=-0', 100), 'unsatisfiable');
  assert.is(parseByteRange('bytes=0-', 0), 'unsatisfiable');
});

test.run();
