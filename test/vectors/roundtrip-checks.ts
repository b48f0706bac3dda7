// VBX1 round trips through sealStream / openStream: boundary lengths (0, 1, chunk−1, chunk,
// chunk+1, several MiB) crossed with odd write sizes, stored and DEFLATE, plus the ≥ 5 % rule and
// random access to single chunks. Environment-neutral: see [Note: Shared format checks].
import {
  blobChunkRange, blobLayout, BlobChunkReader, BLOB_HEAD_BYTES, openBlob, openStream, padme, sealStream,
  type CompressionMode, type DeflateCodec, type SealOptions, type SealResult,
} from '../../worker/src/index.js';
import {
  assert, assertBytes, assertEqual, concat, pseudoRandomBytes, readAll, streamOf, textBytes,
  type BackendName, type Check,
} from './check-harness.js';

const CHUNK = 16384;
const LENGTHS = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * 1024 * 1024 + 12345];
const WRITE_SIZES = [1, 1000, CHUNK + 7, 65536, 1024 * 1024];
/** Writing byte by byte costs a stream call per byte: only for the small lengths. */
const BYTEWISE_LIMIT = 2 * CHUNK + 100;
const READ_SIZE = 16400 + 3;

export interface RoundTripOptions {
  backend: BackendName;
  codec?: DeflateCodec;
}

export const testKey = (seed: number): Uint8Array => pseudoRandomBytes(32, seed);

/** Seals `data` written in `writeSize` pieces; returns the blob and the seal result. */
export async function sealPieces(key: Uint8Array, data: Uint8Array, writeSize: number, options: SealOptions): Promise<{ blob: Uint8Array; result: SealResult }> {
  const sealer = sealStream(key, options);
  const blobPromise = readAll(sealer.readable);
  await streamOf(data, writeSize).pipeTo(sealer.writable);
  return { blob: await blobPromise, result: await sealer.result };
}

export function roundTripChecks({ backend, codec }: RoundTripOptions): Check[] {
  const suite = `VBX1 round trips [${backend}${codec ? ', ' + codec : ''}]`;
  const checks: Check[] = [];
  for (const mode of ['off', 'on'] as CompressionMode[]) {
    for (const length of LENGTHS) {
      for (const writeSize of WRITE_SIZES) {
        if (writeSize === 1 && length > BYTEWISE_LIMIT) continue;
        if (writeSize > 65536 && length < writeSize) continue; // same as 65536 for short inputs
        if (mode === 'on' && writeSize === 65536) continue; // DEFLATE is the slow stage; 16391 and 1 MiB cover it
        checks.push({
          suite,
          name: `${length} bytes, ${mode === 'on' ? 'DEFLATE' : 'stored'}, written in ${writeSize}-byte pieces`,
          run: () => roundTrip(length, writeSize, mode, backend, codec),
        });
      }
    }
  }
  checks.push(
    { suite, name: "auto: compressible text gets DEFLATE", run: () => autoDecision(textBytes(200000), {}, true, backend, codec) },
    { suite, name: "auto: random bytes stay stored", run: () => autoDecision(pseudoRandomBytes(200000, 9), {}, false, backend, codec) },
    { suite, name: "auto: a JPEG by type stays stored even if it would shrink", run: () => autoDecision(textBytes(100000), { contentType: 'image/jpeg' }, false, backend, codec) },
    { suite, name: "auto: a .zip by name stays stored", run: () => autoDecision(textBytes(100000), { fileName: 'photos.ZIP' }, false, backend, codec) },
    { suite, name: "auto: a short text under the sample size is decided on all of it", run: () => autoDecision(textBytes(3000), { contentType: 'text/plain' }, true, backend, codec) },
    { suite, name: 'random access: every chunk of a stored blob opens on its own', run: () => randomAccess(backend) },
  );
  return checks;
}

async function roundTrip(length: number, writeSize: number, mode: CompressionMode, backend: BackendName, codec: DeflateCodec | undefined): Promise<void> {
  const key = testKey(length + writeSize);
  const data = mode === 'on' ? textBytes(length) : pseudoRandomBytes(length, length + 1);
  const { blob, result } = await sealPieces(key, data, writeSize, { backend, codec, compression: mode });
  assertEqual(result.deflated, mode === 'on', 'deflated');
  assertEqual(result.inputLength, length, 'input length');
  if (mode === 'off') assertEqual(result.length, length, 'stored length');
  assertEqual(result.paddedLength, padme(result.length), 'padded length');
  assertEqual(result.blobLength, blob.length, 'blob length');
  assertEqual(blobLayout(result.length).blobLength, blob.length, 'blobLayout');
  const opened = await readAll(streamOf(blob, READ_SIZE).pipeThrough(openStream(key, { backend, codec, length: result.length })));
  assertBytes(opened, data, 'opened with length');
  const unsized = await openBlob(key, blob, { backend, codec });
  if (mode === 'on') assertBytes(unsized, data, 'DEFLATE blob opened without length');
  else {
    assertEqual(unsized.length, result.paddedLength, 'stored blob opened without length keeps padding');
    assertBytes(unsized.subarray(0, length), data, 'stored blob opened without length');
  }
}

async function autoDecision(data: Uint8Array, hint: SealOptions, expectDeflate: boolean, backend: BackendName, codec: DeflateCodec | undefined): Promise<void> {
  const key = testKey(data.length);
  const { blob, result } = await sealPieces(key, data, 4096, { ...hint, backend, codec, compression: 'auto' });
  assertEqual(result.deflated, expectDeflate, 'DEFLATE decision');
  assertEqual(blob[5], expectDeflate ? 1 : 0, 'header flags byte');
  if (expectDeflate) assert(result.length <= data.length * 0.95, 'DEFLATE must have saved ≥ 5 %');
  assertBytes(await openBlob(key, blob, { backend, codec, length: result.length }), data, 'opened');
}

async function randomAccess(backend: BackendName): Promise<void> {
  const key = testKey(77);
  const data = pseudoRandomBytes(5 * CHUNK + 1000, 77);
  const { blob, result } = await sealPieces(key, data, 65536, { backend, compression: 'off' });
  const reader = await BlobChunkReader.create(key, blob.subarray(0, BLOB_HEAD_BYTES), { backend });
  const { chunks } = blobLayout(result.length);
  const parts: Uint8Array[] = [];
  for (let k = chunks - 1; k >= 0; k--) {
    const { start, end } = blobChunkRange(k, result.length);
    parts[k] = await reader.openChunk(k, blob.subarray(start, end));
  }
  const plain = concat(parts);
  assertEqual(plain.length, result.paddedLength, 'all chunks together');
  assertBytes(plain.subarray(0, data.length), data, 'chunks in order');
}
