// SQLite repository for committed blobs and the upload sessions that become them.
import type { BlobMetaStore, UploadLimits } from '../meta-store.js';
import type { BlobRecord, UploadRecord } from '../meta-records.js';
import { type Db, type Row, USAGE_SQL, toBlob, toUpload } from './rows.js';

/** Bytes a drop holds: its committed (not yet accepted) blobs + its open uploads. */
export const DROP_USAGE_SQL = `SELECT (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE drop_id = @dropId)
  + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE drop_id = @dropId) AS usage`;

export function blobsRepo(db: Db): BlobMetaStore {
  const getUpload = db.prepare('SELECT * FROM uploads WHERE id = ?');
  const getBlob = db.prepare('SELECT * FROM blobs WHERE id = ?');
  const usage = db.prepare(`SELECT ${USAGE_SQL} AS usage FROM accounts a WHERE a.id = ?`);
  const dropUsage = db.prepare(DROP_USAGE_SQL);

  const create = db.transaction((u: UploadRecord, limits: UploadLimits) => {
    if (getUpload.get(u.id) || getBlob.get(u.id)) return 'id_taken' as const;
    const used = ((usage.get(u.accountId) as Row | undefined)?.usage as number | undefined) ?? 0;
    if (used + u.size > limits.quota) return 'quota_exceeded' as const;
    if (u.dropId !== null && limits.dropCap !== null) {
      const inDrop = (dropUsage.get({ dropId: u.dropId }) as Row).usage as number;
      if (inDrop + u.size > limits.dropCap) return 'drop_full' as const;
    }
    db.prepare(`INSERT INTO uploads (id, account_id, drop_id, size, part_size, part_count, handle, created_at, expires_at)
      VALUES (@id, @accountId, @dropId, @size, @partSize, @partCount, @handle, @createdAt, @expiresAt)`).run(u);
    return 'ok' as const;
  });

  const insertBlob = db.prepare('INSERT INTO blobs (id, account_id, drop_id, size, created_at) VALUES (@id, @accountId, @dropId, @size, @createdAt)');
  const insertMany = db.transaction((accountId: string, blobs: readonly BlobRecord[], quota: number) => {
    const row = usage.get(accountId) as Row | undefined;
    if (!row) return 'no_account' as const;
    const total = blobs.reduce((sum, b) => sum + b.size, 0);
    if ((row.usage as number) + total > quota) return 'quota_exceeded' as const;
    if (blobs.some((b) => getUpload.get(b.id) || getBlob.get(b.id))) return 'id_taken' as const;
    for (const b of blobs) insertBlob.run({ ...b, accountId });
    return 'ok' as const;
  });

  const commit = db.transaction((id: string, createdAt: number) => {
    const row = getUpload.get(id) as Row | undefined;
    if (!row) return null;
    const u = toUpload(row);
    db.prepare('INSERT INTO blobs (id, account_id, drop_id, size, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(u.id, u.accountId, u.dropId, u.size, createdAt);
    db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
    return { id: u.id, accountId: u.accountId, dropId: u.dropId, size: u.size, createdAt };
  });

  return {
    async createUpload(upload, limits) { return create.immediate(upload, limits); },
    async getUpload(id) {
      const row = getUpload.get(id) as Row | undefined;
      return row ? toUpload(row) : null;
    },
    async listUploads(accountId) {
      return (db.prepare('SELECT * FROM uploads WHERE account_id = ? ORDER BY created_at').all(accountId) as Row[]).map(toUpload);
    },
    async recordPart(id, part, expiresAt) {
      return db.transaction(() => {
        if (!getUpload.get(id)) return false;
        db.prepare('INSERT OR REPLACE INTO upload_parts (upload_id, idx, size, tag) VALUES (?, ?, ?, ?)').run(id, part.index, part.size, part.tag);
        db.prepare('UPDATE uploads SET expires_at = ? WHERE id = ?').run(expiresAt, id);
        return true;
      }).immediate();
    },
    async listParts(id) {
      return (db.prepare('SELECT idx, size, tag FROM upload_parts WHERE upload_id = ? ORDER BY idx').all(id) as Row[])
        .map((r) => ({ index: r.idx as number, size: r.size as number, tag: r.tag as string }));
    },
    async insertBlobs(accountId, blobs, quota) { return insertMany.immediate(accountId, blobs, quota); },
    async commitUpload(id, createdAt) { return commit.immediate(id, createdAt); },
    async deleteUpload(id) { db.prepare('DELETE FROM uploads WHERE id = ?').run(id); },
    async expiredUploads(now) {
      return (db.prepare('SELECT * FROM uploads WHERE expires_at <= ?').all(now) as Row[]).map(toUpload);
    },
    async openUploads() {
      return (db.prepare('SELECT * FROM uploads ORDER BY created_at').all() as Row[]).map(toUpload);
    },
    async forgetReceivedParts() {
      return db.prepare('DELETE FROM upload_parts').run().changes;
    },
    async getBlob(id) {
      const row = getBlob.get(id) as Row | undefined;
      return row ? toBlob(row) : null;
    },
    async listBlobs(accountId, after, limit) {
      return (db.prepare('SELECT * FROM blobs WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?').all(accountId, after, limit) as Row[]).map(toBlob);
    },
    async deleteBlob(accountId, id) {
      return db.prepare('DELETE FROM blobs WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
    },
  };
}
