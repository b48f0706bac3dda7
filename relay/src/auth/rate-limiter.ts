// In-memory fixed-window counters keyed by purpose + IP or account, owned by one app instance (no
// module state). A request over the limit gets 429 with `Retry-After` in whole seconds. Several relay
// instances on one PostgreSQL share their counts instead (store/postgres/rate-limits.ts), behind the
// same `RateLimits` interface.
import type { RateRule } from '../config.js';
import { HttpError } from '../http/http-error.js';

/** What the routes use: this class, or the PostgreSQL-backed one shared by every instance. */
export interface RateLimits {
  /** Counts one hit; throws 429 when the key already used its limit in this window. */
  hit(key: string, rule: RateRule): void | Promise<void>;
  /** Throws 429 when the key is over its limit, without counting. */
  check(key: string, rule: RateRule): void | Promise<void>;
  /** Counts without checking. */
  count(key: string, rule: RateRule): void | Promise<void>;
  /** Drops windows that ended long ago. */
  prune(): void | Promise<void>;
}

/** The 429 for a window that started at `start`. */
export function rateLimited(start: number, rule: RateRule, now: number): HttpError {
  const seconds = Math.max(1, Math.ceil((start + rule.windowMs - now) / 1000));
  return new HttpError(429, 'rate_limited', `Too many attempts; try again in ${seconds} s.`, { retryAfter: seconds }, { 'Retry-After': String(seconds) });
}

interface Window { start: number; count: number }

export class RateLimiter implements RateLimits {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly now: () => number) {}

  /** Counts one hit; throws 429 when the key already used its limit in this window. */
  hit(key: string, rule: RateRule): void {
    const w = this.current(key, rule);
    if (w.count >= rule.limit) throw this.limited(w, rule);
    w.count += 1;
  }

  /** Throws 429 when the key is over its limit, without counting (e.g. before a slow check). */
  check(key: string, rule: RateRule): void {
    const w = this.current(key, rule);
    if (w.count >= rule.limit) throw this.limited(w, rule);
  }

  /** Counts without checking (e.g. one failed login). */
  count(key: string, rule: RateRule): void {
    this.current(key, rule).count += 1;
  }

  /** Drops windows that ended; called by the sweeper so the map can't grow without bound. */
  prune(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (now - w.start > 24 * 60 * 60_000) this.windows.delete(key);
  }

  private current(key: string, rule: RateRule): Window {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= rule.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  private limited(w: Window, rule: RateRule): HttpError {
    return rateLimited(w.start, rule, this.now());
  }
}
