// PostgreSQL repository for committed blobs and the upload sessions that become them (the SQLite
// twin is sqlite/blobs.ts). Creating an upload locks the account row (and the drop's), so two
// instances can't both fit an upload into the same free quota; every write that inserts rows locks
// the account row first ([Note: Usage lock order] in usage.ts).
import type { BlobMetaStore } from '../meta-store.js';
import { toBlob, toUpload } from '../sqlite/rows.js';
import type { Sql } from './connection.js';
import { PG_DROP_USAGE_SQL, PG_USAGE_SQL } from './usage.js';

export function blobsRepo(sql: Sql): BlobMetaStore {
  return {
    async createUpload(u, limits) {
      return sql.begin(async (tx) => {
        await tx`SELECT 1 FROM accounts WHERE id = ${u.accountId} FOR UPDATE`;
        if (u.dropId !== null) await tx`SELECT 1 FROM drops WHERE id = ${u.dropId} FOR UPDATE`;
        if ((await tx`SELECT 1 FROM uploads WHERE id = ${u.id} UNION ALL SELECT 1 FROM blobs WHERE id = ${u.id}`).length) return 'id_taken' as const;
        const [usage] = await tx.unsafe(`SELECT ${PG_USAGE_SQL} AS usage FROM accounts a WHERE a.id = $1`, [u.accountId]);
        const used = (usage?.usage as number | undefined) ?? 0;
        if (used + u.size > limits.quota) return 'quota_exceeded' as const;
        if (u.dropId !== null && limits.dropCap !== null) {
          const [inDrop] = await tx.unsafe(PG_DROP_USAGE_SQL, [u.dropId]);
          if ((inDrop.usage as number) + u.size > limits.dropCap) return 'drop_full' as const;
        }
        await tx`INSERT INTO uploads (id, account_id, drop_id, size, part_size, part_count, handle, created_at, expires_at)
          VALUES (${u.id}, ${u.accountId}, ${u.dropId}, ${u.size}, ${u.partSize}, ${u.partCount}, ${u.handle}, ${u.createdAt}, ${u.expiresAt})`;
        return 'ok' as const;
      });
    },
    async getUpload(id) {
      const [row] = await sql`SELECT * FROM uploads WHERE id = ${id}`;
      return row ? toUpload(row) : null;
    },
    async listUploads(accountId) {
      return (await sql`SELECT * FROM uploads WHERE account_id = ${accountId} ORDER BY created_at`).map(toUpload);
    },
    async recordPart(id, part, expiresAt) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM uploads WHERE id = ${id} FOR UPDATE`).length) return false;
        await tx`INSERT INTO upload_parts (upload_id, idx, size, tag) VALUES (${id}, ${part.index}, ${part.size}, ${part.tag})
          ON CONFLICT (upload_id, idx) DO UPDATE SET size = excluded.size, tag = excluded.tag`;
        await tx`UPDATE uploads SET expires_at = ${expiresAt} WHERE id = ${id}`;
        return true;
      });
    },
    async listParts(id) {
      return (await sql`SELECT idx, size, tag FROM upload_parts WHERE upload_id = ${id} ORDER BY idx`)
        .map((r) => ({ index: r.idx as number, size: r.size as number, tag: r.tag as string }));
    },
    async insertBlobs(accountId, blobs, quota) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM accounts WHERE id = ${accountId} FOR UPDATE`).length) return 'no_account' as const;
        const [usage] = await tx.unsafe(`SELECT ${PG_USAGE_SQL} AS usage FROM accounts a WHERE a.id = $1`, [accountId]);
        const total = blobs.reduce((sum, b) => sum + b.size, 0);
        if ((usage.usage as number) + total > quota) return 'quota_exceeded' as const;
        const ids = blobs.map((b) => b.id);
        if ((await tx`SELECT 1 FROM uploads WHERE id IN ${tx(ids)} UNION ALL SELECT 1 FROM blobs WHERE id IN ${tx(ids)}`).length) return 'id_taken' as const;
        const values = blobs.map((b) => ({ id: b.id, account_id: accountId, drop_id: b.dropId, size: b.size, created_at: b.createdAt }));
        await tx`INSERT INTO blobs ${tx(values, 'id', 'account_id', 'drop_id', 'size', 'created_at')}`;
        return 'ok' as const;
      });
    },
    async commitUpload(id, createdAt) {
      return sql.begin(async (tx) => {
        // The account row first: the insert below checks its foreign key ([Note: Usage lock order]).
        await tx`SELECT 1 FROM accounts WHERE id = (SELECT account_id FROM uploads WHERE id = ${id}) FOR UPDATE`;
        const [row] = await tx`DELETE FROM uploads WHERE id = ${id} RETURNING *`;
        if (!row) return null;
        const u = toUpload(row);
        await tx`INSERT INTO blobs (id, account_id, drop_id, size, created_at) VALUES (${u.id}, ${u.accountId}, ${u.dropId}, ${u.size}, ${createdAt})`;
        return { id: u.id, accountId: u.accountId, dropId: u.dropId, size: u.size, createdAt };
      });
    },
    async deleteUpload(id) { await sql`DELETE FROM uploads WHERE id = ${id}`; },
    async expiredUploads(now) {
      return (await sql`SELECT * FROM uploads WHERE expires_at <= ${now}`).map(toUpload);
    },
    async openUploads() {
      return (await sql`SELECT * FROM uploads ORDER BY created_at`).map(toUpload);
    },
    async forgetReceivedParts() {
      return (await sql`DELETE FROM upload_parts`).count;
    },
    async getBlob(id) {
      const [row] = await sql`SELECT * FROM blobs WHERE id = ${id}`;
      return row ? toBlob(row) : null;
    },
    async listBlobs(accountId, after, limit) {
      return (await sql`SELECT * FROM blobs WHERE account_id = ${accountId} AND id > ${after} ORDER BY id LIMIT ${limit}`).map(toBlob);
    },
    async deleteBlob(accountId, id) {
      return (await sql`DELETE FROM blobs WHERE id = ${id} AND account_id = ${accountId}`).count > 0;
    },
  };
}
