// Compare-and-swap writes of node records (DESIGN.md §5): seal the new body for version n+1, PUT it
// with If-Match n, and on 409 re-read the change log and retry the user's intent if it still makes
// sense; see [Note: Retrying an intent after a conflict].
import { ClientError, toClientError } from './client-error.js';
import { isRelayError } from './relay-error.js';
import type { BatchOp, NodeWriteAnswer, RelayApi } from './relay-api.js';
import { RequestBatcher } from './request-batcher.js';
import { sealNodeBody, type NodeBody, type NodePlaceKeys } from './node-record.js';
import type { TreeSync } from './tree-sync.js';
import type { StoredNode } from './vault-tree.js';

/*
 * [Note: Retrying an intent after a conflict]
 * An operation is written as an intent: `apply(body)` computes the new body from the current one and
 * re-checks its own rules (name clash, cycles) each time, and `touches(body)` names the part of the body
 * the intent decides (a rename touches the name, a move the parent). After a 409 the tree is pulled
 * again; if another client changed exactly what this intent touches, retrying would silently undo
 * their change, so the call fails with `conflict` and the other change stands. If they changed
 * something else (renamed while we moved), the intent is applied on top of their version.
 */
export interface Intent {
  /** `version` is the node's current version (the one being replaced). */
  apply(body: NodeBody, version: number): NodeBody;
  touches(body: NodeBody): string;
}

const MAX_ATTEMPTS = 5;

/** A create's own outcome inside a shared batch. */
type CreateOutcome = { answer: NodeWriteAnswer } | { error: unknown };

export class NodeWriter {
  /** New records written close together share one POST /nodes/batch ([Note: Batching without a timer]). */
  private readonly creates: RequestBatcher<BatchOp & { op: 'put' }, CreateOutcome>;

  constructor(private readonly api: RelayApi, private readonly keys: NodePlaceKeys, private readonly sync: TreeSync) {
    this.creates = new RequestBatcher((ops) => this.sendCreates(ops), { maxItems: 200, maxWeight: 1024 * 1024, inFlight: 2 }, (op) => op.body.length);
  }

  /**
   * One request for many creates. Ids are fresh random ones, so a batch refused as a conflict (an id
   * already taken, all but impossible) is sent again one by one, and only the clashing create fails.
   */
  private async sendCreates(ops: (BatchOp & { op: 'put' })[]): Promise<CreateOutcome[]> {
    if (ops.length === 1) return [await this.api.putNode(ops[0].id, 0, ops[0].body).then((answer) => ({ answer }), (error: unknown) => ({ error }))];
    try {
      const { nodes } = await this.api.batch(ops);
      return nodes.map((answer) => ({ answer }));
    } catch (error) {
      if (!isRelayError(error, 'version_conflict')) return ops.map(() => ({ error }));
      return Promise.all(ops.map((op) => this.api.putNode(op.id, 0, op.body).then((answer) => ({ answer }), (e: unknown) => ({ error: e }))));
    }
  }

  private get tree() { return this.sync.tree; }

  async create(id: string, body: NodeBody): Promise<StoredNode> {
    const sealed = await sealNodeBody(this.keys, id, 1, body);
    try {
      const outcome = await this.creates.add({ op: 'put', id, ifVersion: 0, body: sealed });
      if ('error' in outcome) throw outcome.error;
      const answer = outcome.answer;
      const node = { id, version: answer.version, body };
      this.tree.upsert(node);
      return node;
    } catch (error) {
      throw toClientError(error, { nodeId: id });
    }
  }

  async mutate(id: string, intent: Intent): Promise<StoredNode> {
    const base = intent.touches(this.tree.get(id).body);
    for (let attempt = 1; ; attempt++) {
      const current = this.tree.get(id);
      if (intent.touches(current.body) !== base) {
        throw new ClientError('conflict', 'Another device changed this item at the same time; its change was kept.', { nodeId: id });
      }
      const body = intent.apply(current.body, current.version);
      const version = current.version + 1;
      const sealed = await sealNodeBody(this.keys, id, version, body);
      try {
        const answer = await this.api.putNode(id, current.version, sealed);
        const node = { id, version: answer.version, body };
        this.tree.upsert(node);
        return node;
      } catch (error) {
        if (!isRelayError(error, 'version_conflict') || attempt >= MAX_ATTEMPTS) throw toClientError(error, { nodeId: id });
        await this.sync.pull();
      }
    }
  }

  /** Deletes the record for good; a concurrent change doesn't save it (deleting a trashed item is final). */
  async remove(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = this.tree.nodes.get(id);
      if (!current) return;
      try {
        await this.api.deleteNode(id, current.version);
        this.tree.remove(id);
        return;
      } catch (error) {
        if (isRelayError(error, 'node_not_found') || isRelayError(error, 'node_deleted')) {
          this.tree.remove(id);
          return;
        }
        if (!isRelayError(error, 'version_conflict') || attempt >= MAX_ATTEMPTS) throw toClientError(error, { nodeId: id });
        await this.sync.pull();
      }
    }
  }
}
