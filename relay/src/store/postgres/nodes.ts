// PostgreSQL repository for nodes and the per-account change log (the SQLite twin is
// sqlite/nodes.ts). A batch write locks the account row first (`FOR UPDATE`), so writes to one
// account from any number of relay instances take turns: every compare-and-swap sees the versions
// the previous batch left, revisions stay gap-free, and the quota check can't be raced.
import type { NodeConflict, NodeStore, WriteNodesResult } from '../meta-store.js';
import type { NodeRecord } from '../meta-records.js';
import type { Row, Sql } from './connection.js';
import { PG_USAGE_SQL } from './usage.js';

function toNode(r: Row): NodeRecord {
  return {
    id: r.id as string, version: r.version as number, body: (r.body as Buffer | null) ?? null,
    revision: r.revision as number, deleted: (r.deleted as number) === 1,
  };
}

export function nodesRepo(sql: Sql): NodeStore {
  return {
    async getNode(accountId, id) {
      const [row] = await sql`SELECT * FROM nodes WHERE account_id = ${accountId} AND id = ${id}`;
      return row ? toNode(row) : null;
    },
    async writeNodes(accountId, ops, quota) {
      return sql.begin(async (tx): Promise<WriteNodesResult> => {
        const [locked] = await tx`SELECT revision FROM accounts WHERE id = ${accountId} FOR UPDATE`;
        if (!locked) return { status: 'conflict', conflicts: [] };
        const [acct] = await tx.unsafe(`SELECT ${PG_USAGE_SQL} AS usage FROM accounts a WHERE a.id = $1`, [accountId]);
        const ids = ops.map((op) => op.id);
        const rows = new Map((await tx`SELECT id, version, size, deleted FROM nodes WHERE account_id = ${accountId} AND id IN ${tx(ids)}`)
          .map((r) => [r.id as string, r]));
        const conflicts: NodeConflict[] = [];
        let growth = 0;
        for (const op of ops) {
          const row = rows.get(op.id);
          const live = row !== undefined && row.deleted === 0;
          const ok = op.expectedVersion === 0 ? op.kind === 'put' && !live : live && row.version === op.expectedVersion;
          if (!ok) conflicts.push({ id: op.id, currentVersion: row ? (row.version as number) : null, deleted: row !== undefined && !live });
          growth += (op.kind === 'put' ? op.body.length : 0) - (live ? (row.size as number) : 0);
        }
        if (conflicts.length > 0) return { status: 'conflict', conflicts };
        if (growth > 0 && (acct.usage as number) + growth > quota) return { status: 'quota_exceeded' };
        let revision = locked.revision as number;
        const values = ops.map((op) => {
          revision += 1;
          const body = op.kind === 'put' ? Buffer.from(op.body) : null;
          return {
            account_id: accountId, id: op.id, version: ((rows.get(op.id)?.version as number | undefined) ?? 0) + 1,
            body, size: body?.length ?? 0, revision, deleted: op.kind === 'delete' ? 1 : 0,
          };
        });
        // One statement for the whole batch (ids are unique within a batch: routes/nodes.ts checks).
        await tx`INSERT INTO nodes ${tx(values, 'account_id', 'id', 'version', 'body', 'size', 'revision', 'deleted')}
          ON CONFLICT (account_id, id) DO UPDATE SET version = excluded.version, body = excluded.body,
            size = excluded.size, revision = excluded.revision, deleted = excluded.deleted`;
        const nodes = values.map((v) => ({ id: v.id, version: v.version, revision: v.revision }));
        await tx`UPDATE accounts SET revision = ${revision} WHERE id = ${accountId}`;
        return { status: 'ok', revision, nodes };
      });
    },
    async changesSince(accountId, since, limit) {
      // One snapshot for both reads (REPEATABLE READ), like the SQLite store's read transaction.
      return sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
        const [rev] = await tx`SELECT revision FROM accounts WHERE id = ${accountId}`;
        const rows = await tx`SELECT * FROM nodes WHERE account_id = ${accountId} AND revision > ${since} ORDER BY revision LIMIT ${limit + 1}`;
        return { revision: (rev?.revision as number | undefined) ?? 0, changes: rows.slice(0, limit).map(toNode), more: rows.length > limit };
      });
    },
    async revision(accountId) {
      const [row] = await sql`SELECT revision FROM accounts WHERE id = ${accountId}`;
      return (row?.revision as number | undefined) ?? 0;
    },
  };
}
