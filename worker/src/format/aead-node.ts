// AES-256-GCM through node:crypto, faster than WebCrypto in Node for 16 KiB chunks (no thread
// hop per call). Loaded only by a dynamic import from aead-backend.ts ([Note: AEAD backend seam]);
// node:crypto itself is imported dynamically too, so a bundler that inlines this file still emits
// no top-level `import 'node:crypto'` into browser code.
import type { AeadBackend, AeadKey } from './aead-backend.js';
import { AEAD_TAG_BYTES } from './constants.js';

type NodeCrypto = typeof import('node:crypto');
type KeyObject = import('node:crypto').KeyObject;

interface NodeAeadKey extends AeadKey {
  readonly aeadBackend: 'node';
  readonly key: KeyObject;
}

const CIPHER = 'aes-256-gcm';

export async function createNodeBackend(): Promise<AeadBackend> {
  const nodeCrypto: NodeCrypto = await import('node:crypto');

  function unwrap(key: AeadKey): KeyObject {
    if (key.aeadBackend !== 'node') throw new TypeError('This key was imported by another AEAD backend.');
    return (key as NodeAeadKey).key;
  }

  return {
    name: 'node',

    async importKey(raw) {
      // A KeyObject: the key bytes are held once by node:crypto, not passed again for every chunk.
      const wrapped: NodeAeadKey = { aeadBackend: 'node', key: nodeCrypto.createSecretKey(raw) };
      return wrapped;
    },

    async seal(key, nonce, plaintext, aad) {
      const cipher = nodeCrypto.createCipheriv(CIPHER, unwrap(key), nonce, { authTagLength: AEAD_TAG_BYTES });
      if (aad && aad.length > 0) cipher.setAAD(aad);
      const body = cipher.update(plaintext);
      const tail = cipher.final(); // GCM is a stream mode: always empty, kept for correctness
      // allocUnsafeSlow: never from Buffer's shared pool (callers may transfer the result to a
      // worker) and not zero-filled, since every byte is written below.
      const length = plaintext.length + AEAD_TAG_BYTES;
      const sealed = new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
      sealed.set(body);
      sealed.set(tail, body.length);
      sealed.set(cipher.getAuthTag(), plaintext.length);
      return sealed;
    },

    async open(key, nonce, sealed, aad) {
      const bodyLength = sealed.length - AEAD_TAG_BYTES;
      const decipher = nodeCrypto.createDecipheriv(CIPHER, unwrap(key), nonce, { authTagLength: AEAD_TAG_BYTES });
      if (aad && aad.length > 0) decipher.setAAD(aad);
      decipher.setAuthTag(sealed.subarray(bodyLength));
      const body = decipher.update(sealed.subarray(0, bodyLength));
      try {
        decipher.final();
      } catch {
        // node:crypto signals a bad tag only by throwing from final(); `body` is dropped unseen.
        return null;
      }
      // update() gives a Buffer over an ArrayBuffer of its own; hand out a plain Uint8Array view.
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    },
  };
}
