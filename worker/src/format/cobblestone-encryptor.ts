// Cobblestone-256 encryption as push/finish: cuts the plaintext into 16 KiB chunks, seals several
// at once and emits salt ‖ commitment ‖ chunks in order. The stream and one-shot forms wrap this.
import type { AeadBackend, AeadKey } from './aead-backend.js';
import { randomBytes } from './bytes.js';
import { ChunkQueue, type Emit } from './chunk-queue.js';
import { checkInputKey, chunkNonce, deriveCobblestoneKeys } from './cobblestone-keys.js';
import { resolveBackend, type CobblestoneEncryptOptions } from './cobblestone-options.js';
import { AEAD_NONCE_BYTES, COBBLESTONE_CHUNK_BYTES, COBBLESTONE_HEADER_BYTES, COBBLESTONE_SALT_BYTES } from './constants.js';
import { FormatError } from './format-error.js';

/** Shared source of padding: read-only, so one buffer serves every stream. */
const ZEROS = new Uint8Array(COBBLESTONE_CHUNK_BYTES);

export class CobblestoneEncryptor {
  /** Plaintext bytes pushed so far. */
  length = 0;
  private readonly stage = new Uint8Array(COBBLESTONE_CHUNK_BYTES);
  private readonly nonce = new Uint8Array(AEAD_NONCE_BYTES);
  private staged = 0;
  private index = 0;
  private finished = false;
  /** Set on the first failure; every later call fails the same way. */
  private failure: { error: unknown } | undefined;

  private constructor(
    private readonly backend: AeadBackend,
    private readonly key: AeadKey,
    private readonly baseNonce: Uint8Array,
    private readonly queue: ChunkQueue,
  ) {}

  /** Derives the keys and emits the 56-byte salt ‖ commitment before returning. */
  static async create(
    inputKey: Uint8Array, context: Uint8Array, options: CobblestoneEncryptOptions, emit: Emit,
  ): Promise<CobblestoneEncryptor> {
    checkInputKey(inputKey);
    const salt = options.salt ?? randomBytes(COBBLESTONE_SALT_BYTES);
    const backend = await resolveBackend(options.backend);
    const keys = await deriveCobblestoneKeys(backend, inputKey, salt, context);
    const head = new Uint8Array(COBBLESTONE_HEADER_BYTES);
    head.set(salt);
    head.set(keys.commitment, COBBLESTONE_SALT_BYTES);
    await emit(head);
    // Encryption can't fail authentication; a failure here would be a backend fault.
    const queue = new ChunkQueue(emit, (i) =>
      new FormatError('bad-parameters', `Encrypting chunk ${i} failed.`), options.chunksInFlight);
    return new CobblestoneEncryptor(backend, keys.aeadKey, keys.baseNonce, queue);
  }

  async push(data: Uint8Array): Promise<void> {
    this.checkOpen();
    try {
      this.length += data.length;
      let offset = 0;
      if (this.staged > 0) {
        offset = Math.min(COBBLESTONE_CHUNK_BYTES - this.staged, data.length);
        this.stage.set(data.subarray(0, offset), this.staged);
        this.staged += offset;
        if (this.staged < COBBLESTONE_CHUNK_BYTES) return;
        // A full chunk is never the last one (the last holds < 16 KiB), so it can go at once.
        await this.sealChunk(this.stage);
        this.staged = 0;
      }
      // Whole chunks straight from the caller's buffer: the backend consumes inputs synchronously.
      while (data.length - offset >= COBBLESTONE_CHUNK_BYTES) {
        await this.sealChunk(data.subarray(offset, offset + COBBLESTONE_CHUNK_BYTES));
        offset += COBBLESTONE_CHUNK_BYTES;
      }
      if (offset < data.length) {
        this.stage.set(data.subarray(offset), this.staged);
        this.staged += data.length - offset;
      }
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  /** Appends `count` zero bytes (Padmé padding) without allocating them. */
  async pushZeros(count: number): Promise<void> {
    for (let left = count; left > 0; left -= COBBLESTONE_CHUNK_BYTES) {
      await this.push(ZEROS.subarray(0, Math.min(left, COBBLESTONE_CHUNK_BYTES)));
    }
  }

  /** Seals the final short (possibly empty) chunk and releases everything. */
  async finish(): Promise<void> {
    this.checkOpen();
    try {
      await this.sealChunk(this.stage.subarray(0, this.staged));
      await this.queue.drain();
      this.finished = true;
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  private async sealChunk(plaintext: Uint8Array): Promise<void> {
    const index = this.index++;
    const nonce = chunkNonce(this.baseNonce, index, this.nonce);
    const { backend } = this;
    this.queue.add(index, backend.sealApart ? backend.sealApart(this.key, nonce, plaintext) : backend.seal(this.key, nonce, plaintext));
    if (this.queue.full) await this.queue.makeRoom();
  }

  private checkOpen(): void {
    if (this.failure) throw this.failure.error;
    if (this.finished) throw new FormatError('bad-parameters', 'This encryption stream has already finished.');
  }
}
