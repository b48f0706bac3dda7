// The usage reads of the PostgreSQL repositories (sqlite/rows.ts has the SQLite twins): the
// account's running total, and the per-drop sum. SUM over BIGINT is NUMERIC in PostgreSQL, cast back
// so the driver hands out numbers.
// [Note: Usage lock order] The usage triggers (migration 2) update the account's `account_usage` row,
// which locks it until commit. A transaction that also locks the account row (`FOR UPDATE`, or the
// FOR KEY SHARE a foreign-key check takes when a blob, upload or node row is inserted) must take the
// account row first, or it can deadlock with a quota check holding the account row and waiting for
// the total: createUpload, commitUpload, writeNodes, insertBlobs and deleteAccount all start with
// `SELECT … FROM accounts … FOR UPDATE`. Single deletes (a blob, an upload) touch only the total.

/** Bytes account `a` holds ([Note: Account usage counter] in sqlite/rows.ts): one indexed row. */
export const PG_USAGE_SQL = `COALESCE((SELECT bytes FROM account_usage WHERE account_id = a.id), 0)::bigint`;

/** Bytes a drop ($1) holds: its committed (not yet accepted) blobs + its open uploads. */
export const PG_DROP_USAGE_SQL = `SELECT ((SELECT COALESCE(SUM(size), 0) FROM blobs WHERE drop_id = $1)
  + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE drop_id = $1))::bigint AS usage`;
