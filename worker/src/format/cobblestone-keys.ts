// Cobblestone-256 key schedule (c2sp.org/chunked-encryption): one HKDF-Expand-SHA-512 gives the
// chunk key, the base nonce and the key commitment; chunk i's nonce is the base nonce XOR i.
import type { AeadBackend, AeadKey } from './aead-backend.js';
import { concatBytes, equalBytes, utf8 } from './bytes.js';
import {
  AEAD_KEY_BYTES, AEAD_NONCE_BYTES, COBBLESTONE_COMMITMENT_BYTES, COBBLESTONE_DERIVED_BYTES,
  COBBLESTONE_INFO_LABEL, COBBLESTONE_SALT_BYTES,
} from './constants.js';
import { FormatError, formatErrors } from './format-error.js';
import { hkdfExpand } from './hkdf.js';

export interface CobblestoneKeys {
  aeadKey: AeadKey;
  baseNonce: Uint8Array;
  commitment: Uint8Array;
}

const INFO_PREFIX = concatBytes(utf8(COBBLESTONE_INFO_LABEL), Uint8Array.of(0));
const TWO_POW_32 = 2 ** 32;

export function checkInputKey(inputKey: Uint8Array): void {
  if (!(inputKey instanceof Uint8Array) || inputKey.length !== AEAD_KEY_BYTES) {
    throw new FormatError('bad-parameters', `A Cobblestone-256 key must be exactly ${AEAD_KEY_BYTES} bytes.`);
  }
}

/** The raw 76 bytes key(32) ‖ baseNonce(12) ‖ commitment(32) (exported for tests and docs). */
export async function deriveCobblestoneBytes(inputKey: Uint8Array, salt: Uint8Array, context: Uint8Array): Promise<Uint8Array> {
  checkInputKey(inputKey);
  if (salt.length !== COBBLESTONE_SALT_BYTES) {
    throw new FormatError('bad-parameters', `A Cobblestone-256 salt must be ${COBBLESTONE_SALT_BYTES} bytes.`);
  }
  const info = concatBytes(INFO_PREFIX, salt, context);
  return hkdfExpand('SHA-512', inputKey, info, COBBLESTONE_DERIVED_BYTES);
}

export async function deriveCobblestoneKeys(
  backend: AeadBackend, inputKey: Uint8Array, salt: Uint8Array, context: Uint8Array,
): Promise<CobblestoneKeys> {
  const derived = await deriveCobblestoneBytes(inputKey, salt, context);
  const aeadKey = await backend.importKey(derived.subarray(0, AEAD_KEY_BYTES));
  const baseNonce = derived.slice(AEAD_KEY_BYTES, AEAD_KEY_BYTES + AEAD_NONCE_BYTES);
  const commitment = derived.slice(AEAD_KEY_BYTES + AEAD_NONCE_BYTES);
  derived.fill(0);
  return { aeadKey, baseNonce, commitment };
}

/** Checks the stored commitment before any chunk is touched: a mismatch is a wrong key or context. */
export async function deriveAndCommit(
  backend: AeadBackend, inputKey: Uint8Array, salt: Uint8Array, storedCommitment: Uint8Array, context: Uint8Array,
): Promise<CobblestoneKeys> {
  const keys = await deriveCobblestoneKeys(backend, inputKey, salt, context);
  if (storedCommitment.length !== COBBLESTONE_COMMITMENT_BYTES || !equalBytes(keys.commitment, storedCommitment)) {
    throw formatErrors.wrongKey();
  }
  return keys;
}

/** Writes baseNonce XOR i (i big-endian, right-aligned in the 12 bytes) into `out`. */
export function chunkNonce(baseNonce: Uint8Array, index: number, out: Uint8Array): Uint8Array {
  out.set(baseNonce);
  // i < 2^53, so it fits the low 8 bytes; split into two 32-bit words for exact arithmetic.
  const high = Math.floor(index / TWO_POW_32);
  const low = index % TWO_POW_32;
  const n = AEAD_NONCE_BYTES;
  for (let b = 0; b < 4; b++) {
    out[n - 1 - b] ^= (low >>> (8 * b)) & 0xff;
    out[n - 5 - b] ^= (high >>> (8 * b)) & 0xff;
  }
  return out;
}
