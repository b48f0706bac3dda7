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
  /** The chunk's result, or null when it failed authentication; as it is where the backend had it at once. */
  result: Promise<ChunkOutput | null> | ChunkOutput;
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

  add(chunkIndex: number, result: Promise<ChunkOutput | null> | ChunkOutput): void {
    // Settled in order later; if the stream is abandoned first, a rejection must not go unhandled.
    if (result instanceof Promise) result.catch(ignore);
    this.pending.push({ chunkIndex, result });
  }

  /** True when makeRoom() has chunks to release (callers skip its await otherwise: one per 16 KiB chunk). */
  get full(): boolean {
    return this.pending.length >= this.maxInFlight;
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
    const output = chunk.result instanceof Promise ? await chunk.result : chunk.result;
    // Everything before this chunk has already gone out: exactly the authenticated prefix.
    if (output === null) throw this.failure(chunk.chunkIndex);
    if (output instanceof Uint8Array) return this.send(output);
    for (const piece of output) await this.send(piece);
  }

  /** Emits one piece, waiting only when the sink asks to (an await per piece costs a turn each). */
  private async send(piece: Uint8Array): Promise<void> {
    if (piece.length === 0) return;
    const pushback = this.emit(piece);
    if (pushback) await pushback;
  }
}
