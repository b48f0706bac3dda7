// Unit tests for transfer-progress.ts: totals, sliding-window speed, stalls, time left, cancel.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TransferProgress } from './transfer-progress.js';

test('totals, fraction and counts', () => {
  const p = new TransferProgress([100, 300]);
  p.update(0, 100, 'done', 0);
  p.update(1, 100, 'active', 0);
  const s = p.summary(0);
  assert.is(s.bytesDone, 200);
  assert.is(s.bytesTotal, 400);
  assert.is(s.fraction, 0.5);
  assert.is(s.done, 1);
  assert.is(s.secondsLeft, null);
});

test('speed and time left from samples', () => {
  const p = new TransferProgress([10_000]);
  p.update(0, 0, 'active', 0);
  p.update(0, 1000, 'active', 1000);
  p.update(0, 2000, 'active', 2000);
  const s = p.summary(2000);
  assert.is(s.speed, 1000);
  assert.is(s.secondsLeft, 8);
});

test('speed uses a sliding window and decays during a stall', () => {
  const p = new TransferProgress([1e9]);
  p.update(0, 0, 'active', 0);
  p.update(0, 1e6, 'active', 1000);   // a burst long ago
  for (let t = 2000; t <= 12_000; t += 1000) p.update(0, 1e6 + (t - 1000) * 10, 'active', t);
  assert.ok(Math.abs(p.summary(12_000).speed - 10_000) < 1, 'old burst left the window');
  assert.ok(p.summary(15_000).speed < 10_000, 'stall lowers the speed');
});

test('progress never goes backwards; cancel marks the rest', () => {
  const p = new TransferProgress([100, 100]);
  p.update(0, 60, 'active', 0);
  p.update(0, 40, 'active', 1);
  assert.is(p.item(0).bytesDone, 60);
  p.cancel(2);
  assert.is(p.item(0).state, 'cancelled');
  assert.is(p.item(1).state, 'cancelled');
});

test('empty files finish at fraction 1', () => {
  const p = new TransferProgress([0]);
  p.update(0, 0, 'done', 0);
  assert.is(p.summary(0).fraction, 1);
  assert.is(p.summary(0).secondsLeft, 0);
});

test.run();
