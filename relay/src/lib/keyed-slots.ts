// Slots for work that holds memory, at most `perKey` at once for one key (an account) and `total` at
// once in all; a caller beyond either waits its turn, first come first served. The relay takes one before
// it reads a blob batch's bytes into memory (services/blob-batch.ts): a waiting request's body stays in
// the socket, so one account sending many batches at once costs the relay at most `perKey` batches of
// memory and cannot hold all of `total`.

export class KeyedSlots {
  private readonly busy = new Map<string, number>();
  private running = 0;
  private readonly queue: { key: string; start: () => void }[] = [];

  constructor(private readonly perKey: number, private readonly total: number) {}

  /** Resolves when `key` may start; call the returned function once when done. */
  acquire(key: string): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({ key, start: () => resolve(this.releaser(key)) });
      this.startWaiting();
    });
  }

  /** Slots in use for `key` (for tests and status). */
  inUse(key: string): number {
    return this.busy.get(key) ?? 0;
  }

  private releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.busy.get(key) ?? 1) - 1;
      if (left === 0) this.busy.delete(key); else this.busy.set(key, left);
      this.startWaiting();
    };
  }

  /** Starts, in order, every waiter whose key has a free slot while any slot is free. */
  private startWaiting(): void {
    for (let i = 0; i < this.queue.length && this.running < this.total;) {
      const waiter = this.queue[i];
      if ((this.busy.get(waiter.key) ?? 0) >= this.perKey) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running++;
      this.busy.set(waiter.key, (this.busy.get(waiter.key) ?? 0) + 1);
      waiter.start();
    }
  }
}
