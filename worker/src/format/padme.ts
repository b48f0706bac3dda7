// Padmé padding lengths (DESIGN.md §4): sizes are rounded up so the relay learns only
// O(log log L) bits of a file's length, at most ~12 % overhead.
import { FormatError } from './format-error.js';

const TWO_POW_32 = 2 ** 32;

/** ⌊log2 n⌋ for a positive safe integer, exactly (no floating-point log). */
export function floorLog2(n: number): number {
  let e = 0;
  let x = n;
  // 32-bit bit operations can't see past 2^32, so peel whole 32-bit words first.
  while (x >= TWO_POW_32) { x = Math.floor(x / TWO_POW_32); e += 32; }
  return e + 31 - Math.clz32(x);
}

/**
 * padme(L): for L ≥ 2, E = ⌊log2 L⌋, S = ⌊log2 E⌋ + 1, round L up to a multiple of 2^(E−S);
 * padme(0) = 0, padme(1) = 1. Exact for every safe integer (division by a power of two is exact).
 */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new FormatError('bad-parameters', `A length must be a whole number of bytes from 0 to 2^53−1 (got ${length}).`);
  }
  if (length < 2) return length;
  const e = floorLog2(length);
  const s = floorLog2(e) + 1;
  const unit = 2 ** (e - s);
  return Math.ceil(length / unit) * unit;
}
