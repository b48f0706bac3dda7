// Ordered release of pipelined chunk operations ([Note: Chunks in flight] in constants.ts): up to
// N AEAD calls run at once; results leave strictly in chunk order, each as the buffer(s) the backend
// returned (no copying, no batch buffers: fresh allocations are what costs most on slow machines),
// and an authentication failure releases only the intact chunks before it.
import { DEFAULT_CHUNKS_IN_FLIGHT } from './constants.js';

/** Where a chunk layer delivers its output; a returned promise is awaited (backpressure). */
export type Emit = (bytes: Uint8Array) => void | Promise<void>;

/** A chunk's output: one buffer, or pieces emitted in order (a sealed chunk's ciphertext and tag). */
export type ChunkOutput = Uint8Array | readonly Uint8Array[];

interface PendingChunk {
  chunkIndex: number;
  /** The chunk's result, or null when it failed authentication. */
  result: Promise<ChunkOutput | null>;
}

const ignore = (): void => undefined;

export class ChunkQueue {
  private readonly maxInFlight: number;
  private readonly pending: PendingChunk[] = [];

  constructor(
    private readonly emit: Emit,
    private readonly failure: (chunkIndex: number) => Error,
    maxInFlight = DEFAULT_CHUNKS_IN_FLIGHT,
  ) {
    this.maxInFlight = Math.max(1, Math.floor(maxInFlight));
  }

  add(chunkIndex: number, result: Promise<ChunkOutput | null>): void {
    // Settled in order later; if the stream is abandoned first, a rejection must not go unhandled.
    result.catch(ignore);
    this.pending.push({ chunkIndex, result });
  }

  /** Releases the oldest chunks until fewer than the in-flight limit are pending. */
  async makeRoom(): Promise<void> {
    while (this.pending.length >= this.maxInFlight) await this.releaseOldest();
  }

  /** Releases everything, in order. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.releaseOldest();
  }

  private async releaseOldest(): Promise<void> {
    const chunk = this.pending.shift();
    if (!chunk) return;
    const output = await chunk.result;
    // Everything before this chunk has already gone out: exactly the authenticated prefix.
    if (output === null) throw this.failure(chunk.chunkIndex);
    for (const piece of output instanceof Uint8Array ? [output] : output) if (piece.length > 0) await this.emit(piece);
  }
}
