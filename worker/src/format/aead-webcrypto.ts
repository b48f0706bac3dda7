// AES-256-GCM through WebCrypto (browsers, Web Workers, and Node's globalThis.crypto): see
// [Note: AEAD backend seam] in aead-backend.ts.
import type { AeadBackend, AeadKey } from './aead-backend.js';
import { AEAD_TAG_BYTES } from './constants.js';
import { bufferSource } from './bytes.js';

interface WebCryptoAeadKey extends AeadKey {
  readonly aeadBackend: 'webcrypto';
  readonly key: CryptoKey;
}

function unwrap(key: AeadKey): CryptoKey {
  if (key.aeadBackend !== 'webcrypto') throw new TypeError('This key was imported by another AEAD backend.');
  return (key as WebCryptoAeadKey).key;
}

function params(nonce: Uint8Array, aad: Uint8Array | undefined): AesGcmParams {
  const p: AesGcmParams = { name: 'AES-GCM', iv: bufferSource(nonce), tagLength: AEAD_TAG_BYTES * 8 };
  if (aad && aad.length > 0) p.additionalData = bufferSource(aad);
  return p;
}

export const webCryptoBackend: AeadBackend = {
  name: 'webcrypto',

  async importKey(raw) {
    // Non-extractable: the derived chunk key never needs to leave WebCrypto again.
    const key = await crypto.subtle.importKey('raw', bufferSource(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const wrapped: WebCryptoAeadKey = { aeadBackend: 'webcrypto', key };
    return wrapped;
  },

  async seal(key, nonce, plaintext, aad) {
    // WebCrypto copies `iv` and `data` before encrypt() returns, which the seam's contract relies on.
    return new Uint8Array(await crypto.subtle.encrypt(params(nonce, aad), unwrap(key), bufferSource(plaintext)));
  },

  async open(key, nonce, sealed, aad) {
    try {
      return new Uint8Array(await crypto.subtle.decrypt(params(nonce, aad), unwrap(key), bufferSource(sealed)));
    } catch {
      // WebCrypto reports a bad tag as OperationError; inputs are validated before this call, so
      // authentication is the only way left to fail.
      return null;
    }
  },
};
