// Versioned schema migrations for the SQLite metadata store. `PRAGMA user_version` holds the number
// of migrations applied; each runs once, in its own transaction. Append new ones; never edit old ones.
import type { Database } from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: the whole first schema.
  `
  CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);

  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kdf TEXT NOT NULL,
    salt BLOB NOT NULL,
    auth_hash TEXT NOT NULL,
    password_wrap BLOB NOT NULL,
    recovery_wrap BLOB NOT NULL,
    recovery_hash TEXT NOT NULL,
    quota INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER
  );

  CREATE TABLE invites (
    code_hash BLOB PRIMARY KEY,
    name TEXT UNIQUE,
    quota INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );

  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    wrap BLOB,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER
  );
  CREATE INDEX devices_account ON devices(account_id);

  CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id TEXT REFERENCES devices(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_seen_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_account ON sessions(account_id);
  CREATE INDEX sessions_device ON sessions(device_id);

  CREATE TABLE pairings (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL,
    payload BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    device_id TEXT,
    claimed_at INTEGER
  );

  CREATE TABLE nodes (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body BLOB,
    size INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX nodes_revision ON nodes(account_id, revision);

  CREATE TABLE drops (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL,
    info BLOB,
    public_info BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    size_cap INTEGER NOT NULL,
    closed_at INTEGER
  );
  CREATE INDEX drops_account ON drops(account_id);

  CREATE TABLE drop_items (
    id TEXT PRIMARY KEY,
    drop_id TEXT NOT NULL REFERENCES drops(id) ON DELETE CASCADE,
    record BLOB NOT NULL,
    blob_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX drop_items_drop ON drop_items(drop_id);

  CREATE TABLE blobs (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    drop_id TEXT,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX blobs_account ON blobs(account_id, id);
  CREATE INDEX blobs_drop ON blobs(drop_id);

  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    drop_id TEXT,
    size INTEGER NOT NULL,
    part_size INTEGER NOT NULL,
    part_count INTEGER NOT NULL,
    handle TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX uploads_account ON uploads(account_id);
  CREATE INDEX uploads_drop ON uploads(drop_id);
  CREATE INDEX uploads_expiry ON uploads(expires_at);

  CREATE TABLE upload_parts (
    upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    size INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (upload_id, idx)
  );

  CREATE TABLE shares (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL,
    manifest BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    download_limit INTEGER,
    downloads_used INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT,
    password_kdf TEXT,
    password_salt BLOB,
    password_failures INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER
  );
  CREATE INDEX shares_account ON shares(account_id);

  CREATE TABLE share_blobs (
    share_id TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    blob_id TEXT NOT NULL,
    PRIMARY KEY (share_id, blob_id)
  );

  CREATE TABLE share_tickets (
    token_hash BLOB PRIMARY KEY,
    share_id TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  );
  `,
  // 2: a login session that registered a device (a browser's "remember this device") ends with it,
  // so removing the device from the list also signs that browser out ([Note: Sessions bound to a device]).
  `
  ALTER TABLE sessions ADD COLUMN bound_device_id TEXT REFERENCES devices(id) ON DELETE CASCADE;
  CREATE INDEX sessions_bound_device ON sessions(bound_device_id);
  `,
  // 3: a running byte total per account ([Note: Account usage counter] in sqlite/rows.ts), filled
  // from the rows there are and kept exact by triggers on every row that counts.
  `
  CREATE TABLE account_usage (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    bytes INTEGER NOT NULL
  );
  INSERT INTO account_usage (account_id, bytes) SELECT a.id,
    (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE account_id = a.id)
    + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE account_id = a.id)
    + (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE account_id = a.id)
  FROM accounts a;

  CREATE TRIGGER accounts_usage_row AFTER INSERT ON accounts BEGIN
    INSERT INTO account_usage (account_id, bytes) VALUES (NEW.id, 0);
  END;
  ${usageTriggers('blobs')}
  ${usageTriggers('uploads')}
  ${usageTriggers('nodes')}
  `,
];

/** INSERT, DELETE and UPDATE (of size or owner) triggers that move `table`'s sizes into account_usage. */
function usageTriggers(table: string): string {
  const add = (row: 'NEW' | 'OLD', sign: '+' | '-') =>
    `UPDATE account_usage SET bytes = bytes ${sign} ${row}.size WHERE account_id = ${row}.account_id;`;
  return `
  CREATE TRIGGER ${table}_usage_insert AFTER INSERT ON ${table} BEGIN ${add('NEW', '+')} END;
  CREATE TRIGGER ${table}_usage_delete AFTER DELETE ON ${table} BEGIN ${add('OLD', '-')} END;
  CREATE TRIGGER ${table}_usage_update AFTER UPDATE OF size, account_id ON ${table} BEGIN
    ${add('OLD', '-')} ${add('NEW', '+')}
  END;`;
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** `upTo`: stop after that many migrations (tests build an older database with it). */
export function migrate(db: Database, upTo = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The data folder was written by a newer relay (schema ${current}); upgrade the relay.`);
  }
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
