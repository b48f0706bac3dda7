// Versioned schema migrations for the PostgreSQL metadata store: the same tables and columns as the
// SQLite schema (sqlite/migrations.ts), so row mapping (sqlite/rows.ts) and the admin `migrate` copy
// are shared. `schema_migrations` holds the versions applied; each runs once, in its own transaction,
// under an advisory lock so several relays starting at once migrate exactly once. Append; never edit.
import type { Sql } from './connection.js';

const MIGRATIONS: string[] = [
  // 1: the whole first schema (the SQLite schema's versions 1 and 2 together). Text compares byte by
  // byte (COLLATE "C"), as in SQLite, so id order and `id > after` paging match the embedded store.
  `
  CREATE TABLE settings (name TEXT COLLATE "C" PRIMARY KEY, value BYTEA NOT NULL);

  CREATE TABLE accounts (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE,
    kdf TEXT COLLATE "C" NOT NULL,
    salt BYTEA NOT NULL,
    auth_hash TEXT COLLATE "C" NOT NULL,
    password_wrap BYTEA NOT NULL,
    recovery_wrap BYTEA NOT NULL,
    recovery_hash TEXT COLLATE "C" NOT NULL,
    quota BIGINT NOT NULL,
    revision BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT
  );

  CREATE TABLE invites (
    code_hash BYTEA PRIMARY KEY,
    name TEXT COLLATE "C" UNIQUE,
    quota BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
  );

  CREATE TABLE devices (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    wrap BYTEA,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT
  );
  CREATE INDEX devices_account ON devices(account_id);

  CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id TEXT COLLATE "C" REFERENCES devices(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_seen_at BIGINT NOT NULL,
    bound_device_id TEXT COLLATE "C" REFERENCES devices(id) ON DELETE CASCADE
  );
  CREATE INDEX sessions_account ON sessions(account_id);
  CREATE INDEX sessions_device ON sessions(device_id);
  CREATE INDEX sessions_bound_device ON sessions(bound_device_id);

  CREATE TABLE pairings (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL,
    payload BYTEA,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    device_id TEXT COLLATE "C",
    claimed_at BIGINT
  );

  CREATE TABLE nodes (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    body BYTEA,
    size BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, id)
  );
  CREATE INDEX nodes_revision ON nodes(account_id, revision);

  CREATE TABLE drops (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL,
    info BYTEA,
    public_info BYTEA,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    size_cap BIGINT NOT NULL,
    closed_at BIGINT
  );
  CREATE INDEX drops_account ON drops(account_id);

  CREATE TABLE drop_items (
    id TEXT COLLATE "C" PRIMARY KEY,
    drop_id TEXT COLLATE "C" NOT NULL REFERENCES drops(id) ON DELETE CASCADE,
    record BYTEA NOT NULL,
    blob_ids TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX drop_items_drop ON drop_items(drop_id);

  CREATE TABLE blobs (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    drop_id TEXT COLLATE "C",
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX blobs_account ON blobs(account_id, id);
  CREATE INDEX blobs_drop ON blobs(drop_id);

  CREATE TABLE uploads (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    drop_id TEXT COLLATE "C",
    size BIGINT NOT NULL,
    part_size BIGINT NOT NULL,
    part_count INTEGER NOT NULL,
    handle TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX uploads_account ON uploads(account_id);
  CREATE INDEX uploads_drop ON uploads(drop_id);
  CREATE INDEX uploads_expiry ON uploads(expires_at);

  CREATE TABLE upload_parts (
    upload_id TEXT COLLATE "C" NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    size BIGINT NOT NULL,
    tag TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (upload_id, idx)
  );

  CREATE TABLE shares (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL,
    manifest BYTEA,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    download_limit BIGINT,
    downloads_used BIGINT NOT NULL DEFAULT 0,
    password_hash TEXT COLLATE "C",
    password_kdf TEXT COLLATE "C",
    password_salt BYTEA,
    password_failures INTEGER NOT NULL DEFAULT 0,
    revoked_at BIGINT
  );
  CREATE INDEX shares_account ON shares(account_id);

  CREATE TABLE share_blobs (
    share_id TEXT COLLATE "C" NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    blob_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (share_id, blob_id)
  );

  CREATE TABLE share_tickets (
    token_hash BYTEA PRIMARY KEY,
    share_id TEXT COLLATE "C" NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
  );

  -- Rate-limit windows shared by every relay instance (auth/rate-limiter.ts, postgres/rate-limits.ts).
  CREATE TABLE rate_windows (
    key TEXT COLLATE "C" PRIMARY KEY,
    start_at BIGINT NOT NULL,
    count INTEGER NOT NULL
  );
  `,
  // 2 (SQLite's 3): a running byte total per account ([Note: Account usage counter] in sqlite/rows.ts), filled
  // from the rows there are and kept exact by row triggers on every row that counts. The triggers
  // update the total row, so a transaction that changes an account's rows takes that row's lock:
  // the paths that also lock the account row lock it first ([Note: Usage lock order] in usage.ts).
  // The tables that count are locked against writes first: an older relay still running during an
  // upgrade could otherwise write a row between the sum and the triggers, and it would never count.
  `
  LOCK TABLE accounts, blobs, uploads, nodes IN SHARE ROW EXCLUSIVE MODE;
  CREATE TABLE account_usage (
    account_id TEXT COLLATE "C" PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    bytes BIGINT NOT NULL
  );
  INSERT INTO account_usage (account_id, bytes) SELECT a.id, (
    (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE account_id = a.id)
    + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE account_id = a.id)
    + (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE account_id = a.id))::bigint
  FROM accounts a;

  CREATE FUNCTION account_usage_row() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO account_usage (account_id, bytes) VALUES (NEW.id, 0);
    RETURN NULL;
  END $$;
  CREATE TRIGGER accounts_usage_row AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION account_usage_row();

  CREATE FUNCTION account_usage_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      UPDATE account_usage SET bytes = bytes - OLD.size WHERE account_id = OLD.account_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      UPDATE account_usage SET bytes = bytes + NEW.size WHERE account_id = NEW.account_id;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER blobs_usage AFTER INSERT OR DELETE OR UPDATE OF size, account_id ON blobs
    FOR EACH ROW EXECUTE FUNCTION account_usage_change();
  CREATE TRIGGER uploads_usage AFTER INSERT OR DELETE OR UPDATE OF size, account_id ON uploads
    FOR EACH ROW EXECUTE FUNCTION account_usage_change();
  CREATE TRIGGER nodes_usage AFTER INSERT OR DELETE OR UPDATE OF size, account_id ON nodes
    FOR EACH ROW EXECUTE FUNCTION account_usage_change();
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** An arbitrary constant: the advisory lock every instance takes while it migrates. */
const MIGRATION_LOCK = 0x7662_7831;

/** `upTo`: stop after that many migrations (tests build an older database with it). */
export async function migrate(sql: Sql, upTo = MIGRATIONS.length): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`;
  });
  for (;;) {
    const done = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      const [row] = await tx`SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations`;
      const current = Number(row.v);
      if (current > MIGRATIONS.length) {
        throw new Error(`The database was written by a newer relay (schema ${current}); upgrade the relay.`);
      }
      if (current >= upTo) return true;
      await tx.unsafe(MIGRATIONS[current]);
      await tx`INSERT INTO schema_migrations (version, applied_at) VALUES (${current + 1}, ${Date.now()})`;
      return false;
    });
    if (done) return;
  }
}
