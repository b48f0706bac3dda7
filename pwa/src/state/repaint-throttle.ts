// Transfer progress arrives as often as the worker reports it (every part, every batch); repainting a
// page for each report cost a 1 GiB transfer a good part of a core on the main thread, which the
// transfer itself needed. A RepaintThrottle paints at most once per interval, and always paints the
// last report (a trailing paint), so the final figures show even when they came in a burst.

/** How often transfer progress repaints, at most: often enough for a moving bar and speed. */
export const PROGRESS_REPAINT_MS = 200;

export class RepaintThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPaint = -Infinity;

  constructor(
    private readonly paint: () => void,
    private readonly intervalMs = PROGRESS_REPAINT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Asks for a paint: at the next turn of the event loop if the last one is an interval old, else once that interval is over. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastPaint + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastPaint = this.now();
      this.paint();
    }, wait);
  }

  /** Drops a paint not yet made (the view is going away, or is about to paint the end state itself). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
