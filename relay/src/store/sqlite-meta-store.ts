// The embedded metadata store: one SQLite file (better-sqlite3, WAL) inside the data folder, with
// versioned migrations. WAL lets the admin CLI work on the folder while the relay runs. The
// repositories under sqlite/ each own one area of the MetaStore interface.
import Database from 'better-sqlite3';
import type { MetaStore } from './meta-store.js';
import { accountsRepo, settingsRepo } from './sqlite/accounts.js';
import { blobsRepo } from './sqlite/blobs.js';
import { devicesRepo, sessionsRepo } from './sqlite/devices.js';
import { dropsRepo } from './sqlite/drops.js';
import { migrate } from './sqlite/migrations.js';
import { nodesRepo } from './sqlite/nodes.js';
import { sharesRepo } from './sqlite/shares.js';

export function openSqliteMetaStore(file: string): MetaStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL: a power cut may lose the last transactions but never corrupts the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return {
    ...settingsRepo(db),
    ...accountsRepo(db),
    ...sessionsRepo(db),
    ...devicesRepo(db),
    ...nodesRepo(db),
    ...blobsRepo(db),
    ...sharesRepo(db),
    ...dropsRepo(db),
    async purgeExpired(now) {
      db.transaction(() => {
        db.prepare('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now);
        db.prepare('DELETE FROM pairings WHERE expires_at <= ?').run(now);
        db.prepare('DELETE FROM share_tickets WHERE expires_at <= ?').run(now);
        db.prepare('DELETE FROM invites WHERE used_at IS NULL AND expires_at <= ?').run(now);
      }).immediate();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
