// Unit tests of request-batcher.ts: calls made together share a request within the limits, a lone call
// goes alone without waiting, requests in flight are capped, and a failed batch fails each of its calls.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RequestBatcher } from './request-batcher.js';

/** A sender that records its batches and answers each item doubled once `release` is called. */
function recorder() {
  const batches: number[][] = [];
  let flying = 0;
  let maxFlying = 0;
  const gates: (() => void)[] = [];
  const send = async (items: number[]) => {
    batches.push(items);
    maxFlying = Math.max(maxFlying, ++flying);
    await new Promise<void>((resolve) => gates.push(resolve));
    flying--;
    return items.map((i) => i * 2);
  };
  /** Answers every request, as they come, until `calls` have all settled. */
  const releaseUntil = async (calls: Promise<unknown>) => {
    let settled = false;
    void calls.finally(() => { settled = true; });
    while (!settled) {
      gates.splice(0).forEach((g) => g());
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  return { batches, send, releaseUntil, maxFlying: () => maxFlying };
}

test('a lone call goes alone; calls made together share one request', async () => {
  const r = recorder();
  const b = new RequestBatcher(r.send, { maxItems: 10, maxWeight: 100, inFlight: 2 });
  const one = b.add(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(r.batches, [[1]]);
  const many = [2, 3, 4].map((i) => b.add(i));
  await r.releaseUntil(Promise.all([one, ...many]));
  assert.is(await one, 2);
  assert.equal(await Promise.all(many), [4, 6, 8]);
  assert.equal(r.batches, [[1], [2, 3, 4]]);
});

test('limits split batches by count and weight; requests in flight are capped', async () => {
  const r = recorder();
  const b = new RequestBatcher(r.send, { maxItems: 3, maxWeight: 10, inFlight: 2 }, (i) => i);
  const calls = [1, 1, 1, 1, 9, 2, 20, 1].map((i) => b.add(i));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.is(r.batches.length, 2, 'two requests at most in flight');
  await r.releaseUntil(Promise.all(calls));
  assert.equal(await Promise.all(calls), [2, 2, 2, 2, 18, 4, 40, 2]);
  // Three by count, then 1 + 9 by weight, 2 alone (2 + 20 > 10), 20 alone though over the weight, then 1.
  assert.equal(r.batches, [[1, 1, 1], [1, 9], [2], [20], [1]]);
  assert.is(r.maxFlying(), 2);
});

test('a failed request fails each of its calls, and the next batch still goes', async () => {
  let fail = true;
  const b = new RequestBatcher(async (items: number[]) => {
    if (fail) throw new Error('relay down');
    return items;
  }, { maxItems: 10, maxWeight: 10, inFlight: 1 });
  const failed = await Promise.allSettled([b.add(1), b.add(2)]);
  assert.equal(failed.map((f) => f.status), ['rejected', 'rejected']);
  fail = false;
  assert.is(await b.add(3), 3);
  const short = new RequestBatcher(async () => [1], { maxItems: 10, maxWeight: 10, inFlight: 1 });
  const [a, c] = await Promise.allSettled([short.add(1), short.add(2)]);
  assert.is(a.status, 'rejected', 'a batch answered with too few results fails as a whole');
  assert.is(c.status, 'rejected');
});

test.run();
