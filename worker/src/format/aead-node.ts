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

/*
 * [Note: Sealed chunks from a slab]
 * A fresh ArrayBuffer per 16 KiB chunk was a third of the time node:crypto sealing took here (65,536
 * allocations per GiB, and the garbage collector's work behind them): sealing 1 GiB measured 0.91–1.29 s
 * that way and 0.76–0.77 s with results cut from 1 MiB slabs (throwaway script, node:crypto alone).
 * The results are views that share a slab, so they must never be transferred (postMessage) by their
 * buffer; nothing in Node does, and browsers use WebCrypto (aead-webcrypto.ts), whose results are
 * whole buffers of their own. A slab is freed when the last view into it goes.
 */
const SLAB_BYTES = 1024 * 1024;

class Slab {
  private buffer = new Uint8Array(0);
  private used = 0;

  /** `length` bytes no other take() shares, not zero-filled (the caller writes them all). */
  take(length: number): Uint8Array {
    if (length > SLAB_BYTES) return new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
    if (this.used + length > this.buffer.length) {
      this.buffer = new Uint8Array(Buffer.allocUnsafeSlow(SLAB_BYTES).buffer, 0, SLAB_BYTES);
      this.used = 0;
    }
    const view = this.buffer.subarray(this.used, this.used + length);
    this.used += length;
    return view;
  }
}

export async function createNodeBackend(): Promise<AeadBackend> {
  const nodeCrypto: NodeCrypto = await import('node:crypto');
  const slab = new Slab();

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
      const sealed = slab.take(plaintext.length + AEAD_TAG_BYTES);
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
