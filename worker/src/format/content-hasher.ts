// The content hash of a file's plaintext (docs/FORMAT.md §4.5): SHA-256 over the concatenated SHA-256
// digests of its 512 KiB blocks (the last one may be short; an empty file hashes no blocks), the
// construction of Dropbox's content_hash with smaller blocks ([Note: Content hash blocks]), so any
// platform can compute it block by block with its native SHA-256.
// The node record keeps it (contentHash, for sync to tell changed content from a touched file), and an
// interrupted upload keeps the hash of the prefix it had sealed, so a resume can prove the file picked
// again starts with the same bytes before it reuses the file key and salt (§4.4). The prefix reuses
// every finished block's digest; only the unfinished block is digested for it ([Note: SHA-256 seam]:
// node:crypto copies its running state, WebCrypto hashes the block's bytes so far once more).
import { bytesToHex } from './bytes.js';
import { createBlockSha256, sha256Of, type BlockSha256, type Sha256Backend } from './sha256-hasher.js';

/*
 * [Note: Content hash blocks]
 * WebCrypto's digest is one-shot and copies its input into a fresh buffer when called. Chromium serves
 * allocations up to ~1 MiB from its allocator's buckets and maps anything larger afresh, so the copy of
 * a large block costs more than hashing it: in a worker (Chromium 156, this machine) 256–768 KiB inputs
 * hashed at 1.2–1.6 GB/s, 1–4 MiB inputs at 650–900 MiB/s, and the 4 MiB blocks this hash first used were
 * the sealing worker's largest cost during an upload. 512 KiB keeps well under that line; the list of
 * block digests stays small (64 KiB per GiB). A record written with the earlier 4 MiB blocks (test
 * vaults only) has a different hash for the same bytes over 512 KiB: sync takes it for a change (an
 * upload again, or a conflict copy when first pairing with an identical file), never a loss.
 */
export const CONTENT_HASH_BLOCK_BYTES = 512 * 1024;

/** Block digests not yet settled beyond which backlog() waits (WebCrypto copies each block it is given). */
const BLOCKS_PENDING_MAX = 4;

const DIGEST_BYTES = 32;

export class ContentHasher {
  private inBlock = 0;
  private hashed = 0;
  /** Finished blocks' digests in order, as far as they have settled (grown by doubling). */
  private digests = new Uint8Array(64 * DIGEST_BYTES);
  private blocks = 0;
  /** The blocks still being digested, oldest first, each with the moment its digest is stored. */
  private readonly pending: { block: number; written: Promise<void> }[] = [];
  /** The chain that writes digests in block order; a failed digest fails every later read. */
  private written: Promise<void> = Promise.resolve();

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
      if (this.inBlock === CONTENT_HASH_BLOCK_BYTES) this.finishBlock();
    }
    this.hashed += bytes.length;
  }

  private finishBlock(): void {
    const index = this.blocks++;
    const digest = this.block.digestAndReset();
    digest.catch(() => undefined); // surfaces when the hash is read
    this.inBlock = 0;
    this.written = this.written.then(async () => this.store(index, await digest));
    this.written.catch(() => undefined);
    this.pending.push({ block: index, written: this.written });
  }

  private store(index: number, digest: Uint8Array): void {
    if (this.digests.length < (index + 1) * DIGEST_BYTES) {
      const grown = new Uint8Array(this.digests.length * 2);
      grown.set(this.digests);
      this.digests = grown;
    }
    this.digests.set(digest, index * DIGEST_BYTES);
    if (this.pending[0]?.block === index) this.pending.shift();
  }

  /** Resolves once at most BLOCKS_PENDING_MAX block digests are still being computed. */
  async backlog(): Promise<void> {
    while (this.pending.length > BLOCKS_PENDING_MAX) await this.pending[0].written;
  }

  /** The bytes hashed so far and their content hash (hex), as they are when called; hashing may go on meanwhile. */
  async prefix(): Promise<{ length: number; digest: string }> {
    const length = this.hashed;
    const blocks = this.blocks;
    const partial = this.inBlock > 0 ? this.block.peek() : null;
    partial?.catch(() => undefined); // read below, unless the stored digests failed first
    await this.written; // every block finished so far is stored (later ones may be too; they are not read)
    const list = new Uint8Array((blocks + (partial ? 1 : 0)) * DIGEST_BYTES);
    list.set(this.digests.subarray(0, blocks * DIGEST_BYTES));
    if (partial) list.set(await partial, blocks * DIGEST_BYTES);
    return { length, digest: bytesToHex(await sha256Of(list, this.backend)) };
  }

  /** The content hash of everything hashed (hex). */
  async digest(): Promise<string> {
    return (await this.prefix()).digest;
  }
}
