// Unit tests for eachLimited: every item once, never more than the limit in flight, and a failure
// that stops new steps but rejects only after the running ones settled.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eachLimited } from './each-limited.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('runs every item once, at most `limit` at a time', async () => {
  const seen: number[] = [];
  let running = 0;
  let most = 0;
  await eachLimited(Array.from({ length: 50 }, (_, i) => i), 4, async (i) => {
    running++;
    most = Math.max(most, running);
    await tick(i % 3);
    seen.push(i);
    running--;
  });
  assert.equal([...seen].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.is(most, 4);
  await eachLimited([], 4, async () => { throw new Error('no items, no steps'); });
});

test('a failure starts nothing new and rejects once the running steps settled', async () => {
  const started: number[] = [];
  const finished: number[] = [];
  let caught: unknown = null;
  try {
    await eachLimited(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('step 1 failed');
      await tick(20);
      finished.push(i);
    });
  } catch (error) {
    caught = error;
  }
  assert.instance(caught, Error);
  assert.is((caught as Error).message, 'step 1 failed');
  assert.equal(started, [0, 1, 2], 'nothing started after the failure');
  assert.equal([...finished].sort(), [0, 2], 'the running steps finished before the rejection');
});

test.run();
