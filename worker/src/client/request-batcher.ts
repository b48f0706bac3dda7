// Coalesces calls made close together into one request: each `add` waits in a queue, and whatever has
// queued goes out as one batch as soon as a request slot is free. See [Note: Batching without a timer].
// Used for small blobs (POST /blobs/batch) and new node records (POST /nodes/batch) when many files are
// sent at once, as a folder sync does.

/*
 * [Note: Batching without a timer]
 * No batch waits for company: the first call goes out on the next turn of the event loop, alone if it
 * is alone. While requests are in flight the next calls queue up, and when a slot frees they all go
 * together. So one file costs what it did before, and many files sent concurrently share requests in
 * proportion to how many wait, with nothing to tune. A batch fails or succeeds as a whole: every call in
 * it gets the same error.
 */

export interface BatchLimits {
  /** Calls per request. */
  maxItems: number;
  /** Sum of the calls' weights per request (a single heavier call still goes, alone). */
  maxWeight: number;
  /** Requests at once. */
  inFlight: number;
}

interface Waiting<I, O> {
  item: I;
  weight: number;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export class RequestBatcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private flying = 0;
  private scheduled = false;

  constructor(
    /** Sends one batch; answers one result per item, in order. */
    private readonly send: (items: I[]) => Promise<O[]>,
    private readonly limits: BatchLimits,
    private readonly weigh: (item: I) => number = () => 1,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, weight: this.weigh(item), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.flying >= this.limits.inFlight) return;
    this.scheduled = true;
    // The next turn, so calls made in the same turn (a burst of ready files) share the first request.
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, 0);
  }

  private flush(): void {
    while (this.queue.length > 0 && this.flying < this.limits.inFlight) {
      let weight = this.queue[0].weight;
      let count = 1;
      while (count < this.queue.length && count < this.limits.maxItems && weight + this.queue[count].weight <= this.limits.maxWeight) {
        weight += this.queue[count++].weight;
      }
      const batch = this.queue.splice(0, count);
      this.flying++;
      this.sendBatch(batch).finally(() => {
        this.flying--;
        this.schedule();
      });
    }
  }

  private async sendBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.send(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} got ${results.length} answers.`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
