// Progress for a batch of transfers: per-item and total bytes, speed over a sliding window (so one
// stall or burst does not swing the estimate), and time left. Time is passed in, so it is testable.
export interface ItemProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly state: 'queued' | 'active' | 'done' | 'failed' | 'cancelled';
}

export interface ProgressSummary {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** 0…1. */
  readonly fraction: number;
  /** Bytes per second over the window; 0 until two samples exist. */
  readonly speed: number;
  /** Seconds left at the current speed; null when unknown. */
  readonly secondsLeft: number | null;
  readonly done: number;
  readonly failed: number;
}

export const speedWindowMs = 5000;

export class TransferProgress {
  private readonly items: ItemProgress[];
  private readonly samples: { t: number; bytes: number }[] = [];

  constructor(sizes: readonly number[]) {
    this.items = sizes.map((s) => ({ bytesDone: 0, bytesTotal: s, state: 'queued' }));
  }

  item(i: number): ItemProgress { return this.items[i]; }
  get count(): number { return this.items.length; }

  update(i: number, bytesDone: number, state: ItemProgress['state'], now: number): void {
    const it = this.items[i];
    if (!it) return;
    // Progress never goes backwards on screen, even if a part is retried.
    this.items[i] = { bytesTotal: it.bytesTotal, bytesDone: Math.min(it.bytesTotal, Math.max(it.bytesDone, bytesDone)), state };
    this.sample(now);
  }

  /** Marks every unfinished item cancelled. */
  cancel(now: number): void {
    this.items.forEach((it, i) => { if (it.state === 'queued' || it.state === 'active') this.items[i] = { ...it, state: 'cancelled' }; });
    this.sample(now);
  }

  private sample(now: number): void {
    const bytes = this.items.reduce((s, it) => s + it.bytesDone, 0);
    const last = this.samples[this.samples.length - 1];
    if (last && last.t === now) last.bytes = bytes; else this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[1].t > speedWindowMs) this.samples.shift();
  }

  summary(now: number): ProgressSummary {
    let bytesDone = 0, bytesTotal = 0, done = 0, failed = 0;
    for (const it of this.items) {
      bytesDone += it.bytesDone;
      bytesTotal += it.bytesTotal;
      if (it.state === 'done') done++;
      if (it.state === 'failed') failed++;
    }
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    let speed = 0;
    if (first && last && last.t > first.t) {
      // A long silence since the last sample means the transfer stalled: let the speed decay.
      const span = Math.max(last.t, Math.min(now, last.t + speedWindowMs)) - first.t;
      speed = ((last.bytes - first.bytes) / span) * 1000;
    }
    const remaining = bytesTotal - bytesDone;
    const secondsLeft = remaining === 0 ? 0 : speed > 0 ? remaining / speed : null;
    return { bytesDone, bytesTotal, fraction: bytesTotal ? bytesDone / bytesTotal : done === this.items.length ? 1 : 0, speed, secondsLeft, done, failed };
  }
}
