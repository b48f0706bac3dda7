// Tampering with a sealed VBX1 blob, each case with the error kind it must give (with and without
// the stored length) and with nothing past the last intact chunk released.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import {
  BlobChunkReader, BLOB_HEAD_BYTES, blobChunkRange, isFormatError, openBlob, openStream,
  type FormatErrorKind,
} from '../../worker/src/index.js';
import {
  assert, assertBytes, assertEqual, concat, drain, expectFormatError, pseudoRandomBytes, streamOf, textBytes,
  type BackendName, type Check,
} from './check-harness.js';
import { sealPieces, testKey } from './roundtrip-checks.js';

const CHUNK = 16384;
const SEALED = 16400;
const FIRST_CHUNK = 64;
/** 5 full chunks + 1000 bytes, padded to 83968: chunks 0–4 full, chunk 5 holds 2048 bytes. */
const LENGTH = 5 * CHUNK + 1000;
const LAST = 5;

interface Fixture {
  key: Uint8Array;
  data: Uint8Array;
  blob: Uint8Array;
  length: number;
  /** Another blob of the same length under the same key (different salt). */
  other: Uint8Array;
}

interface TamperCase {
  name: string;
  edit(f: Fixture): Uint8Array;
  withoutLength: FormatErrorKind;
  withLength: FormatErrorKind;
  /** Chunk index the error must name, where one applies. */
  chunkIndex?: number;
  /** Plaintext bytes a streaming reader may see before the failure (whole intact chunks). */
  maxReleased?: number;
  key?: (f: Fixture) => Uint8Array;
}

const chunkAt = (blob: Uint8Array, k: number): Uint8Array => blob.subarray(FIRST_CHUNK + k * SEALED, FIRST_CHUNK + (k + 1) * SEALED);
const flip = (blob: Uint8Array, offset: number, bit = 0): Uint8Array => {
  const copy = blob.slice();
  copy[offset] ^= 1 << bit;
  return copy;
};
const splitChunks = (blob: Uint8Array): { head: Uint8Array; chunks: Uint8Array[] } => {
  const chunks: Uint8Array[] = [];
  for (let k = 0; k <= LAST; k++) chunks.push(blob.subarray(FIRST_CHUNK + k * SEALED, Math.min(blob.length, FIRST_CHUNK + (k + 1) * SEALED)));
  return { head: blob.subarray(0, FIRST_CHUNK), chunks };
};
const rebuild = (blob: Uint8Array, order: (chunks: Uint8Array[]) => Uint8Array[]): Uint8Array => {
  const { head, chunks } = splitChunks(blob);
  return concat([head, ...order(chunks)]);
};

const CASES: TamperCase[] = [
  { name: 'flip a bit of the magic', edit: (f) => flip(f.blob, 0), withoutLength: 'bad-header', withLength: 'bad-header', maxReleased: 0 },
  { name: 'flip a bit of the version', edit: (f) => flip(f.blob, 4, 1), withoutLength: 'bad-header', withLength: 'bad-header', maxReleased: 0 },
  { name: 'flip the DEFLATE flag (header is bound by the context)', edit: (f) => flip(f.blob, 5), withoutLength: 'wrong-key', withLength: 'wrong-key', maxReleased: 0 },
  { name: 'flip an unknown flag bit', edit: (f) => flip(f.blob, 5, 3), withoutLength: 'bad-header', withLength: 'bad-header', maxReleased: 0 },
  { name: 'flip a reserved bit', edit: (f) => flip(f.blob, 7, 7), withoutLength: 'bad-header', withLength: 'bad-header', maxReleased: 0 },
  { name: 'flip a bit of the salt', edit: (f) => flip(f.blob, 8 + 3), withoutLength: 'wrong-key', withLength: 'wrong-key', maxReleased: 0 },
  { name: 'flip a bit of the commitment', edit: (f) => flip(f.blob, 8 + 24 + 31, 7), withoutLength: 'wrong-key', withLength: 'wrong-key', maxReleased: 0 },
  { name: 'flip a bit in chunk 2', edit: (f) => flip(f.blob, FIRST_CHUNK + 2 * SEALED + 100), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 2, maxReleased: 2 * CHUNK },
  { name: 'flip a bit in the tag of chunk 2', edit: (f) => flip(f.blob, FIRST_CHUNK + 3 * SEALED - 1), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 2, maxReleased: 2 * CHUNK },
  { name: 'flip a bit in the final chunk', edit: (f) => flip(f.blob, f.blob.length - 20), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: LAST, maxReleased: LAST * CHUNK },
  { name: 'drop chunk 2', edit: (f) => rebuild(f.blob, (c) => [c[0], c[1], c[3], c[4], c[5]]), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 2, maxReleased: 2 * CHUNK },
  { name: 'drop the final chunk', edit: (f) => rebuild(f.blob, (c) => c.slice(0, LAST)), withoutLength: 'truncated', withLength: 'truncated', maxReleased: LAST * CHUNK },
  { name: 'cut after chunk 2 (on a chunk boundary)', edit: (f) => f.blob.subarray(0, FIRST_CHUNK + 3 * SEALED), withoutLength: 'truncated', withLength: 'truncated', maxReleased: 3 * CHUNK },
  { name: 'cut inside the final chunk', edit: (f) => f.blob.subarray(0, f.blob.length - 100), withoutLength: 'chunk-auth', withLength: 'truncated', maxReleased: LAST * CHUNK },
  { name: 'cut inside the header', edit: (f) => f.blob.subarray(0, 5), withoutLength: 'truncated', withLength: 'truncated', maxReleased: 0 },
  { name: 'cut inside the commitment', edit: (f) => f.blob.subarray(0, 40), withoutLength: 'truncated', withLength: 'truncated', maxReleased: 0 },
  { name: 'empty input', edit: () => new Uint8Array(0), withoutLength: 'truncated', withLength: 'truncated', maxReleased: 0 },
  { name: 'duplicate chunk 2', edit: (f) => rebuild(f.blob, (c) => [c[0], c[1], c[2], c[2], c[3], c[4], c[5]]), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 3, maxReleased: 3 * CHUNK },
  { name: 'swap chunks 1 and 2', edit: (f) => rebuild(f.blob, (c) => [c[0], c[2], c[1], c[3], c[4], c[5]]), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 1, maxReleased: CHUNK },
  { name: 'append a copy of chunk 0', edit: (f) => concat([f.blob, chunkAt(f.blob, 0)]), withoutLength: 'chunk-auth', withLength: 'trailing-data', maxReleased: LENGTH },
  { name: 'append one byte', edit: (f) => concat([f.blob, Uint8Array.of(0)]), withoutLength: 'chunk-auth', withLength: 'trailing-data', maxReleased: LENGTH },
  { name: 'splice chunk 2 from another blob under the same key', edit: (f) => rebuild(f.blob, (c) => [c[0], c[1], chunkAt(f.other, 2), c[3], c[4], c[5]]), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 2, maxReleased: 2 * CHUNK },
  { name: 'splice the head of another blob (its chunks no longer match)', edit: (f) => concat([f.other.subarray(0, FIRST_CHUNK), f.blob.subarray(FIRST_CHUNK)]), withoutLength: 'chunk-auth', withLength: 'chunk-auth', chunkIndex: 0, maxReleased: 0 },
  { name: 'wrong key', edit: (f) => f.blob, key: () => testKey(999), withoutLength: 'wrong-key', withLength: 'wrong-key', maxReleased: 0 },
  { name: 'not a Veilbox file at all', edit: () => pseudoRandomBytes(50000, 3), withoutLength: 'bad-header', withLength: 'bad-header', maxReleased: 0 },
];

export interface TamperOptions {
  backend: BackendName;
}

export function tamperChecks({ backend }: TamperOptions): Check[] {
  const suite = `VBX1 tampering [${backend}]`;
  let fixture: Promise<Fixture> | undefined;
  const getFixture = (): Promise<Fixture> => (fixture ??= makeFixture(backend));
  const checks = CASES.map((c): Check => ({ suite, name: c.name, run: async () => runCase(c, await getFixture(), backend) }));
  checks.push(
    { suite, name: 'a flipped bit in a DEFLATE blob fails its chunk', run: () => deflateTamper(backend) },
    { suite, name: 'random access: a tampered or misplaced chunk fails alone', run: async () => randomAccessTamper(await getFixture(), backend) },
  );
  return checks;
}

async function makeFixture(backend: BackendName): Promise<Fixture> {
  const key = testKey(4242);
  const data = pseudoRandomBytes(LENGTH, 4242);
  const { blob, result } = await sealPieces(key, data, 10000, { backend, compression: 'off' });
  const { blob: other } = await sealPieces(key, pseudoRandomBytes(LENGTH, 4243), 10000, { backend, compression: 'off' });
  assertEqual(blob.length, FIRST_CHUNK + LAST * SEALED + 2048 + 16, 'fixture layout');
  return { key, data, blob, length: result.length, other };
}

async function runCase(c: TamperCase, f: Fixture, backend: BackendName): Promise<void> {
  const blob = c.edit(f);
  const key = c.key ? c.key(f) : f.key;
  for (const [length, kind] of [[undefined, c.withoutLength], [f.length, c.withLength]] as const) {
    const label = length === undefined ? 'without length' : 'with length';
    const error = await expectFormatError(openBlob(key, blob, { backend, length }), kind, `one-shot ${label}`);
    if (c.chunkIndex !== undefined && isFormatError(error) && error.kind === 'chunk-auth') {
      assertEqual(error.chunkIndex, c.chunkIndex, `failing chunk (${label})`);
    }
    for (const piece of [1000, SEALED + 1, 1 << 20]) {
      const { bytes, error: streamError, reader } = await drain(streamOf(blob, piece).pipeThrough(openStream(key, { backend, length })));
      await expectFormatError(Promise.reject(streamError), kind, `streamed in ${piece}-byte pieces ${label}`);
      assert(bytes.length <= (c.maxReleased ?? 0), `released ${bytes.length} bytes, more than the ${c.maxReleased ?? 0} intact ones`);
      assertBytes(bytes, f.data.subarray(0, bytes.length), 'released bytes must be the original prefix');
      let again: unknown;
      try { await reader.read(); } catch (e) { again = e; }
      assert(again === streamError, 'reading again must fail with the same error');
    }
  }
}

async function deflateTamper(backend: BackendName): Promise<void> {
  const key = testKey(5150);
  const data = textBytes(300000);
  const { blob, result } = await sealPieces(key, data, 7777, { backend, compression: 'on' });
  assert(result.deflated, 'fixture must be DEFLATE');
  const bad = flip(blob, FIRST_CHUNK + 100);
  await expectFormatError(openBlob(key, bad, { backend }), 'chunk-auth', 'without length');
  await expectFormatError(openBlob(key, bad, { backend, length: result.length }), 'chunk-auth', 'with length');
}

async function randomAccessTamper(f: Fixture, backend: BackendName): Promise<void> {
  const reader = await BlobChunkReader.create(f.key, f.blob.subarray(0, BLOB_HEAD_BYTES), { backend });
  const { start, end } = blobChunkRange(3, f.length);
  assertBytes(await reader.openChunk(3, f.blob.subarray(start, end)), f.data.subarray(3 * CHUNK, 4 * CHUNK), 'chunk 3');
  await expectFormatError(reader.openChunk(3, flip(f.blob, start + 5).subarray(start, end)), 'chunk-auth', 'flipped chunk 3');
  await expectFormatError(reader.openChunk(4, f.blob.subarray(start, end)), 'chunk-auth', 'chunk 3 presented as chunk 4');
  await expectFormatError(BlobChunkReader.create(testKey(1), f.blob.subarray(0, BLOB_HEAD_BYTES), { backend }), 'wrong-key', 'wrong key');
  await expectFormatError(BlobChunkReader.create(f.key, f.blob.subarray(0, 30), { backend }), 'truncated', 'short head');
}
