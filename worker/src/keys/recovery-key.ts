// The recovery key (DESIGN.md §3): 64 random bytes shown once; HKDF of it gives a second login
// key and the KEK of a second wrap of the vault key, so it can stand in for the password.
import { randomBytes, utf8 } from '../format/bytes.js';
import { FormatError } from '../format/format-error.js';
import { hkdf } from '../format/hkdf.js';
import { KEY_BYTES, RECOVERY_KEY_BYTES } from './key-sizes.js';
import { HKDF_SALT, LABEL_RECOVERY_AUTH, LABEL_RECOVERY_KEK } from './labels.js';

export interface RecoveryKeys {
  /** Login key for recovery; the relay keeps only a slow hash of it. */
  recoveryAuthKey: Uint8Array;
  /** Wraps the vault key. */
  recoveryKek: Uint8Array;
}

export function generateRecoveryKey(): Uint8Array {
  return randomBytes(RECOVERY_KEY_BYTES);
}

export async function deriveRecoveryKeys(recoveryKey: Uint8Array): Promise<RecoveryKeys> {
  if (recoveryKey.length !== RECOVERY_KEY_BYTES) {
    throw new FormatError('bad-parameters', `A recovery key is ${RECOVERY_KEY_BYTES} bytes.`);
  }
  const [recoveryAuthKey, recoveryKek] = await Promise.all([
    hkdf('SHA-256', recoveryKey, HKDF_SALT, utf8(LABEL_RECOVERY_AUTH), KEY_BYTES),
    hkdf('SHA-256', recoveryKey, HKDF_SALT, utf8(LABEL_RECOVERY_KEK), KEY_BYTES),
  ]);
  return { recoveryAuthKey, recoveryKek };
}
