// The content hash of a file's plaintext (docs/FORMAT.md §4.5): SHA-256 over the concatenated SHA-256
// digests of its 4 MiB blocks (the last one may be short; an empty file hashes no blocks), as
// Dropbox's content_hash does, so any platform can compute it block by block with its native SHA-256.
// The node record keeps it (contentHash, for sync to tell changed content from a touched file), and an
// interrupted upload keeps the hash of the prefix it had sealed, so a resume can prove the file picked
// again starts with the same bytes before it reuses the file key and salt (§4.4). The prefix reuses
// every finished block's digest; only the unfinished block is digested for it ([Note: SHA-256 seam]:
// node:crypto copies its running state, WebCrypto hashes the block's bytes so far once more).
import { bytesToHex, concatBytes } from './bytes.js';
import { createBlockSha256, sha256Of, type BlockSha256, type Sha256Backend } from './sha256-hasher.js';

export const CONTENT_HASH_BLOCK_BYTES = 4 * 1024 * 1024;

/** Block digests not yet settled beyond which backlog() waits (WebCrypto copies each block it is given). */
const BLOCKS_PENDING_MAX = 2;

export class ContentHasher {
  private inBlock = 0;
  /** One per finished block, settling in the background ([Note: SHA-256 seam]). */
  private readonly blockDigests: Promise<Uint8Array>[] = [];
  private settled = 0;
  private hashed = 0;

  private constructor(private readonly block: BlockSha256, private readonly backend: Sha256Backend | 'auto') {}

  static async create(backend: Sha256Backend | 'auto' = 'auto'): Promise<ContentHasher> {
    return new ContentHasher(await createBlockSha256(CONTENT_HASH_BLOCK_BYTES, backend), backend);
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
        const digest = this.block.digestAndReset();
        digest.catch(() => undefined); // surfaces when the hash is read
        this.blockDigests.push(digest);
        this.inBlock = 0;
      }
    }
    this.hashed += bytes.length;
  }

  /** Resolves once at most BLOCKS_PENDING_MAX block digests are still being computed. */
  async backlog(): Promise<void> {
    while (this.blockDigests.length - this.settled > BLOCKS_PENDING_MAX) await this.blockDigests[this.settled++];
  }

  /** The bytes hashed so far and their content hash (hex), as they are when called; hashing may go on meanwhile. */
  async prefix(): Promise<{ length: number; digest: string }> {
    const length = this.hashed;
    const pending = this.inBlock > 0 ? [...this.blockDigests, this.block.peek()] : [...this.blockDigests];
    const digests = await Promise.all(pending);
    return { length, digest: bytesToHex(await sha256Of(concatBytes(...digests), this.backend)) };
  }

  /** The content hash of everything hashed (hex). */
  async digest(): Promise<string> {
    return (await this.prefix()).digest;
  }
}
