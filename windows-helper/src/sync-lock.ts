// One `veilbox-helper sync` per home: the logon start and one started by hand would otherwise sync the
// same folder twice over (each sending the other's new files as conflict copies). The lock is SQLite's
// own: a small database in the helper's home, written once in EXCLUSIVE locking mode, keeps its lock
// until the connection closes, which the operating system also does when the process dies, so a crash
// never leaves a stale lock behind (unlike a pid file, whose pid may be reused).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { HOME_FILES } from './helper-home.js';

export interface SyncLock {
  /** False when this SQLite could not take the lock for another reason (the daemon says so and goes on). */
  held: boolean;
  problem?: string;
  release(): void;
}

/** The lock, or null when another sync holds it. */
export function takeSyncLock(home: string): SyncLock | null {
  const db = new Database(join(home, HOME_FILES.lock), { timeout: 200 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(`CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since TEXT);
      BEGIN EXCLUSIVE; DELETE FROM holder; INSERT INTO holder VALUES (${process.pid}, '${new Date().toISOString()}'); COMMIT;`);
  } catch (error) {
    db.close();
    const e = error as { code?: string; message?: string };
    if (e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED' || /database is locked|busy/i.test(e.message ?? '')) return null;
    // A guard, not a requirement: a SQLite that can't do this must not stop the sync.
    return { held: false, problem: e.message ?? String(error), release: () => undefined };
  }
  return { held: true, release: () => db.close() };
}
