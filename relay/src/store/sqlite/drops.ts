// SQLite repository for drops (anonymous upload slots of an account) and the items that arrive.
import type { DropStore } from '../meta-store.js';
import type { DropItemRecord } from '../meta-records.js';
import { DROP_USAGE_SQL } from './blobs.js';
import { type Db, type Row, toDrop, toUpload } from './rows.js';

export function dropsRepo(db: Db): DropStore {
  const get = db.prepare('SELECT * FROM drops WHERE id = ?');
  const owned = db.prepare('SELECT * FROM drops WHERE id = ? AND account_id = ?');
  const uploadsOf = db.prepare('SELECT * FROM uploads WHERE drop_id = ?');

  const addItem = db.transaction((item: DropItemRecord, maxItems: number) => {
    const count = (db.prepare('SELECT COUNT(*) AS n FROM drop_items WHERE drop_id = ?').get(item.dropId) as Row).n as number;
    if (count >= maxItems) return 'too_many' as const;
    const inDrop = db.prepare('SELECT 1 FROM blobs WHERE id = ? AND drop_id = ?');
    for (const blobId of item.blobIds) if (!inDrop.get(blobId, item.dropId)) return 'blob_not_in_drop' as const;
    db.prepare('INSERT INTO drop_items (id, drop_id, record, blob_ids, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(item.id, item.dropId, item.record, JSON.stringify(item.blobIds), item.createdAt);
    return 'ok' as const;
  });

  return {
    async createDrop(d) {
      if (get.get(d.id)) return 'id_taken';
      db.prepare(`INSERT INTO drops (id, account_id, token_hash, info, public_info, created_at, expires_at, size_cap, closed_at)
        VALUES (@id, @accountId, @tokenHash, @info, @publicInfo, @createdAt, @expiresAt, @sizeCap, @closedAt)`).run(d);
      return 'ok';
    },
    async getDrop(id) {
      const row = get.get(id) as Row | undefined;
      return row ? toDrop(row) : null;
    },
    async listDrops(accountId) {
      return (db.prepare('SELECT * FROM drops WHERE account_id = ? ORDER BY created_at').all(accountId) as Row[]).map(toDrop);
    },
    async closeDrop(accountId, id, now) {
      return db.transaction(() => {
        if (!owned.get(id, accountId)) return null;
        const uploads = (uploadsOf.all(id) as Row[]).map(toUpload);
        db.prepare('UPDATE drops SET closed_at = COALESCE(closed_at, ?) WHERE id = ?').run(now, id);
        db.prepare('UPDATE blobs SET drop_id = NULL WHERE drop_id = ?').run(id);
        db.prepare('DELETE FROM uploads WHERE drop_id = ?').run(id);
        return { uploads };
      }).immediate();
    },
    async deleteDrop(accountId, id) {
      return db.transaction(() => {
        if (!owned.get(id, accountId)) return null;
        const blobIds = (db.prepare('SELECT id FROM blobs WHERE drop_id = ?').all(id) as Row[]).map((r) => r.id as string);
        const uploads = (uploadsOf.all(id) as Row[]).map(toUpload);
        db.prepare('DELETE FROM blobs WHERE drop_id = ?').run(id);
        db.prepare('DELETE FROM uploads WHERE drop_id = ?').run(id);
        db.prepare('DELETE FROM drops WHERE id = ?').run(id);
        return { blobIds, uploads };
      }).immediate();
    },
    async addDropItem(item, maxItems) { return addItem.immediate(item, maxItems); },
    async listDropItems(dropId) {
      return (db.prepare('SELECT * FROM drop_items WHERE drop_id = ? ORDER BY created_at, id').all(dropId) as Row[]).map((r) => ({
        id: r.id as string, dropId: r.drop_id as string, record: r.record as Buffer,
        blobIds: JSON.parse(r.blob_ids as string) as string[], createdAt: r.created_at as number,
      }));
    },
    async dropUsage(dropId) {
      return (db.prepare(DROP_USAGE_SQL).get({ dropId }) as Row).usage as number;
    },
  };
}
