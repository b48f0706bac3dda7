// The content hash (docs/FORMAT.md §4.5) against digests computed once with node:crypto as a
// reference (SHA-256 over the SHA-256 of each 512 KiB block): whole inputs around the block boundary,
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
  [B - 1, '8aae12c4153333cbcb24e1252b6e33e30eb3d35bd42bff29c25063f71b3a8bd2'],
  [B, '6c3965eb4a1c3fde1ac89587e8ed67f78f6202c6f152b613b041de67d50537f0'],
  [B + 1, 'a2db2a1a9ef1178189f09abc041f9cfa3765fe44327cbb40430d21c908ef5a7f'],
  [1_000_000, '77f7cbc8331a1fdbca774598efe88d751d3fcbbc0839a302a22ce3e2c0b4d2e9'],
  [2 * B + 100, '2fd28e3f5a10847fd6e62bc45fbec0c119accbbff43c4d7a3ae5549685cff1fb'],
  // More blocks than the hasher first makes room for, so its list of digests grows.
  [65 * B + 7, '2592fc74c3059e8709c58b6251a4265b8c3f96f4fcd88eea5499c7a4dc4697fd'],
];

export function contentHashChecks(backend: BackendName | 'auto'): Check[] {
  const suite = `content hash [${backend}]`;
  const data = sample(65 * B + 7);
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
