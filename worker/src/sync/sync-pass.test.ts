// Unit tests of sync-pass.ts's mass-deletion guard: more than 50 files, or more than a quarter of the
// files the base knows once at least five would go.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_GUARD, exceedsGuard } from './sync-pass.js';

test('more than 50 files always pauses, 50 out of many does not', () => {
  assert.ok(exceedsGuard(51, 10_000, DEFAULT_GUARD));
  assert.not.ok(exceedsGuard(50, 10_000, DEFAULT_GUARD));
});

test('more than a quarter pauses, a quarter does not', () => {
  assert.ok(exceedsGuard(6, 20, DEFAULT_GUARD));
  assert.not.ok(exceedsGuard(5, 20, DEFAULT_GUARD));
  assert.ok(exceedsGuard(5, 19, DEFAULT_GUARD));
});

test('fewer than five deletions never pause on the share alone (1 of 3 files is not a mass deletion)', () => {
  assert.not.ok(exceedsGuard(1, 3, DEFAULT_GUARD));
  assert.not.ok(exceedsGuard(4, 4, DEFAULT_GUARD));
  assert.not.ok(exceedsGuard(0, 0, DEFAULT_GUARD));
});

test.run();
