// The content hash (docs/FORMAT.md §4.5) against digests computed once with node:crypto as a
// reference (SHA-256 over the SHA-256 of each 4 MiB block): whole inputs around the block boundary,
// fed in odd pieces, and prefixes taken mid-stream while hashing goes on. In the browser this checks
// the WebCrypto side of [Note: SHA-256 seam], which is what Chromium's uploads use.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import { CONTENT_HASH_BLOCK_BYTES as B, ContentHasher } from '../../worker/src/format/content-hasher.js';
import { assertEqual, type BackendName, type Check } from './check-harness.js';

/** Deterministic bytes, different in every block. */
function sample(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >>> 12)) & 255;
  return out;
}

/** Prefix length → content hash of sample(length). */
const EXPECTED: [number, string][] = [
  [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  [1, '1406e05881e299367766d313e26c05564ec91bf721d31726bd6e46e60689539a'],
  [B - 1, '10006284469dc60e0a31c0e81228e469c04c5bc810d0d1ce16ab2a677863b3da'],
  [B, '4b0d6c308a503a901b072a297ef8c5b41a19a559557368d45d76e9c2a97882ce'],
  [B + 1, '3f3242f0d5eeb484b5a4cd66d0d9231d24bb56180e461cf875c434df60b7fe79'],
  [5_000_000, '07fde5972088cd8504d62575be70bc028f28000b3c89ff272f8123e788ee01bd'],
  [2 * B + 100, '31ac1cab4579b4ca2aca524bed3487389b90593d42791ba855a3b16ecb5f1002'],
];

export function contentHashChecks(backend: BackendName | 'auto'): Check[] {
  const suite = `content hash [${backend}]`;
  const data = sample(2 * B + 100);
  return [
    ...EXPECTED.map(([length, digest]): Check => ({
      suite,
      name: `${length} bytes in one piece`,
      async run() {
        const hasher = await ContentHasher.create(backend);
        hasher.update(data.subarray(0, length));
        assertEqual(await hasher.digest(), digest, `content hash of ${length} bytes`);
      },
    })),
    {
      suite,
      name: 'odd pieces, with the prefixes taken as hashing goes on',
      async run() {
        const hasher = await ContentHasher.create(backend);
        const cuts = EXPECTED.map(([length]) => length);
        const prefixes: Promise<{ length: number; digest: string }>[] = [];
        // Pieces of 777,777 bytes, split again at every expected length so a prefix is asked for there.
        for (let at = 0; at < data.length;) {
          const next = Math.min(at + 777_777, data.length, ...cuts.filter((c) => c > at));
          hasher.update(data.subarray(at, next));
          at = next;
          if (cuts.includes(at)) prefixes.push(hasher.prefix());
        }
        const expected = new Map(EXPECTED);
        for (const p of await Promise.all(prefixes)) assertEqual(p.digest, expected.get(p.length), `prefix of ${p.length} bytes`);
        assertEqual(prefixes.length, EXPECTED.length - 1, 'prefixes taken'); // not the empty one
      },
    },
  ];
}
