// A weighted semaphore: holders' weights add up to at most `size`, the rest wait in arrival order (a
// heavy waiter at the head holds back lighter ones behind it, so none starves). Weight 1 each makes it
// a counting semaphore; a weight above `size` counts as `size`, so it still goes, alone.
export class Slots {
  private free: number;
  private readonly waiting: { weight: number; go: () => void }[] = [];

  constructor(private readonly size: number) {
    this.size = Math.max(1, Math.floor(size));
    this.free = this.size;
  }

  /** Runs `op` once `weight` is free, and frees it after. */
  async with<T>(op: () => Promise<T>, weight = 1): Promise<T> {
    const held = Math.min(this.size, Math.max(1, Math.ceil(weight)));
    if (this.waiting.length === 0 && this.free >= held) this.free -= held;
    else await new Promise<void>((go) => this.waiting.push({ weight: held, go }));
    try {
      return await op();
    } finally {
      this.free += held;
      while (this.waiting.length > 0 && this.free >= this.waiting[0].weight) {
        const next = this.waiting.shift()!;
        this.free -= next.weight;
        next.go();
      }
    }
  }
}
