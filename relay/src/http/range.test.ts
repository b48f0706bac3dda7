// Unit tests for Range header parsing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRange } from './range.js';

test('single, open-ended and suffix ranges', () => {
  assert.equal(parseRange('bytes=0-99', 1000), { start: 0, end: 99 });
  assert.equal(parseRange('bytes=900-', 1000), { start: 900, end: 999 });
  assert.equal(parseRange('bytes=-100', 1000), { start: 900, end: 999 });
  assert.equal(parseRange('bytes=-5000', 1000), { start: 0, end: 999 });
  assert.equal(parseRange('bytes=990-5000', 1000), { start: 990, end: 999 });
});

test('unsatisfiable and ignored ranges', () => {
  assert.is(parseRange('bytes=1000-', 1000), 'unsatisfiable');
  assert.is(parseRange('bytes=-0', 1000), 'unsatisfiable');
  assert.is(parseRange('bytes=0-', 0), 'unsatisfiable');
  assert.is(parseRange(undefined, 1000), null);
  assert.is(parseRange('bytes=0-1,5-6', 1000), null);
  assert.is(parseRange('items=0-1', 1000), null);
  assert.is(parseRange('bytes=5-1', 1000), null);
  assert.is(parseRange('bytes=-', 1000), null);
});

test.run();
