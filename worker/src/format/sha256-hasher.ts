// [Note: SHA-256 seam] SHA-256 of blocks fed in pieces, for the content hash (content-hasher.ts): each
// block's digest is read when the block ends, or partway through it while hashing goes on. Node: node:crypto,
// incremental (Hash.copy() reads the running digest). Browsers: WebCrypto's one-shot digest over one reused
// block buffer — it copies its input when called, so the buffer is refilled at once, and hashes with the
// CPU's SHA extensions (Chromium 156 in a worker: 1.2–1.6 GB/s over 512 KiB blocks, [Note: Content hash
// blocks]; hash-wasm's incremental SHA-256 managed ~160 MiB/s and was the sealing worker's largest cost).
// node:crypto is loaded by a dynamic import only in Node, as in [Note: AEAD backend seam].
import { runningInNode } from './aead-backend.js';

export type Sha256Backend = 'webcrypto' | 'node';

export interface BlockSha256 {
  /** Adds bytes to the current block (a block holds at most the size it was made for). */
  update(bytes: Uint8Array): void;
  /** The digest of the current block so far, leaving it going. */
  peek(): Promise<Uint8Array>;
  /** The digest of the current block; the next update starts a new one. */
  digestAndReset(): Promise<Uint8Array>;
}

function chosen(backend: Sha256Backend | 'auto'): Sha256Backend {
  return backend === 'auto' ? (runningInNode() ? 'node' : 'webcrypto') : backend;
}

async function webCryptoDigest(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function webCryptoBlocks(maxBlockBytes: number): BlockSha256 {
  const block = new Uint8Array(maxBlockBytes);
  let fill = 0;
  return {
    update: (bytes) => {
      if (fill + bytes.length > block.length) throw new RangeError(`A SHA-256 block holds at most ${block.length} bytes.`);
      block.set(bytes, fill);
      fill += bytes.length;
    },
    // digest() copies the bytes before it returns, so the block buffer may be refilled at once.
    peek: () => webCryptoDigest(block.subarray(0, fill)),
    digestAndReset: () => {
      const digest = webCryptoDigest(block.subarray(0, fill));
      fill = 0;
      return digest;
    },
  };
}

/** Imported once per process: a dynamic import per file measured ~0.2 ms under a loader (tsx). */
let nodeCrypto: Promise<typeof import('node:crypto')> | undefined;

async function nodeBlocks(): Promise<BlockSha256> {
  nodeCrypto ??= import('node:crypto');
  const { createHash } = await nodeCrypto;
  let running = createHash('sha256');
  return {
    update: (bytes) => { running.update(bytes); },
    peek: async () => new Uint8Array(running.copy().digest()),
    digestAndReset: async () => {
      const digest = new Uint8Array(running.digest());
      running = createHash('sha256');
      return digest;
    },
  };
}

/** Block digests for blocks of at most `maxBlockBytes` (WebCrypto keeps one buffer of that size). */
export function createBlockSha256(maxBlockBytes: number, backend: Sha256Backend | 'auto' = 'auto'): Promise<BlockSha256> {
  return chosen(backend) === 'node' ? nodeBlocks() : Promise.resolve(webCryptoBlocks(maxBlockBytes));
}

/** One-shot SHA-256 through the same seam. */
export async function sha256Of(bytes: Uint8Array, backend: Sha256Backend | 'auto' = 'auto'): Promise<Uint8Array> {
  if (chosen(backend) === 'webcrypto') return webCryptoDigest(bytes);
  const blocks = await nodeBlocks();
  blocks.update(bytes);
  return blocks.digestAndReset();
}
