// SQLite repository for shares, the blobs each one grants, and download tickets.
import type { ShareStore } from '../meta-store.js';
import type { ShareRecord } from '../meta-records.js';
import { type Db, type Row, toShare } from './rows.js';

export function sharesRepo(db: Db): ShareStore {
  const get = db.prepare('SELECT * FROM shares WHERE id = ?');
  const blobIdsOf = db.prepare('SELECT blob_id FROM share_blobs WHERE share_id = ? ORDER BY blob_id');
  const ownBlob = db.prepare('SELECT 1 FROM blobs WHERE id = ? AND account_id = ?');
  const load = (row: Row) => toShare(row, (blobIdsOf.all(row.id) as Row[]).map((r) => r.blob_id as string));

  const create = db.transaction((s: ShareRecord) => {
    if (get.get(s.id)) return 'id_taken' as const;
    for (const blobId of s.blobIds) if (!ownBlob.get(blobId, s.accountId)) return { missingBlob: blobId };
    db.prepare(`INSERT INTO shares (id, account_id, token_hash, manifest, created_at, expires_at, download_limit, downloads_used,
        password_hash, password_kdf, password_salt, password_failures, revoked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, NULL)`).run(
      s.id, s.accountId, s.tokenHash, s.manifest, s.createdAt, s.expiresAt, s.downloadLimit,
      s.password?.hash ?? null, s.password ? JSON.stringify(s.password.kdf) : null, s.password?.salt ?? null);
    const link = db.prepare('INSERT OR IGNORE INTO share_blobs (share_id, blob_id) VALUES (?, ?)');
    for (const blobId of s.blobIds) link.run(s.id, blobId);
    return 'ok' as const;
  });

  const count = db.transaction((id: string, ticket: { hash: Uint8Array; expiresAt: number }) => {
    const used = db.prepare(`UPDATE shares SET downloads_used = downloads_used + 1
      WHERE id = ? AND (download_limit IS NULL OR downloads_used < download_limit)`).run(id);
    if (used.changes === 0) return 'exhausted' as const;
    db.prepare('INSERT INTO share_tickets (token_hash, share_id, expires_at) VALUES (?, ?, ?)').run(ticket.hash, id, ticket.expiresAt);
    return 'ok' as const;
  });

  return {
    async createShare(share) { return create.immediate(share); },
    async getShare(id) {
      const row = get.get(id) as Row | undefined;
      return row ? load(row) : null;
    },
    async listShares(accountId) {
      return (db.prepare('SELECT * FROM shares WHERE account_id = ? ORDER BY created_at').all(accountId) as Row[]).map(load);
    },
    async revokeShare(accountId, id, now) {
      return db.transaction(() => {
        if (!db.prepare('SELECT 1 FROM shares WHERE id = ? AND account_id = ?').get(id, accountId)) return false;
        db.prepare('UPDATE shares SET revoked_at = COALESCE(revoked_at, ?), manifest = NULL WHERE id = ?').run(now, id);
        db.prepare('DELETE FROM share_tickets WHERE share_id = ?').run(id);
        return true;
      }).immediate();
    },
    async recordPasswordFailure(id) {
      const row = db.prepare('UPDATE shares SET password_failures = password_failures + 1 WHERE id = ? RETURNING password_failures').get(id) as Row | undefined;
      return (row?.password_failures as number | undefined) ?? 0;
    },
    async countDownload(id, ticket) { return count.immediate(id, ticket); },
    async getTicket(hash) {
      const row = db.prepare('SELECT share_id, expires_at FROM share_tickets WHERE token_hash = ?').get(hash) as Row | undefined;
      return row ? { shareId: row.share_id as string, expiresAt: row.expires_at as number } : null;
    },
  };
}
