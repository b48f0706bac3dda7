// Unit tests for recovery-key-format.ts: grouping and stripping the recovery key text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupKey, keyRows, stripKey } from './recovery-key-format.js';

test('groupKey and stripKey are inverses up to spacing', () => {
  assert.equal(groupKey('ABCDEFGHIJKL'), ['ABCDE', 'FGHIJ', 'KL']);
  assert.equal(groupKey('ABCDE-FGHIJ KL\n'), ['ABCDE', 'FGHIJ', 'KL']);
  assert.is(stripKey(groupKey('ABCDEFGHIJKL').join(' ')), 'ABCDEFGHIJKL');
});

test('keyRows', () => {
  assert.equal(keyRows('A'.repeat(45)), ['AAAAA AAAAA AAAAA AAAAA', 'AAAAA AAAAA AAAAA AAAAA', 'AAAAA']);
});

test.run();
