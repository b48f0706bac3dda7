// Unit tests of RepaintThrottle: a burst paints once at once and once at the end of the interval (with
// the last figures), a quiet one paints at once, cancel drops a pending paint.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RepaintThrottle } from './repaint-throttle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a burst of requests gives one paint now and one trailing paint with the last value', async () => {
  let value = 0;
  const painted: number[] = [];
  const throttle = new RepaintThrottle(() => painted.push(value), 40);
  for (value = 1; value <= 100; value++) { throttle.request(); if (value === 1) await sleep(0); }
  value = 100;
  await sleep(5);
  assert.equal(painted, [1]);
  await sleep(80);
  assert.equal(painted, [1, 100]);
});

test('a request after a quiet interval paints at once', async () => {
  let paints = 0;
  const throttle = new RepaintThrottle(() => paints++, 20);
  throttle.request();
  await sleep(40);
  throttle.request();
  await sleep(5);
  assert.is(paints, 2);
});

test('cancel drops the pending paint', async () => {
  let paints = 0;
  const throttle = new RepaintThrottle(() => paints++, 20);
  throttle.request();
  throttle.cancel();
  await sleep(40);
  assert.is(paints, 0);
});

test.run();
