// Nodes: encrypted metadata records (files, folders) with compare-and-swap versions, a per-account
// revision counter and a change feed (DESIGN.md §5). The relay sees ids, versions and body sizes only.
// Every successful write bumps the revision and tells the account's sockets.
import { Hono } from 'hono';
import { requireAuth } from '../auth/session.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import type { NodeOp, NodeRecord } from '../store/meta-records.js';
import type { WriteNodesResult } from '../store/meta-store.js';
import { idParam } from './params.js';

const CHANGES_LIMIT = 1000;

/** `If-Match: "3"` (or 3, or W/"3") → 3; `If-None-Match: *` → 0 (create); neither → 428. */
function expectedVersion(c: AppContext, allowCreate: boolean): number {
  const ifMatch = c.req.header('if-match');
  if (ifMatch !== undefined) {
    const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
    if (!m || Number(m[1]) < 1) throw new HttpError(400, 'invalid_request', 'If-Match must be the node\'s current version, e.g. If-Match: "3".');
    return Number(m[1]);
  }
  if (allowCreate && c.req.header('if-none-match')?.trim() === '*') return 0;
  throw new HttpError(428, 'precondition_required', allowCreate
    ? 'Send If-Match: "<version>" to update, or If-None-Match: * to create.'
    : 'Send If-Match: "<version>" to delete.');
}

function nodeView(n: NodeRecord) {
  return n.deleted
    ? { id: n.id, version: n.version, revision: n.revision, deleted: true }
    : { id: n.id, version: n.version, revision: n.revision, deleted: false, body: encodeBase64url(n.body!) };
}

export function nodeRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  app.use('/nodes/*', requireAuth(deps));

  async function write(c: AppContext, ops: NodeOp[], single: boolean): Promise<Extract<WriteNodesResult, { status: 'ok' }>> {
    const accountId = c.get('auth').accountId;
    const account = await meta.getAccount(accountId);
    if (!account) throw new HttpError(401, 'unauthenticated', 'The account is gone.');
    const result = await meta.writeNodes(accountId, ops, account.quota);
    if (result.status === 'quota_exceeded') throw new HttpError(507, 'quota_exceeded', 'The account is over its quota; delete files first.');
    if (result.status === 'conflict') {
      const first = result.conflicts[0];
      if (single && first && first.currentVersion === null) throw new HttpError(404, 'node_not_found', 'No such node.');
      if (single && first) {
        throw new HttpError(409, 'version_conflict', 'The node changed since you read it; fetch it, merge, and write again.', { id: first.id, currentVersion: first.currentVersion, deleted: first.deleted });
      }
      throw new HttpError(409, 'version_conflict', 'Some nodes changed since you read them; nothing was written.', { conflicts: result.conflicts });
    }
    deps.events.publish(accountId, { type: 'revision', revision: result.revision });
    return result;
  }

  app.get('/nodes/changes', async (c) => {
    const since = Number(c.req.query('since') ?? '0');
    if (!Number.isSafeInteger(since) || since < 0) throw new HttpError(400, 'invalid_request', '"since" must be a revision number (0 for everything).');
    const limit = Math.min(CHANGES_LIMIT, Math.max(1, Number(c.req.query('limit') ?? CHANGES_LIMIT) || CHANGES_LIMIT));
    const page = await meta.changesSince(c.get('auth').accountId, since, limit);
    const last = page.changes[page.changes.length - 1];
    return c.json({
      revision: page.revision,
      changes: page.changes.map(nodeView),
      more: page.more,
      // Ask again from here while `more` is true.
      next: page.more && last ? last.revision : page.revision,
    });
  });

  app.post('/nodes/batch', async (c) => {
    const f = new Fields(await readJson(c, config.limits.largeJsonBytes));
    const entries = f.array('ops', config.limits.batchOps);
    const ops: NodeOp[] = entries.map((entry) => {
      const e = new Fields(entry);
      const op = e.string('op', /^(put|delete)$/, 'must be "put" or "delete"');
      const id = e.id('id');
      const ifVersion = e.int('ifVersion', op === 'put' ? 0 : 1, Number.MAX_SAFE_INTEGER);
      return op === 'put'
        ? { kind: 'put', id, expectedVersion: ifVersion, body: e.bytes('body', { max: config.limits.nodeBodyBytes }) }
        : { kind: 'delete', id, expectedVersion: ifVersion };
    });
    if (new Set(ops.map((o) => o.id)).size !== ops.length) throw new HttpError(400, 'invalid_request', 'A batch may touch each node once.');
    const result = await write(c, ops, false);
    return c.json({ revision: result.revision, nodes: result.nodes });
  });

  app.get('/nodes/:id', async (c) => {
    const node = await meta.getNode(c.get('auth').accountId, idParam(c, 'id'));
    if (!node) throw new HttpError(404, 'node_not_found', 'No such node.');
    if (node.deleted) throw new HttpError(410, 'node_deleted', 'The node was deleted.', { version: node.version, revision: node.revision });
    return c.json(nodeView(node), 200, { ETag: `"${node.version}"` });
  });

  app.put('/nodes/:id', async (c) => {
    const id = idParam(c, 'id');
    const expected = expectedVersion(c, true);
    const f = new Fields(await readJson(c, config.limits.nodeBodyBytes * 2));
    const body = f.bytes('body', { max: config.limits.nodeBodyBytes });
    const result = await write(c, [{ kind: 'put', id, expectedVersion: expected, body }], true);
    const node = result.nodes[0];
    return c.json({ ...node, revision: result.revision }, expected === 0 ? 201 : 200, { ETag: `"${node.version}"` });
  });

  app.delete('/nodes/:id', async (c) => {
    const id = idParam(c, 'id');
    const result = await write(c, [{ kind: 'delete', id, expectedVersion: expectedVersion(c, false) }], true);
    return c.json({ ...result.nodes[0], deleted: true });
  });

  return app;
}
