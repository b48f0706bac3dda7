// The content hash of a file's plaintext (docs/FORMAT.md §4.5): SHA-256 over the concatenated SHA-256
// digests of its 4 MiB blocks (the last one may be short; an empty file hashes no blocks), as
// Dropbox's content_hash does, so any platform can compute it block by block with its native SHA-256.
// The node record keeps it (contentHash, for sync to tell changed content from a touched file), and an
// interrupted upload keeps the hash of the prefix it had sealed, so a resume can prove the file picked
// again starts with the same bytes before it reuses the file key and salt (§4.4). The prefix is read
// from the running block digest ([Note: SHA-256 seam]), never by hashing bytes twice.
import { bytesToHex, concatBytes } from './bytes.js';
import { createSha256Hasher, type Sha256Hasher } from './sha256-hasher.js';

export const CONTENT_HASH_BLOCK_BYTES = 4 * 1024 * 1024;

export class ContentHasher {
  private inBlock = 0;
  private readonly blockDigests: Uint8Array[] = [];
  private hashed = 0;

  private constructor(private readonly block: Sha256Hasher, private readonly outer: Sha256Hasher) {}

  static async create(backend: 'auto' | 'wasm' | 'node' = 'auto'): Promise<ContentHasher> {
    return new ContentHasher(await createSha256Hasher(backend), await createSha256Hasher(backend));
  }

  /** Plaintext bytes hashed so far. */
  get length(): number {
    return this.hashed;
  }

  update(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(CONTENT_HASH_BLOCK_BYTES - this.inBlock, bytes.length - offset);
      this.block.update(bytes.subarray(offset, offset + take));
      this.inBlock += take;
      offset += take;
      if (this.inBlock === CONTENT_HASH_BLOCK_BYTES) {
        this.blockDigests.push(this.block.digestAndReset());
        this.inBlock = 0;
      }
    }
    this.hashed += bytes.length;
  }

  /** The bytes hashed so far and their content hash (hex); this hasher goes on unaffected. */
  prefix(): { length: number; digest: string } {
    const digests = this.inBlock > 0 ? [...this.blockDigests, this.block.peek()] : this.blockDigests;
    this.outer.update(concatBytes(...digests));
    return { length: this.hashed, digest: bytesToHex(this.outer.digestAndReset()) };
  }

  /** The content hash of everything hashed (hex). */
  digest(): string {
    return this.prefix().digest;
  }
}

/** A pass-through stream that feeds every chunk to `hasher` on its way. */
export function hashingStream(hasher: ContentHasher): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      hasher.update(chunk);
      controller.enqueue(chunk);
    },
  });
}
