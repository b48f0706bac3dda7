// The PostgreSQL connection pool of one relay instance (porsager's `postgres`): parses the
// `--meta postgres://…` URL, maps BIGINT and NUMERIC columns to JS numbers (byte counts and
// millisecond times stay far below 2^53), and selects the schema named by `?schema=` (tests give each
// suite a fresh one; production uses the default `public`). Connections are opened lazily.
import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type Tx = postgres.TransactionSql<Record<string, unknown>>;
export type Row = Record<string, unknown>;

const asNumber = { to: 20, from: [20, 1700], serialize: (x: number) => String(x), parse: (x: string) => Number(x) };

export interface PgOptions {
  /** Pool size per instance (default 10). */
  max?: number;
}

/** Splits `?schema=NAME` off the URL; the rest goes to the driver as it is. */
export function parsePgUrl(url: string): { url: string; schema: string | null } {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('--meta takes a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL');
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error('?schema= must be a lower-case SQL identifier');
  return { url: u.toString(), schema };
}

export function openPool(url: string, options: PgOptions = {}): Sql {
  const parsed = parsePgUrl(url);
  return postgres(parsed.url, {
    max: options.max ?? 10,
    idle_timeout: 60,
    connect_timeout: 10,
    onnotice: () => undefined,
    types: { bigint: asNumber },
    ...(parsed.schema ? { connection: { search_path: parsed.schema } } : {}),
  }) as unknown as Sql;
}

/** Creates the schema the URL names (if any) before the pool's first real query. */
export async function ensureSchema(sql: Sql, url: string): Promise<void> {
  const { schema } = parsePgUrl(url);
  if (schema) await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
}

// [Note: Store unavailable] Errors that mean "the metadata store can't be reached right now" (the
// server went away mid-request, refused the connection, was shut down or restarted) as opposed to a
// bug: http/errors.ts answers them 503 store_unavailable, so a client retries instead of reporting
// a relay failure. Nothing was changed: a transaction cut short is rolled back by PostgreSQL.
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
  '53300', // too_many_connections
]);

export function isPgUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** Unique-violation (23505) on the named constraint or any, when `constraint` is omitted. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; constraint_name?: unknown } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint_name === constraint);
}
