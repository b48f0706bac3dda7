// [Note: AEAD backend seam] The one place the format reaches AES-256-GCM. The chunk logic exists
// once and calls an AeadBackend; WebCrypto serves browsers (and works in Node), node:crypto serves
// Node where it is faster. The node backend sits in its own file and is loaded by a dynamic
// import only in Node, so browser bundles never execute (or need) `node:crypto`.
import { webCryptoBackend } from './aead-webcrypto.js';

/** An imported AES-256-GCM key, opaque to the format (a CryptoKey or a node KeyObject). */
export interface AeadKey {
  readonly aeadBackend: AeadBackendName;
}

export type AeadBackendName = 'webcrypto' | 'node';
/** What callers may ask for: a named backend, or 'auto' (node:crypto in Node, WebCrypto elsewhere). */
export type AeadBackendChoice = AeadBackendName | 'auto';

/**
 * Contract: every input (key bytes, nonce, plaintext, sealed) may be reused by the caller as soon
 * as the call returns, before its promise settles (both implementations copy or consume inputs
 * synchronously). Results are fresh buffers the caller owns.
 */
export interface AeadBackend {
  readonly name: AeadBackendName;
  importKey(raw: Uint8Array): Promise<AeadKey>;
  /**
   * Encrypts; resolves to ciphertext ‖ tag (plaintext.length + 16 bytes). Cobblestone always uses
   * empty AAD; `aad` exists so the seam can be checked against every AES-GCM vector.
   */
  seal(key: AeadKey, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>;
  /**
   * Optional, the same with no AAD, done before it returns: ciphertext and tag as two buffers, where the
   * backend makes them apart and at once (node:crypto; [Note: Sealed chunks apart] in aead-node.ts), so
   * neither a copy to join them nor a promise per chunk is paid.
   */
  sealApart?(key: AeadKey, nonce: Uint8Array, plaintext: Uint8Array): readonly [Uint8Array, Uint8Array];
  /**
   * Decrypts ciphertext ‖ tag (at least 16 bytes); resolves to the plaintext, or to null when
   * authentication fails (no unauthenticated byte is ever returned).
   */
  open(key: AeadKey, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Promise<Uint8Array | null>;
}

export function runningInNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

let nodeBackend: Promise<AeadBackend> | undefined;

/** Resolves a backend choice; 'node' outside Node is a caller error. */
export function loadAeadBackend(choice: AeadBackendChoice = 'auto'): Promise<AeadBackend> {
  if (choice === 'webcrypto' || (choice === 'auto' && !runningInNode())) return Promise.resolve(webCryptoBackend);
  // Cached per process: the module is stateless, this only saves repeated dynamic imports.
  nodeBackend ??= import('./aead-node.js').then((m) => m.createNodeBackend());
  return nodeBackend;
}
