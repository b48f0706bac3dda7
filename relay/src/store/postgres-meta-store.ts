// The scale-out metadata store: PostgreSQL through a connection pool, the same MetaStore interface as
// the embedded SQLite store (sqlite-meta-store.ts), with versioned migrations (postgres/migrations.ts).
// Every multi-row operation is one transaction; compare-and-swap and quota checks lock the account
// row, so any number of relay instances can share one database. Selected with `--meta postgres://…`.
import type { MetaStore } from './meta-store.js';
import { accountsRepo, settingsRepo } from './postgres/accounts.js';
import { blobsRepo } from './postgres/blobs.js';
import { type PgOptions, type Sql, ensureSchema, openPool } from './postgres/connection.js';
import { devicesRepo, sessionsRepo } from './postgres/devices.js';
import { dropsRepo } from './postgres/drops.js';
import { migrate } from './postgres/migrations.js';
import { nodesRepo } from './postgres/nodes.js';
import { sharesRepo } from './postgres/shares.js';

export interface PostgresMetaStore extends MetaStore {
  /** The pool, for the live-event bus and shared rate limits of the same instance. */
  readonly sql: Sql;
  /** The `--meta` URL it was opened with (its `?schema=` names the live-event channel). */
  readonly url: string;
}

export function isPostgresMetaStore(meta: MetaStore): meta is PostgresMetaStore {
  return typeof (meta as Partial<PostgresMetaStore>).sql === 'function' && typeof (meta as Partial<PostgresMetaStore>).url === 'string';
}

export async function openPostgresMetaStore(url: string, options: PgOptions = {}): Promise<PostgresMetaStore> {
  const sql = openPool(url, options);
  try {
    await ensureSchema(sql, url);
    await migrate(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  let closed = false;
  return {
    sql,
    url,
    ...settingsRepo(sql),
    ...accountsRepo(sql),
    ...sessionsRepo(sql),
    ...devicesRepo(sql),
    ...nodesRepo(sql),
    ...blobsRepo(sql),
    ...sharesRepo(sql),
    ...dropsRepo(sql),
    async purgeExpired(now) {
      await sql.begin(async (tx) => {
        await tx`DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ${now}`;
        await tx`DELETE FROM pairings WHERE expires_at <= ${now}`;
        await tx`DELETE FROM share_tickets WHERE expires_at <= ${now}`;
        await tx`DELETE FROM invites WHERE used_at IS NULL AND expires_at <= ${now}`;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}
