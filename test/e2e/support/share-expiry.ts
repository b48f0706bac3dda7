// Makes a share's expiry pass on a running test relay without waiting for it: moves the share's
// `expires_at` in the data folder's SQLite database (WAL lets a second connection write beside the
// relay, as the admin CLI does) to a moment ago. The relay reads the record on every request, so its
// next answer is `share_expired`, exactly as when its clock passes the time it was given.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export function expireShareNow(dataDir: string, shareId: string): void {
  const db = new Database(join(dataDir, 'relay.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db.prepare('UPDATE shares SET expires_at = ? WHERE id = ? AND expires_at IS NOT NULL').run(Date.now() - 1000, shareId).changes;
    if (changed !== 1) throw new Error(`No share ${shareId} with an expiry on the test relay.`);
  } finally {
    db.close();
  }
}
