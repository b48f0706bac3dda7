// Reads a request body a given number of bytes at a time (a framed body: header first, then what it
// announces), holding only the bytes asked for and the one chunk that arrived last.
import type { Readable } from 'node:stream';

export class ExactReader {
  private readonly chunks: AsyncIterator<unknown>;
  private pending: Buffer = Buffer.alloc(0);

  constructor(body: Readable) {
    this.chunks = body[Symbol.asyncIterator]();
  }

  /** Exactly `n` bytes, or null when the body ends first. A failing body (client gone) rejects. */
  async read(n: number): Promise<Buffer | null> {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      if (this.pending.length === 0 && !(await this.pull())) return null;
      const take = Math.min(n - filled, this.pending.length);
      this.pending.copy(out, filled, 0, take);
      this.pending = this.pending.subarray(take);
      filled += take;
    }
    return out;
  }

  /** Whether the body has ended (no byte beyond what was read). */
  async atEnd(): Promise<boolean> {
    return this.pending.length === 0 && !(await this.pull());
  }

  /**
   * Reads and drops the rest of the body, at most `max` bytes; false when more remained (the caller
   * then lets the connection close). See [Note: Answering before the body is read].
   */
  async skipRest(max: number): Promise<boolean> {
    let skipped = this.pending.length;
    this.pending = Buffer.alloc(0);
    while (skipped <= max) {
      if (!(await this.pull())) return true;
      skipped += this.pending.length;
      this.pending = Buffer.alloc(0);
    }
    return false;
  }

  private async pull(): Promise<boolean> {
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) return false;
      const chunk = next.value as Uint8Array | string;
      this.pending = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (this.pending.length > 0) return true;
    }
  }
}
