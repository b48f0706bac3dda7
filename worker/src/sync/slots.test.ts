// Unit tests for Slots, the weighted semaphore bounding a pass's transfers: never more weight held than
// its size, waiters served in arrival order (a heavy one at the head holds back the light ones behind
// it), a weight above the size still goes alone, and a failing holder frees its weight.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Slots } from './slots.js';

function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => { open = resolve; });
  return { wait, open };
}

test('weights held never exceed the size; waiters start in arrival order as weight frees', async () => {
  const slots = new Slots(10);
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const hold = (name: string, weight: number) => {
    const g = gate();
    gates.set(name, g);
    return slots.with(async () => { started.push(name); await g.wait; }, weight);
  };
  const runs = [hold('a', 6), hold('b', 4), hold('c', 8), hold('d', 1)];
  await Promise.resolve();
  assert.equal(started, ['a', 'b'], 'a and b fill the 10');
  gates.get('a')!.open();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(started, ['a', 'b'], 'c (8) waits for b too, and d waits behind c');
  gates.get('b')!.open();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(started, ['a', 'b', 'c', 'd'], 'c and d together fit 9 of 10');
  gates.get('c')!.open();
  gates.get('d')!.open();
  await Promise.all(runs);
});

test('a weight above the size goes alone; a failing holder frees what it held', async () => {
  const slots = new Slots(4);
  let holders = 0;
  let crowded = false;
  const run = (weight: number, fail = false) => slots.with(async () => {
    holders++;
    if (weight > 4 && holders > 1) crowded = true;
    await new Promise((r) => setTimeout(r, 1));
    if (weight > 4 && holders > 1) crowded = true;
    holders--;
    if (fail) throw new Error('failed');
  }, weight);
  const results = await Promise.allSettled([run(100), run(2, true), run(2), run(3), run(1)]);
  assert.is(results[1].status, 'rejected');
  assert.is(results.filter((r) => r.status === 'fulfilled').length, 4, 'the oversized one ran, and the rest after it');
  assert.not.ok(crowded, 'the oversized one ran alone');
  // After everything, the whole size is free again: four holders of 1 run at once.
  let together = 0;
  let peak = 0;
  await Promise.all([1, 2, 3, 4].map(() => slots.with(async () => { together++; peak = Math.max(peak, together); await new Promise((r) => setTimeout(r, 1)); together--; })));
  assert.is(peak, 4);
});

test.run();
