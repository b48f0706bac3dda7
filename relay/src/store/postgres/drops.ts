// PostgreSQL repository for drops (anonymous upload slots of an account) and the items that arrive
// (the SQLite twin is sqlite/drops.ts). Adding an item locks the drop row, so the item cap holds
// across instances.
import type { DropStore } from '../meta-store.js';
import { toDrop, toUpload } from '../sqlite/rows.js';
import type { Sql } from './connection.js';
import { PG_DROP_USAGE_SQL } from './usage.js';

export function dropsRepo(sql: Sql): DropStore {
  return {
    async createDrop(d) {
      const inserted = await sql`INSERT INTO drops (id, account_id, token_hash, info, public_info, created_at, expires_at, size_cap, closed_at)
        VALUES (${d.id}, ${d.accountId}, ${Buffer.from(d.tokenHash)}, ${d.info ? Buffer.from(d.info) : null},
          ${d.publicInfo ? Buffer.from(d.publicInfo) : null}, ${d.createdAt}, ${d.expiresAt}, ${d.sizeCap}, ${d.closedAt})
        ON CONFLICT (id) DO NOTHING`;
      return inserted.count === 1 ? 'ok' : 'id_taken';
    },
    async getDrop(id) {
      const [row] = await sql`SELECT * FROM drops WHERE id = ${id}`;
      return row ? toDrop(row) : null;
    },
    async listDrops(accountId) {
      return (await sql`SELECT * FROM drops WHERE account_id = ${accountId} ORDER BY created_at`).map(toDrop);
    },
    async closeDrop(accountId, id, now) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM drops WHERE id = ${id} AND account_id = ${accountId} FOR UPDATE`).length) return null;
        const uploads = (await tx`SELECT * FROM uploads WHERE drop_id = ${id}`).map(toUpload);
        await tx`UPDATE drops SET closed_at = COALESCE(closed_at, ${now}) WHERE id = ${id}`;
        await tx`UPDATE blobs SET drop_id = NULL WHERE drop_id = ${id}`;
        await tx`DELETE FROM uploads WHERE drop_id = ${id}`;
        return { uploads };
      });
    },
    async deleteDrop(accountId, id) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM drops WHERE id = ${id} AND account_id = ${accountId} FOR UPDATE`).length) return null;
        const blobIds = (await tx`DELETE FROM blobs WHERE drop_id = ${id} RETURNING id`).map((r) => r.id as string);
        const uploads = (await tx`DELETE FROM uploads WHERE drop_id = ${id} RETURNING *`).map(toUpload);
        await tx`DELETE FROM drops WHERE id = ${id}`;
        return { blobIds, uploads };
      });
    },
    async addDropItem(item, maxItems) {
      return sql.begin(async (tx) => {
        await tx`SELECT 1 FROM drops WHERE id = ${item.dropId} FOR UPDATE`;
        const [count] = await tx`SELECT COUNT(*)::int AS n FROM drop_items WHERE drop_id = ${item.dropId}`;
        if ((count.n as number) >= maxItems) return 'too_many' as const;
        for (const blobId of item.blobIds) {
          if (!(await tx`SELECT 1 FROM blobs WHERE id = ${blobId} AND drop_id = ${item.dropId}`).length) return 'blob_not_in_drop' as const;
        }
        await tx`INSERT INTO drop_items (id, drop_id, record, blob_ids, created_at)
          VALUES (${item.id}, ${item.dropId}, ${Buffer.from(item.record)}, ${JSON.stringify(item.blobIds)}, ${item.createdAt})`;
        return 'ok' as const;
      });
    },
    async listDropItems(dropId) {
      return (await sql`SELECT * FROM drop_items WHERE drop_id = ${dropId} ORDER BY created_at, id`).map((r) => ({
        id: r.id as string, dropId: r.drop_id as string, record: r.record as Buffer,
        blobIds: JSON.parse(r.blob_ids as string) as string[], createdAt: r.created_at as number,
      }));
    },
    async dropUsage(dropId) {
      return ((await sql.unsafe(PG_DROP_USAGE_SQL, [dropId]))[0].usage as number);
    },
  };
}
