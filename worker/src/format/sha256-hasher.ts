// [Note: SHA-256 seam] An incremental SHA-256 whose running digest can be read without ending it,
// for the content hash (content-hasher.ts). node:crypto in Node (native, with SHA extensions where the
// CPU has them; Hash.copy() reads the running digest); hash-wasm in browsers, where WebCrypto has no
// incremental digest and its one-shot digest measured slower than wasm inside the sealing worker.
// node:crypto is loaded by a dynamic import only in Node, as in [Note: AEAD backend seam].
import { createSHA256 } from 'hash-wasm';
import { runningInNode } from './aead-backend.js';

export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  /** The digest of everything since the last reset, leaving the hasher going. */
  peek(): Uint8Array;
  /** The digest of everything since the last reset; then starts again from nothing. */
  digestAndReset(): Uint8Array;
}

async function wasmHasher(): Promise<Sha256Hasher> {
  const running = await createSHA256();
  const reader = await createSHA256();
  running.init();
  return {
    update: (bytes) => { running.update(bytes); },
    peek: () => {
      reader.load(running.save());
      return reader.digest('binary');
    },
    digestAndReset: () => {
      const digest = running.digest('binary');
      running.init();
      return digest;
    },
  };
}

/** Imported once per process: a dynamic import per file measured ~0.2 ms under a loader (tsx). */
let nodeCrypto: Promise<typeof import('node:crypto')> | undefined;

async function nodeHasher(): Promise<Sha256Hasher> {
  nodeCrypto ??= import('node:crypto');
  const { createHash } = await nodeCrypto;
  let running = createHash('sha256');
  return {
    update: (bytes) => { running.update(bytes); },
    peek: () => new Uint8Array(running.copy().digest()),
    digestAndReset: () => {
      const digest = new Uint8Array(running.digest());
      running = createHash('sha256');
      return digest;
    },
  };
}

export function createSha256Hasher(backend: 'auto' | 'wasm' | 'node' = 'auto'): Promise<Sha256Hasher> {
  const node = backend === 'node' || backend === 'auto' && runningInNode();
  return node ? nodeHasher() : wasmHasher();
}

/** One-shot SHA-256 through the same seam. */
export async function sha256Of(bytes: Uint8Array, backend: 'auto' | 'wasm' | 'node' = 'auto'): Promise<Uint8Array> {
  const h = await createSha256Hasher(backend);
  h.update(bytes);
  return h.digestAndReset();
}
