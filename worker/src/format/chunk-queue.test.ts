// ChunkQueue: results leave in chunk order whatever order they settle in, at most N pending, and
// a failure releases exactly the chunks before it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ChunkQueue } from './chunk-queue.js';

const later = <T>(value: T, ms: number): Promise<T> => new Promise((r) => setTimeout(() => r(value), ms));

const queue = suite('ChunkQueue');
queue('emits in order even when later chunks settle first', async () => {
  const out: number[] = [];
  const q = new ChunkQueue((b) => { out.push(b[0]); }, (i) => new Error(`chunk ${i}`), 4);
  for (let i = 0; i < 10; i++) {
    q.add(i, later(Uint8Array.of(i), (10 - i) * 2));
    await q.makeRoom();
  }
  await q.drain();
  assert.equal(out, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
queue('keeps fewer than the limit pending after makeRoom', async () => {
  let emitted = 0;
  const q = new ChunkQueue(() => { emitted++; }, () => new Error('x'), 3);
  for (let i = 0; i < 5; i++) { q.add(i, Promise.resolve(Uint8Array.of(i))); await q.makeRoom(); }
  assert.is(emitted, 3); // 5 added, at most 2 left pending
});
queue('a failed chunk releases only the ones before it', async () => {
  const out: number[] = [];
  const q = new ChunkQueue((b) => { out.push(b[0]); }, (i) => new Error(`chunk ${i} failed`), 8);
  q.add(0, Promise.resolve(Uint8Array.of(0)));
  q.add(1, Promise.resolve(Uint8Array.of(1)));
  q.add(2, later(null, 5));
  q.add(3, Promise.resolve(Uint8Array.of(3)));
  q.add(4, Promise.reject(new Error('never observed')));
  await q.drain().then(() => assert.unreachable(), (e: Error) => assert.is(e.message, 'chunk 2 failed'));
  assert.equal(out, [0, 1]);
});
queue.run();
