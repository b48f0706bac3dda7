// What the environment-neutral checks share: the Check shape the Node (uvu) and browser (Web
// Worker) runners consume, a tiny assert that throws, and stream helpers on Web APIs only.
// [Note: Shared format checks] No node:* imports here or in any *-checks.ts file: the same modules
// are bundled into a Chromium worker. uvu stays in the Node wrappers.
import { bytesToHex, isFormatError, type FormatErrorKind } from '../../worker/src/index.js';

export interface Check {
  suite: string;
  name: string;
  run(): Promise<void>;
}

export type BackendName = 'webcrypto' | 'node';

export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new CheckFailure(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export function assertBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (actual.length !== expected.length) throw new CheckFailure(`${what}: expected ${expected.length} bytes, got ${actual.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) throw new CheckFailure(`${what}: first difference at byte ${i}`);
  }
}

/** Awaits `work` and requires a FormatError of one of `kinds`; returns it. */
export async function expectFormatError(work: Promise<unknown>, kinds: FormatErrorKind | FormatErrorKind[], what: string): Promise<Error> {
  const wanted = Array.isArray(kinds) ? kinds : [kinds];
  try {
    await work;
  } catch (error) {
    if (isFormatError(error) && wanted.includes(error.kind)) return error;
    const got = isFormatError(error) ? `FormatError '${error.kind}'` : String(error);
    throw new CheckFailure(`${what}: expected FormatError ${wanted.join(' or ')}, got ${got}`);
  }
  throw new CheckFailure(`${what}: expected FormatError ${wanted.join(' or ')}, but it succeeded`);
}

export async function sha512Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-512', bytes as Uint8Array<ArrayBuffer>)));
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

/** A stream that delivers `data` in pieces of `pieceSize` bytes (the last may be shorter). */
export function streamOf(data: Uint8Array, pieceSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.length) { controller.close(); return; }
      // A copy, so a stage that keeps a view can't be fooled by shared memory.
      controller.enqueue(data.slice(offset, offset + pieceSize));
      offset += pieceSize;
    },
  }, { highWaterMark: 0 });
}

export interface Drained {
  bytes: Uint8Array;
  error: unknown;
  reader: ReadableStreamDefaultReader<Uint8Array>;
}

/** Reads a stream to its end or first error, keeping what was released before the error. */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<Drained> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let error: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (e) {
    error = e ?? new Error('stream failed without a reason');
  }
  return { bytes: concat(parts), error, reader };
}

/** Reads a stream fully; throws the stream's error. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const { bytes, error } = await drain(stream);
  if (error !== undefined) throw error;
  return bytes;
}

/** Inflates a zlib (RFC 1950) container, as the Wycheproof chunked-encryption `ct` fields are. */
export async function inflateZlib(bytes: Uint8Array): Promise<Uint8Array> {
  const inflater = new DecompressionStream('deflate') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return readAll(streamOf(bytes, bytes.length || 1).pipeThrough(inflater));
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Compressible text of a given length. */
export function textBytes(length: number): Uint8Array {
  const words = ['vault', 'chunk', 'relay', 'padme', 'deflate', 'commitment', 'nonce', 'salt', 'stream', 'key'];
  const out = new Uint8Array(length);
  let x = 12345;
  let i = 0;
  while (i < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    const word = words[x % words.length] + (x % 7 === 0 ? '.\n' : ' ');
    for (let j = 0; j < word.length && i < length; j++) out[i++] = word.charCodeAt(j);
  }
  return out;
}
