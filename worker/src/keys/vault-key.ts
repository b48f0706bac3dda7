// Random keys of the hierarchy (the vault key, one fresh file key per blob) and the subkeys the
// vault key gives by HKDF, one label per purpose ([Note: Key labels]).
import { randomBytes, utf8 } from '../format/bytes.js';
import { FormatError } from '../format/format-error.js';
import { hkdf } from '../format/hkdf.js';
import { COBBLESTONE_SALT_BYTES } from '../format/constants.js';
import { KEY_BYTES } from './key-sizes.js';
import { HKDF_SALT, LABEL_VAULT_NODE_KEY } from './labels.js';

/** A new vault key, made once at sign-up and stored on the relay only wrapped. */
export function generateVaultKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

/** A new file key: fresh for every blob (every upload, every version), never reused (a resumed upload continues the same blob). */
export function generateFileKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

export function checkKey(key: Uint8Array, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new FormatError('bad-parameters', `The ${what} must be ${KEY_BYTES} bytes.`);
  }
}

/** The key that seals node records: HKDF-SHA-256(vaultKey, "veilbox/v1/vault/node-key"). */
export async function deriveNodeKey(vaultKey: Uint8Array): Promise<Uint8Array> {
  checkKey(vaultKey, 'vault key');
  return hkdf('SHA-256', vaultKey, HKDF_SALT, utf8(LABEL_VAULT_NODE_KEY), KEY_BYTES);
}

/** A fresh Cobblestone salt for a blob whose upload may later resume with the same key and salt. */
export function generateBlobSalt(): Uint8Array {
  return randomBytes(COBBLESTONE_SALT_BYTES);
}
