// The usage sums of the PostgreSQL repositories (sqlite/rows.ts has the SQLite twins): SUM over
// BIGINT is NUMERIC in PostgreSQL, cast back so the driver hands out numbers.

/** Committed blobs + declared sizes of open uploads + node bodies of account `a`. */
export const PG_USAGE_SQL = `(
  (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE account_id = a.id)
  + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE account_id = a.id)
  + (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE account_id = a.id))::bigint`;

/** Bytes a drop ($1) holds: its committed (not yet accepted) blobs + its open uploads. */
export const PG_DROP_USAGE_SQL = `SELECT ((SELECT COALESCE(SUM(size), 0) FROM blobs WHERE drop_id = $1)
  + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE drop_id = $1))::bigint AS usage`;
