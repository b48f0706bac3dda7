// Cobblestone-256 decryption as push/finish: checks the commitment before any chunk, opens several
// chunks at once and releases only authenticated plaintext, in order. Without a known length a
// full chunk is held until a following byte proves it isn't the last (the last is always short).
import type { AeadBackend } from './aead-backend.js';
import { ChunkQueue, type Emit } from './chunk-queue.js';
import { checkInputKey, chunkNonce, deriveAndCommit, type CobblestoneKeys } from './cobblestone-keys.js';
import { checkLength, resolveBackend, type CobblestoneDecryptOptions } from './cobblestone-options.js';
import {
  AEAD_NONCE_BYTES, AEAD_TAG_BYTES, COBBLESTONE_CHUNK_BYTES, COBBLESTONE_HEADER_BYTES,
  COBBLESTONE_SALT_BYTES, COBBLESTONE_SEALED_CHUNK_BYTES,
} from './constants.js';
import { FormatError, formatErrors } from './format-error.js';

/** Chunk count and sealed size of a message whose plaintext length is known. */
export function cobblestoneLayout(plaintextLength: number): { chunks: number; lastChunkBytes: number; sealedBytes: number } {
  // The last chunk is always short, so a multiple of 16 KiB ends with an empty chunk.
  const chunks = Math.floor(plaintextLength / COBBLESTONE_CHUNK_BYTES) + 1;
  const lastChunkBytes = plaintextLength - (chunks - 1) * COBBLESTONE_CHUNK_BYTES;
  const sealedBytes = COBBLESTONE_HEADER_BYTES + plaintextLength + chunks * AEAD_TAG_BYTES;
  return { chunks, lastChunkBytes, sealedBytes };
}

export class CobblestoneDecryptor {
  private readonly header = new Uint8Array(COBBLESTONE_HEADER_BYTES);
  private headerFill = 0;
  private keys: CobblestoneKeys | undefined;
  private backend: AeadBackend | undefined;
  private readonly queue: ChunkQueue;
  private readonly stage = new Uint8Array(COBBLESTONE_SEALED_CHUNK_BYTES);
  private readonly nonce = new Uint8Array(AEAD_NONCE_BYTES);
  private staged = 0;
  private index = 0;
  /** Known-length mode: index and sealed size of the last chunk. */
  private readonly lastIndex: number | undefined;
  private readonly lastSealedBytes: number = 0;
  private lastSubmitted = false;
  private received = 0;
  private finished = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly inputKey: Uint8Array,
    private readonly context: Uint8Array,
    private readonly options: CobblestoneDecryptOptions,
    emit: Emit,
  ) {
    checkInputKey(inputKey);
    checkLength(options.plaintextLength, 'The plaintext length');
    if (options.plaintextLength !== undefined) {
      const layout = cobblestoneLayout(options.plaintextLength);
      this.lastIndex = layout.chunks - 1;
      this.lastSealedBytes = layout.lastChunkBytes + AEAD_TAG_BYTES;
    }
    this.queue = new ChunkQueue(emit, formatErrors.chunkAuth, options.chunksInFlight);
  }

  async push(data: Uint8Array): Promise<void> {
    this.checkOpen();
    try {
      this.received += data.length;
      let offset = 0;
      if (!this.keys) {
        offset = Math.min(COBBLESTONE_HEADER_BYTES - this.headerFill, data.length);
        this.header.set(data.subarray(0, offset), this.headerFill);
        this.headerFill += offset;
        if (this.headerFill < COBBLESTONE_HEADER_BYTES) return;
        await this.commit();
      }
      if (this.lastIndex === undefined) await this.pushUnknownLength(data, offset);
      else await this.pushKnownLength(data, offset);
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  async finish(): Promise<void> {
    this.checkOpen();
    try {
      await this.finishChunks();
      this.finished = true;
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  private async finishChunks(): Promise<void> {
    if (!this.keys) {
      throw formatErrors.truncated(`its encrypted part ends after ${this.received} bytes, inside the ${COBBLESTONE_HEADER_BYTES}-byte salt and commitment`);
    }
    if (this.lastIndex !== undefined) {
      await this.queue.drain();
      if (!this.lastSubmitted) {
        const expected = cobblestoneLayout(this.options.plaintextLength ?? 0).sealedBytes;
        throw formatErrors.truncated(`its encrypted part stops after ${this.received} of the ${expected} bytes its stored length implies (or the length given is wrong)`);
      }
      return;
    }
    if (this.staged === COBBLESTONE_SEALED_CHUNK_BYTES) {
      // A message can't end on a full chunk: the last chunk is always short (maybe empty). Release
      // the held chunk if it is authentic, then report the missing end.
      await this.openChunk(this.stage);
      await this.queue.drain();
      throw formatErrors.truncated('it ends on a full chunk, so its final chunk is missing');
    }
    if (this.staged < AEAD_TAG_BYTES) {
      await this.queue.drain();
      throw formatErrors.truncated(this.index === 0 && this.staged === 0
        ? 'it holds no chunks at all'
        : `its last ${this.staged} bytes are too short to be a chunk`);
    }
    await this.openChunk(this.stage.subarray(0, this.staged));
    await this.queue.drain();
  }

  private async commit(): Promise<void> {
    this.backend = await resolveBackend(this.options.backend);
    this.keys = await deriveAndCommit(
      this.backend, this.inputKey, this.header.subarray(0, COBBLESTONE_SALT_BYTES),
      this.header.subarray(COBBLESTONE_SALT_BYTES), this.context);
  }

  private async pushUnknownLength(data: Uint8Array, start: number): Promise<void> {
    let offset = start;
    while (offset < data.length) {
      if (this.staged === COBBLESTONE_SEALED_CHUNK_BYTES) {
        // More bytes follow the held full chunk, so it is not the last one.
        await this.openChunk(this.stage);
        this.staged = 0;
      } else if (this.staged === 0 && data.length - offset > COBBLESTONE_SEALED_CHUNK_BYTES) {
        await this.openChunk(data.subarray(offset, offset + COBBLESTONE_SEALED_CHUNK_BYTES));
        offset += COBBLESTONE_SEALED_CHUNK_BYTES;
      } else {
        // Held bytes are copied: the caller may reuse its buffer once push() resolves.
        const n = Math.min(COBBLESTONE_SEALED_CHUNK_BYTES - this.staged, data.length - offset);
        this.stage.set(data.subarray(offset, offset + n), this.staged);
        this.staged += n;
        offset += n;
      }
    }
  }

  private async pushKnownLength(data: Uint8Array, start: number): Promise<void> {
    let offset = start;
    while (offset < data.length) {
      if (this.lastSubmitted) {
        // Report problems in stream order: a damaged earlier chunk outranks the extra bytes.
        await this.queue.drain();
        const expected = cobblestoneLayout(this.options.plaintextLength ?? 0).sealedBytes;
        throw formatErrors.trailingData(`${this.received - expected} bytes past the ${expected} its stored length implies`);
      }
      const need = this.index === this.lastIndex ? this.lastSealedBytes : COBBLESTONE_SEALED_CHUNK_BYTES;
      if (this.staged === 0 && data.length - offset >= need) {
        await this.openChunk(data.subarray(offset, offset + need));
        offset += need;
        continue;
      }
      const n = Math.min(need - this.staged, data.length - offset);
      this.stage.set(data.subarray(offset, offset + n), this.staged);
      this.staged += n;
      offset += n;
      if (this.staged === need) {
        await this.openChunk(this.stage.subarray(0, need));
        this.staged = 0;
      }
    }
  }

  private async openChunk(sealed: Uint8Array): Promise<void> {
    const keys = this.keys;
    const backend = this.backend;
    if (!keys || !backend) throw new Error('openChunk before the commitment check');
    const index = this.index++;
    if (index === this.lastIndex) this.lastSubmitted = true;
    const nonce = chunkNonce(keys.baseNonce, index, this.nonce);
    this.queue.add(index, backend.open(keys.aeadKey, nonce, sealed));
    await this.queue.makeRoom();
  }

  private checkOpen(): void {
    if (this.failure) throw this.failure.error;
    if (this.finished) throw new FormatError('bad-parameters', 'This decryption stream has already finished.');
  }
}
