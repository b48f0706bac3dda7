// SQLite repository for nodes and the per-account change log. Each node row keeps the revision of
// its last change, so "changes since N" is one indexed range scan and a deleted node is a tombstone
// row (no body) until the account goes.
import type { NodeConflict, NodeStore, WriteNodesResult } from '../meta-store.js';
import type { NodeOp, NodeRecord } from '../meta-records.js';
import { type Db, type Row, USAGE_SQL } from './rows.js';

function toNode(r: Row): NodeRecord {
  return {
    id: r.id as string, version: r.version as number, body: (r.body as Buffer | null) ?? null,
    revision: r.revision as number, deleted: (r.deleted as number) === 1,
  };
}

export function nodesRepo(db: Db): NodeStore {
  const get = db.prepare('SELECT * FROM nodes WHERE account_id = ? AND id = ?');
  const account = db.prepare(`SELECT a.revision, a.quota, ${USAGE_SQL} AS usage FROM accounts a WHERE a.id = ?`);
  const upsert = db.prepare(`INSERT INTO nodes (account_id, id, version, body, size, revision, deleted)
    VALUES (@accountId, @id, @version, @body, @size, @revision, @deleted)
    ON CONFLICT (account_id, id) DO UPDATE SET version = excluded.version, body = excluded.body,
      size = excluded.size, revision = excluded.revision, deleted = excluded.deleted`);
  const setRevision = db.prepare('UPDATE accounts SET revision = ? WHERE id = ?');

  const write = db.transaction((accountId: string, ops: NodeOp[], quota: number): WriteNodesResult => {
    const acct = account.get(accountId) as Row | undefined;
    if (!acct) return { status: 'conflict', conflicts: [] };
    const current = ops.map((op) => get.get(accountId, op.id) as Row | undefined);
    const conflicts: NodeConflict[] = [];
    let growth = 0;
    ops.forEach((op, i) => {
      const row = current[i];
      const live = row !== undefined && row.deleted === 0;
      const ok = op.expectedVersion === 0
        ? op.kind === 'put' && !live
        : live && row.version === op.expectedVersion;
      if (!ok) conflicts.push({ id: op.id, currentVersion: row ? (row.version as number) : null, deleted: row !== undefined && !live });
      growth += (op.kind === 'put' ? op.body.length : 0) - (live ? (row.size as number) : 0);
    });
    if (conflicts.length > 0) return { status: 'conflict', conflicts };
    if (growth > 0 && (acct.usage as number) + growth > quota) return { status: 'quota_exceeded' };
    let revision = acct.revision as number;
    const nodes = ops.map((op, i) => {
      revision += 1;
      const version = ((current[i]?.version as number | undefined) ?? 0) + 1;
      const body = op.kind === 'put' ? op.body : null;
      upsert.run({ accountId, id: op.id, version, body, size: body?.length ?? 0, revision, deleted: op.kind === 'delete' ? 1 : 0 });
      return { id: op.id, version, revision };
    });
    setRevision.run(revision, accountId);
    return { status: 'ok', revision, nodes };
  });

  return {
    async getNode(accountId, id) {
      const row = get.get(accountId, id) as Row | undefined;
      return row ? toNode(row) : null;
    },
    async writeNodes(accountId, ops, quota) { return write.immediate(accountId, ops, quota); },
    async changesSince(accountId, since, limit) {
      return db.transaction(() => {
        const rev = db.prepare('SELECT revision FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
        const rows = db.prepare('SELECT * FROM nodes WHERE account_id = ? AND revision > ? ORDER BY revision LIMIT ?')
          .all(accountId, since, limit + 1) as Row[];
        return { revision: (rev?.revision as number | undefined) ?? 0, changes: rows.slice(0, limit).map(toNode), more: rows.length > limit };
      })();
    },
    async revision(accountId) {
      const row = db.prepare('SELECT revision FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
      return (row?.revision as number | undefined) ?? 0;
    },
  };
}
