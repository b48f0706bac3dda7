// Unit tests for type-ahead.ts: prefix search, cycling on a repeated letter, the pause reset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TypeAhead, findPrefix, isTypeAheadKey } from './type-ahead.js';

const labels = ['Home', 'Music', 'Movies', 'Photos', 'Mail'];

test('findPrefix wraps around', () => {
  assert.is(findPrefix(labels, 4, 'h'), 0);
  assert.is(findPrefix(labels, 0, 'zz'), -1);
});

test('a word typed quickly finds its prefix', () => {
  const t = new TypeAhead();
  assert.is(t.next(labels, 0, 'm', 0), 1);
  assert.is(t.next(labels, 1, 'o', 100), 2);
});

test('the same letter repeated cycles through matches', () => {
  const t = new TypeAhead();
  assert.is(t.next(labels, 0, 'm', 0), 1);
  assert.is(t.next(labels, 1, 'm', 100), 2);
  assert.is(t.next(labels, 2, 'm', 200), 4);
  assert.is(t.next(labels, 4, 'm', 300), 1);
});

test('a pause starts a new search', () => {
  const t = new TypeAhead();
  t.next(labels, 0, 'm', 0);
  assert.is(t.next(labels, 1, 'p', 5000), 3);
});

test('isTypeAheadKey', () => {
  assert.ok(isTypeAheadKey({ key: 'a', ctrlKey: false, metaKey: false, altKey: false }));
  assert.not.ok(isTypeAheadKey({ key: 'a', ctrlKey: true, metaKey: false, altKey: false }));
  assert.not.ok(isTypeAheadKey({ key: 'ArrowUp', ctrlKey: false, metaKey: false, altKey: false }));
});

test.run();
