// PostgreSQL repository for shares, the blobs each one grants, and download tickets (the SQLite twin
// is sqlite/shares.ts). Counting a download is one conditional UPDATE, so a download limit holds
// across instances.
import type { ShareStore } from '../meta-store.js';
import { toShare } from '../sqlite/rows.js';
import type { Row, Sql, Tx } from './connection.js';

async function load(sql: Sql | Tx, row: Row) {
  const ids = await sql`SELECT blob_id FROM share_blobs WHERE share_id = ${row.id as string} ORDER BY blob_id`;
  return toShare(row, ids.map((r) => r.blob_id as string));
}

export function sharesRepo(sql: Sql): ShareStore {
  return {
    async createShare(s) {
      return sql.begin(async (tx) => {
        if ((await tx`SELECT 1 FROM shares WHERE id = ${s.id}`).length) return 'id_taken' as const;
        for (const blobId of s.blobIds) {
          if (!(await tx`SELECT 1 FROM blobs WHERE id = ${blobId} AND account_id = ${s.accountId}`).length) return { missingBlob: blobId };
        }
        await tx`INSERT INTO shares (id, account_id, token_hash, manifest, created_at, expires_at, download_limit, downloads_used,
            password_hash, password_kdf, password_salt, password_failures, revoked_at)
          VALUES (${s.id}, ${s.accountId}, ${Buffer.from(s.tokenHash)}, ${s.manifest ? Buffer.from(s.manifest) : null}, ${s.createdAt},
            ${s.expiresAt}, ${s.downloadLimit}, 0, ${s.password?.hash ?? null}, ${s.password ? JSON.stringify(s.password.kdf) : null},
            ${s.password ? Buffer.from(s.password.salt) : null}, 0, NULL)`;
        for (const blobId of new Set(s.blobIds)) await tx`INSERT INTO share_blobs (share_id, blob_id) VALUES (${s.id}, ${blobId})`;
        return 'ok' as const;
      });
    },
    async getShare(id) {
      const [row] = await sql`SELECT * FROM shares WHERE id = ${id}`;
      return row ? load(sql, row) : null;
    },
    async listShares(accountId) {
      const rows = await sql`SELECT * FROM shares WHERE account_id = ${accountId} ORDER BY created_at`;
      return Promise.all(rows.map((r) => load(sql, r)));
    },
    async revokeShare(accountId, id, now) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM shares WHERE id = ${id} AND account_id = ${accountId} FOR UPDATE`).length) return false;
        await tx`UPDATE shares SET revoked_at = COALESCE(revoked_at, ${now}), manifest = NULL WHERE id = ${id}`;
        await tx`DELETE FROM share_tickets WHERE share_id = ${id}`;
        return true;
      });
    },
    async recordPasswordFailure(id) {
      const [row] = await sql`UPDATE shares SET password_failures = password_failures + 1 WHERE id = ${id} RETURNING password_failures`;
      return (row?.password_failures as number | undefined) ?? 0;
    },
    async countDownload(id, ticket) {
      return sql.begin(async (tx) => {
        const used = await tx`UPDATE shares SET downloads_used = downloads_used + 1
          WHERE id = ${id} AND (download_limit IS NULL OR downloads_used < download_limit)`;
        if (used.count === 0) return 'exhausted' as const;
        await tx`INSERT INTO share_tickets (token_hash, share_id, expires_at) VALUES (${Buffer.from(ticket.hash)}, ${id}, ${ticket.expiresAt})`;
        return 'ok' as const;
      });
    },
    async getTicket(hash) {
      const [row] = await sql`SELECT share_id, expires_at FROM share_tickets WHERE token_hash = ${Buffer.from(hash)}`;
      return row ? { shareId: row.share_id as string, expiresAt: row.expires_at as number } : null;
    },
  };
}
