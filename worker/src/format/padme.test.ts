// Padmé: the published table, exactness past 2^32, and the overhead bound.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { floorLog2, padme } from './padme.js';
import { isFormatError } from './format-error.js';

const pad = suite('padme');
pad('small lengths', () => {
  const table: Array<[number, number]> = [
    [0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [7, 7], [8, 8], [9, 10], [10, 10], [11, 12], [12, 12],
    [13, 14], [15, 16], [16, 16], [17, 18], [33, 36], [100, 104], [1000, 1024], [5000, 5120],
    [16383, 16384], [16384, 16384], [16385, 17408], [20000, 20480], [34000, 34816],
  ];
  for (const [input, expected] of table) assert.is(padme(input), expected, `padme(${input})`);
});
pad('large lengths use exact arithmetic', () => {
  assert.is(padme(2 ** 30), 2 ** 30);
  assert.is(padme(2 ** 30 + 1), 2 ** 30 + 2 ** 25);
  assert.is(padme(2 ** 32 + 1), 2 ** 32 + 2 ** 26); // E = 32, S = 6
  assert.is(padme(5 * 2 ** 40 + 3), 5 * 2 ** 40 + 2 ** 36); // E = 42, S = 6
  assert.is(padme(2 ** 52 + 1), 2 ** 52 + 2 ** 46); // E = 52, S = 6
});
pad('output is ≥ input, idempotent, and at most ~12 % larger beyond tiny sizes', () => {
  for (let l = 0; l < 70000; l += 37) {
    const p = padme(l);
    assert.ok(p >= l);
    assert.is(padme(p), p);
    if (l >= 256) assert.ok(p - l <= l * 0.125, `overhead at ${l}`);
  }
});
pad('refuses non-integers and negatives', () => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) {
    assert.throws(() => padme(bad), (e: unknown) => isFormatError(e, 'bad-parameters'));
  }
});
pad.run();

const log = suite('floorLog2');
log('exact at powers of two and their neighbours, below and above 2^32', () => {
  for (let e = 0; e < 53; e++) {
    assert.is(floorLog2(2 ** e), e);
    if (e > 1) assert.is(floorLog2(2 ** e - 1), e - 1);
  }
});
log.run();
