// The password path (DESIGN.md §3): Argon2id(password, salt) → 64 bytes, split by HKDF-SHA-256
// into authKey (sent to the relay at login) and passwordKek (wraps the vault key, stays here).
import { argon2idRaw } from '../format/argon2id.js';
import { utf8 } from '../format/bytes.js';
import { hkdf } from '../format/hkdf.js';
import { HKDF_SALT, LABEL_PASSWORD_AUTH, LABEL_PASSWORD_KEK } from './labels.js';
import { checkPasswordKdfParams, PASSWORD_MASTER_BYTES, type PasswordKdfParams } from './password-kdf-params.js';
import { KEY_BYTES } from './key-sizes.js';

export interface PasswordKeys {
  /** Proves the password to the relay; the relay stores only its own slow hash of it. */
  authKey: Uint8Array;
  /** Wraps the vault key; never leaves the client. */
  passwordKek: Uint8Array;
}

/**
 * Passwords are normalised to Unicode NFC before UTF-8 encoding, so the same typed password gives
 * the same bytes on every platform and keyboard.
 */
export function passwordBytes(password: string): Uint8Array {
  return utf8(password.normalize('NFC'));
}

export async function derivePasswordKeys(password: string, salt: Uint8Array, params: PasswordKdfParams): Promise<PasswordKeys> {
  checkPasswordKdfParams(params, salt);
  const master = await argon2idRaw(passwordBytes(password), salt, params, PASSWORD_MASTER_BYTES);
  try {
    const [authKey, passwordKek] = await Promise.all([
      hkdf('SHA-256', master, HKDF_SALT, utf8(LABEL_PASSWORD_AUTH), KEY_BYTES),
      hkdf('SHA-256', master, HKDF_SALT, utf8(LABEL_PASSWORD_KEK), KEY_BYTES),
    ]);
    return { authKey, passwordKek };
  } finally {
    master.fill(0);
  }
}
