// Small byte helpers the format and keys share: hex, UTF-8, concatenation, constant-time compare,
// randomness. Only Web APIs, so the same code runs in a browser worker and in Node.
import { FormatError } from './format-error.js';

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.trim();
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new FormatError('bad-parameters', 'Expected an even number of hexadecimal digits (0-9, a-f).');
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** Equality that takes the same time wherever the first difference is (for MACs and commitments). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/*
 * [Note: Random bytes from a pool]
 * A sync pass asks for a few dozen random bytes five times per file (file key, salts, ids), and each
 * getRandomValues call cost ~4 µs in Node, 0.2 s per 10,000 files. Requests up to POOLED_MAX bytes
 * are served from a pool filled 4 KiB at a time instead; served bytes are zeroed in the pool at once,
 * so no key lingers there after it was handed out.
 */
const POOL_BYTES = 4096;
const POOLED_MAX = 64;
const pool = new Uint8Array(POOL_BYTES);
let poolUsed = POOL_BYTES;

/** Cryptographically secure random bytes (getRandomValues takes at most 64 KiB per call). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (length <= POOLED_MAX) {
    if (poolUsed + length > POOL_BYTES) {
      crypto.getRandomValues(pool);
      poolUsed = 0;
    }
    const served = pool.subarray(poolUsed, poolUsed + length);
    out.set(served);
    served.fill(0);
    poolUsed += length;
    return out;
  }
  const step = 65536;
  for (let i = 0; i < length; i += step) crypto.getRandomValues(out.subarray(i, Math.min(length, i + step)));
  return out;
}

/** Stream chunks may arrive as any BufferSource; the format works on Uint8Array views without copying. */
export function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new FormatError('bad-parameters', 'Streams must carry bytes (Uint8Array, ArrayBuffer or a typed-array view).');
}

/** WebCrypto's BufferSource typing wants ArrayBuffer-backed views; our views always are. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
