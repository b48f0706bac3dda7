// Argon2id against the reference implementation's own tests (P-H-C/phc-winner-argon2 src/test.c,
// version 0x13, 32-byte tag, password "password", salt "somesalt"), as listed in README.md here.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import { argon2idRaw, bytesToHex, utf8 } from '../../worker/src/index.js';
import { assertEqual, type Check } from './check-harness.js';

const ARGON2ID_VECTORS = [
  { memoryKiB: 65536, iterations: 2, parallelism: 1, tag: '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7' },
  { memoryKiB: 256, iterations: 2, parallelism: 1, tag: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe' },
  { memoryKiB: 256, iterations: 2, parallelism: 2, tag: '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037' },
  { memoryKiB: 65536, iterations: 1, parallelism: 1, tag: 'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98' },
  { memoryKiB: 65536, iterations: 4, parallelism: 1, tag: '9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c' },
];
const TAG_BYTES = 32;

export function argon2Checks(): Check[] {
  return ARGON2ID_VECTORS.map((v): Check => ({
    suite: 'Argon2id reference vectors',
    name: `m=${v.memoryKiB} KiB, t=${v.iterations}, p=${v.parallelism}`,
    async run() {
      const tag = await argon2idRaw(utf8('password'), utf8('somesalt'), v, TAG_BYTES);
      assertEqual(bytesToHex(tag), v.tag, 'tag');
    },
  }));
}
