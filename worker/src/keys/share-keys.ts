// Keys of a share link (DESIGN.md §6): the secret in the URL fragment gives, by HKDF-SHA-256, the
// manifest key and the read token whose SHA-256 the relay keeps.
import { randomBytes, utf8 } from '../format/bytes.js';
import { FormatError } from '../format/format-error.js';
import { hkdf } from '../format/hkdf.js';
import { KEY_BYTES } from './key-sizes.js';
import { HKDF_SALT, LABEL_SHARE_AUTH, LABEL_SHARE_MANIFEST_KEY } from './labels.js';

/** At least 128 bits (DESIGN.md §6); 256 are used. */
export const SHARE_SECRET_BYTES = 32;
const SHARE_SECRET_MIN_BYTES = 16;

export interface ShareKeys {
  manifestKey: Uint8Array;
  /** Sent with every read of the share; the relay stores only SHA-256(authToken). */
  authToken: Uint8Array;
}

export function generateShareSecret(): Uint8Array {
  return randomBytes(SHARE_SECRET_BYTES);
}

export async function deriveShareKeys(secret: Uint8Array): Promise<ShareKeys> {
  if (secret.length < SHARE_SECRET_MIN_BYTES) {
    throw new FormatError('bad-parameters', 'This share link is incomplete: its secret is too short. Copy the whole link.');
  }
  const [manifestKey, authToken] = await Promise.all([
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_SHARE_MANIFEST_KEY), KEY_BYTES),
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_SHARE_AUTH), KEY_BYTES),
  ]);
  return { manifestKey, authToken };
}
