// Unit tests for virtual-window.ts: the rendered window, clamping, scroll-to-reveal, page size.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeWindow, scrollToReveal, pageSize } from './virtual-window.js';

test('computeWindow renders the visible rows plus overscan', () => {
  assert.equal(computeWindow(10_000, 40, 0, 400, 5), { start: 0, end: 15, totalHeight: 400_000 });
  assert.equal(computeWindow(10_000, 40, 4000, 400, 5), { start: 95, end: 115, totalHeight: 400_000 });
  assert.equal(computeWindow(10_000, 40, 4020, 400, 0), { start: 100, end: 111, totalHeight: 400_000 });
});

test('computeWindow clamps at the ends and handles empty lists', () => {
  assert.equal(computeWindow(0, 40, 100, 400), { start: 0, end: 0, totalHeight: 0 });
  assert.equal(computeWindow(20, 40, 10_000, 400, 2), { start: 8, end: 20, totalHeight: 800 });
  assert.equal(computeWindow(3, 40, -50, 400, 2), { start: 0, end: 3, totalHeight: 120 });
  assert.equal(computeWindow(100, 40, 0, 0, 0), { start: 0, end: 1, totalHeight: 4000 });
});

test('scrollToReveal scrolls the least distance', () => {
  assert.is(scrollToReveal(5, 40, 0, 400), null);
  assert.is(scrollToReveal(10, 40, 0, 400), 40);
  assert.is(scrollToReveal(2, 40, 200, 400), 80);
});

test('pageSize', () => {
  assert.is(pageSize(40, 400), 9);
  assert.is(pageSize(40, 10), 1);
});

test.run();
