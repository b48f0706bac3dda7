// Makes a drop's expiry pass on a running test relay without waiting 15 minutes (or the relay's 30 s
// minimum): moves the drop's `expires_at` in the data folder's SQLite database to a moment ago (WAL lets
// a second connection write beside the relay, as the admin CLI does). The relay reads the record on
// every request, so its next answer is `drop_expired`, exactly as when its clock passes the time.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export function expireDropNow(dataDir: string, dropId: string): void {
  const db = new Database(join(dataDir, 'relay.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db.prepare('UPDATE drops SET expires_at = ? WHERE id = ?').run(Date.now() - 1000, dropId).changes;
    if (changed !== 1) throw new Error(`No drop ${dropId} on the test relay.`);
  } finally {
    db.close();
  }
}
