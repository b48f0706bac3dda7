// argon2idRaw: the reference implementation's Argon2id vectors (shared checks; the m = 64 MiB
// ones take a few tenths of a second each).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { argon2Checks } from '../../../test/vectors/argon2-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { argon2idRaw } from './argon2id.js';
import { isFormatError } from './format-error.js';

runChecksWithUvu(argon2Checks());

const raw = suite('argon2idRaw');
raw('refuses nonsense parameters', async () => {
  for (const cost of [{ memoryKiB: 0, iterations: 1, parallelism: 1 }, { memoryKiB: 64, iterations: 1.5, parallelism: 1 }]) {
    await argon2idRaw(new Uint8Array(1), new Uint8Array(16), cost, 32).then(
      () => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
  }
});
raw.run();
