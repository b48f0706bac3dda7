// HKDF (RFC 5869) written on HMAC, because WebCrypto's HKDF always runs Extract first and
// Cobblestone needs Expand alone with the input key as the PRK. SHA-512 serves Cobblestone,
// SHA-256 the key hierarchy (keys/).
import { bufferSource, concatBytes } from './bytes.js';
import { FormatError } from './format-error.js';

export type HkdfHash = 'SHA-256' | 'SHA-512';

const HASH_BYTES: Record<HkdfHash, number> = { 'SHA-256': 32, 'SHA-512': 64 };
/** RFC 5869: at most 255 blocks of output. */
const HKDF_MAX_BLOCKS = 255;

export async function hmac(hash: HkdfHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  // An empty HMAC key is legal (HKDF-Extract with an empty salt uses HashLen zeros, equivalent).
  const keyBytes = key.length === 0 ? new Uint8Array(HASH_BYTES[hash]) : key;
  const cryptoKey = await crypto.subtle.importKey('raw', bufferSource(keyBytes), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bufferSource(data)));
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
  const prkKey = await crypto.subtle.importKey('raw', bufferSource(prk), { name: 'HMAC', hash }, false, ['sign']);
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let block = 1, offset = 0; offset < length; block++) {
    const input = concatBytes(previous, info, Uint8Array.of(block));
    previous = new Uint8Array(await crypto.subtle.sign('HMAC', prkKey, bufferSource(input)));
    out.set(previous.subarray(0, Math.min(hashBytes, length - offset)), offset);
    offset += hashBytes;
  }
  return out;
}

/** Full HKDF: Extract then Expand. */
export async function hkdf(hash: HkdfHash, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  return hkdfExpand(hash, await hkdfExtract(hash, salt, ikm), info, length);
}
