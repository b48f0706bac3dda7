// Rate limits shared by every relay instance on one PostgreSQL: the fixed windows of
// auth/rate-limiter.ts kept in the `rate_windows` table, each hit one atomic upsert, so a login
// limit holds however a load balancer spreads the attempts. A hit over the limit still counts (the
// memory limiter doesn't), which changes nothing a client sees: the window and its end stay the same.
import { type RateLimits, rateLimited } from '../../auth/rate-limiter.js';
import type { RateRule } from '../../config.js';
import type { Sql } from './connection.js';

/** Windows older than this are deleted by the sweeper (no rule has a longer window). */
const PRUNE_AFTER_MS = 24 * 60 * 60_000;

export class PgRateLimits implements RateLimits {
  constructor(private readonly sql: Sql, private readonly now: () => number) {}

  private async add(key: string, rule: RateRule): Promise<{ start: number; count: number }> {
    const now = this.now();
    const [row] = await this.sql`INSERT INTO rate_windows (key, start_at, count) VALUES (${key}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${now}::bigint - rate_windows.start_at >= ${rule.windowMs}::bigint THEN 1 ELSE rate_windows.count + 1 END,
        start_at = CASE WHEN ${now}::bigint - rate_windows.start_at >= ${rule.windowMs}::bigint THEN ${now}::bigint ELSE rate_windows.start_at END
      RETURNING start_at, count`;
    return { start: row.start_at as number, count: row.count as number };
  }

  async hit(key: string, rule: RateRule): Promise<void> {
    const w = await this.add(key, rule);
    if (w.count > rule.limit) throw rateLimited(w.start, rule, this.now());
  }

  async check(key: string, rule: RateRule): Promise<void> {
    const now = this.now();
    const [row] = await this.sql`SELECT start_at, count FROM rate_windows WHERE key = ${key}`;
    if (!row || now - (row.start_at as number) >= rule.windowMs) return;
    if ((row.count as number) >= rule.limit) throw rateLimited(row.start_at as number, rule, now);
  }

  async count(key: string, rule: RateRule): Promise<void> {
    await this.add(key, rule);
  }

  async prune(): Promise<void> {
    await this.sql`DELETE FROM rate_windows WHERE start_at < ${this.now() - PRUNE_AFTER_MS}`;
  }
}
