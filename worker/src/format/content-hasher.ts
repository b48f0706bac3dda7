// SHA-256 of a file's plaintext, fed as it streams: the node record keeps it (contentHash, for sync
// to tell changed content from a touched file), and an interrupted upload keeps the digest of the
// prefix it had sealed, so a resume can prove the file picked again starts with the same bytes
// before it reuses the file key and salt. hash-wasm, because WebCrypto has no incremental digest.
import { createSHA256, type IHasher } from 'hash-wasm';

export class ContentHasher {
  private hashed = 0;

  private constructor(private readonly hasher: IHasher) {}

  static async create(): Promise<ContentHasher> {
    const hasher = await createSHA256();
    hasher.init();
    return new ContentHasher(hasher);
  }

  /** Plaintext bytes hashed so far. */
  get length(): number {
    return this.hashed;
  }

  update(bytes: Uint8Array): void {
    this.hasher.update(bytes);
    this.hashed += bytes.length;
  }

  /**
   * The bytes hashed so far and their hex digest, taken now (more bytes may arrive while the digest
   * is computed); this hasher goes on unaffected.
   */
  prefix(): { length: number; digest: Promise<string> } {
    const state = this.hasher.save();
    const digest = createSHA256().then((copy) => {
      copy.load(state);
      return copy.digest('hex');
    });
    return { length: this.hashed, digest };
  }

  /** Hex digest of everything; the hasher is spent afterwards. */
  digest(): string {
    return this.hasher.digest('hex');
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
