// Ordered release of pipelined chunk operations ([Note: Chunks in flight] in constants.ts): each
// AEAD call writes into its slot of a batch buffer; whole batches are emitted strictly in chunk
// order, and an authentication failure releases only the intact chunks before it.
import { CHUNKS_PER_BATCH, DEFAULT_CHUNKS_IN_FLIGHT } from './constants.js';

/** Where a chunk layer delivers its output; a returned promise is awaited (backpressure). */
export type Emit = (bytes: Uint8Array) => void | Promise<void>;

interface PendingChunk {
  chunkIndex: number;
  start: number;
  /** Resolves true when the chunk's slot holds its verified result, false on authentication failure. */
  done: Promise<boolean>;
}

interface Batch {
  buffer: Uint8Array;
  used: number;
  chunks: PendingChunk[];
}

const ignore = (): void => undefined;

export class ChunkBatches {
  private readonly slotsPerBatch: number;
  private readonly maxInFlight: number;
  private current: Batch | undefined;
  private readonly closed: Batch[] = [];
  private pending = 0;

  constructor(
    private readonly slotBytes: number,
    private readonly emit: Emit,
    private readonly failure: (chunkIndex: number) => Error,
    maxInFlight = DEFAULT_CHUNKS_IN_FLIGHT,
  ) {
    this.maxInFlight = Math.max(1, Math.floor(maxInFlight));
    this.slotsPerBatch = Math.min(CHUNKS_PER_BATCH, this.maxInFlight);
  }

  /** The output view for the next chunk; pass its length to `add` with the operation filling it. */
  slot(length: number): Uint8Array {
    // A fresh buffer per batch: once emitted it belongs to the stream's reader and can't be reused.
    this.current ??= { buffer: new Uint8Array(this.slotBytes * this.slotsPerBatch), used: 0, chunks: [] };
    return this.current.buffer.subarray(this.current.used, this.current.used + length);
  }

  add(chunkIndex: number, length: number, done: Promise<boolean>): void {
    const batch = this.current;
    if (!batch) throw new Error('ChunkBatches.add called without a slot');
    // Settled in order later; if the stream is abandoned first, a rejection must not go unhandled.
    done.catch(ignore);
    batch.chunks.push({ chunkIndex, start: batch.used, done });
    batch.used += length;
    this.pending++;
    if (batch.chunks.length === this.slotsPerBatch) {
      this.closed.push(batch);
      this.current = undefined;
    }
  }

  /** Releases the oldest batches until no more than the in-flight limit is pending. */
  async makeRoom(): Promise<void> {
    while (this.pending > this.maxInFlight) await this.releaseOldest();
  }

  /** Releases everything, in order. */
  async drain(): Promise<void> {
    if (this.current) { this.closed.push(this.current); this.current = undefined; }
    while (this.closed.length > 0) await this.releaseOldest();
  }

  private async releaseOldest(): Promise<void> {
    let batch = this.closed.shift();
    if (!batch) { batch = this.current; this.current = undefined; }
    if (!batch) return;
    this.pending -= batch.chunks.length;
    for (const chunk of batch.chunks) {
      if (!(await chunk.done)) {
        // Chunks before the failing one are authentic and in order: the valid prefix may go out.
        if (chunk.start > 0) await this.emit(batch.buffer.subarray(0, chunk.start));
        throw this.failure(chunk.chunkIndex);
      }
    }
    if (batch.used > 0) await this.emit(batch.buffer.subarray(0, batch.used));
  }
}
