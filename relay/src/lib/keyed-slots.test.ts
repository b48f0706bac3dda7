// KeyedSlots: at most `perKey` holders per key and `total` in all; waiters start first come first served,
// a key at its limit does not hold back other keys, and a release frees exactly one slot however often
// it is called.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KeyedSlots } from './keyed-slots.js';

const tick = () => new Promise((r) => setImmediate(r));

test('per key and in all, in arrival order; a full key does not block another', async () => {
  const slots = new KeyedSlots(2, 3);
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const take = (key: string, name: string) => void slots.acquire(key).then((done) => { started.push(name); releases.set(name, done); });
  take('a', 'a1'); take('a', 'a2'); take('a', 'a3'); take('b', 'b1'); take('b', 'b2');
  await tick();
  assert.equal(started, ['a1', 'a2', 'b1'], 'a3 waits for its key, b2 for the total');
  assert.is(slots.inUse('a'), 2);
  releases.get('b1')!();
  releases.get('b1')!(); // twice frees one slot only
  await tick();
  assert.equal(started, ['a1', 'a2', 'b1', 'b2'], 'b2 takes the freed slot; a3 still waits for its key');
  releases.get('a1')!();
  await tick();
  assert.equal(started, ['a1', 'a2', 'b1', 'b2', 'a3']);
  assert.is(slots.inUse('a'), 2);
  assert.is(slots.inUse('b'), 1);
});

test.run();
