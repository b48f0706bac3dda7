// HKDF (RFC 5869) written on HMAC, because WebCrypto's HKDF always runs Extract first and
// Cobblestone needs Expand alone with the input key as the PRK. SHA-512 serves Cobblestone,
// SHA-256 the key hierarchy (keys/).
import { runningInNode } from './aead-backend.js';
import { bufferSource, concatBytes } from './bytes.js';
import { FormatError } from './format-error.js';

export type HkdfHash = 'SHA-256' | 'SHA-512';

const HASH_BYTES: Record<HkdfHash, number> = { 'SHA-256': 32, 'SHA-512': 64 };
/** RFC 5869: at most 255 blocks of output. */
const HKDF_MAX_BLOCKS = 255;

/** HMAC(key, ·) for one key, used for several messages (the blocks of one Expand). */
type Mac = (data: Uint8Array) => Promise<Uint8Array>;

/** node:crypto, imported once, in Node only ([Note: AEAD backend seam]). */
let nodeCrypto: Promise<typeof import('node:crypto')> | undefined;

/**
 * In Node, node:crypto's HMAC, synchronous and native: WebCrypto's importKey + sign each hop to a
 * thread and back, which measured ~0.3 ms per file key derivation in a sync pass of small files.
 * The same function either way (RFC 4231 / 5869 vectors in hkdf.test.ts).
 */
async function macFor(hash: HkdfHash, key: Uint8Array): Promise<Mac> {
  if (runningInNode()) {
    nodeCrypto ??= import('node:crypto');
    const { createHmac } = await nodeCrypto;
    const algorithm = hash === 'SHA-256' ? 'sha256' : 'sha512';
    return async (data) => new Uint8Array(createHmac(algorithm, key).update(data).digest());
  }
  const cryptoKey = await crypto.subtle.importKey('raw', bufferSource(key), { name: 'HMAC', hash }, false, ['sign']);
  return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bufferSource(data)));
}

export async function hmac(hash: HkdfHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  // An empty HMAC key is legal (HKDF-Extract with an empty salt uses HashLen zeros, equivalent).
  const keyBytes = key.length === 0 ? new Uint8Array(HASH_BYTES[hash]) : key;
  return (await macFor(hash, keyBytes))(data);
}

/** HKDF-Extract: PRK = HMAC(salt, IKM); an empty salt means HashLen zero bytes. */
export function hkdfExtract(hash: HkdfHash, salt: Uint8Array, ikm: Uint8Array): Promise<Uint8Array> {
  return hmac(hash, salt, ikm);
}

/** HKDF-Expand: T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i), output the first `length` bytes. */
export async function hkdfExpand(hash: HkdfHash, prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const hashBytes = HASH_BYTES[hash];
  if (!Number.isInteger(length) || length < 0 || length > HKDF_MAX_BLOCKS * hashBytes) {
    throw new FormatError('bad-parameters', `HKDF-${hash} can produce at most ${HKDF_MAX_BLOCKS * hashBytes} bytes.`);
  }
  if (prk.length === 0) throw new FormatError('bad-parameters', 'HKDF-Expand needs a non-empty key.');
  const mac = await macFor(hash, prk);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let block = 1, offset = 0; offset < length; block++) {
    const input = concatBytes(previous, info, Uint8Array.of(block));
    previous = await mac(input);
    out.set(previous.subarray(0, Math.min(hashBytes, length - offset)), offset);
    offset += hashBytes;
  }
  return out;
}

/** Full HKDF: Extract then Expand. */
export async function hkdf(hash: HkdfHash, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  return hkdfExpand(hash, await hkdfExtract(hash, salt, ikm), info, length);
}
