// Sizes of the keys in the hierarchy (DESIGN.md §3).
import { AEAD_KEY_BYTES } from '../format/constants.js';

/** Vault key, file keys, KEKs, auth keys: 256 bits, the Cobblestone-256 input key size. */
export const KEY_BYTES = AEAD_KEY_BYTES;
/** The recovery key: 64 random bytes. */
export const RECOVERY_KEY_BYTES = 64;
