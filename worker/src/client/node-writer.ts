// Compare-and-swap writes of node records (DESIGN.md §5): seal the new body for version n+1, PUT it
// with If-Match n, and on 409 re-read the change log and retry the user's intent if it still makes
// sense; see [Note: Retrying an intent after a conflict].
import { ClientError, toClientError } from './client-error.js';
import { isRelayError } from './relay-error.js';
import type { RelayApi } from './relay-api.js';
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

export class NodeWriter {
  constructor(private readonly api: RelayApi, private readonly keys: NodePlaceKeys, private readonly sync: TreeSync) {}

  private get tree() { return this.sync.tree; }

  async create(id: string, body: NodeBody): Promise<StoredNode> {
    const sealed = await sealNodeBody(this.keys, id, 1, body);
    try {
      const answer = await this.api.putNode(id, 0, sealed);
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
