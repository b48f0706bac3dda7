// The decrypted tree as this client holds it: every node's opened body and version, the highest
// account revision seen (rollback detection, DESIGN.md §2), and the derived views the operations need
// (children by name, ancestry, subtrees). It never talks to the relay; tree-sync.ts feeds it.
import { ClientError } from './client-error.js';
import type { NodeBody } from './node-record.js';
import { nameKey } from './names.js';
import { NodeMap } from './node-map.js';

/** One node as the UI sees it (the PWA's `VaultNode` is this type). */
export interface ClientNode {
  readonly id: string;
  /** `null` only for the root folder. A trashed node keeps its parent, so restore puts it back. */
  readonly parentId: string | null;
  readonly type: 'file' | 'folder';
  readonly name: string;
  /** Plaintext bytes before compression and padding; 0 for folders. */
  readonly size: number;
  /** Last modification, ms since the epoch (the file's own mtime when known, else upload time). */
  readonly mtime: number;
  /** IANA media type as recorded at upload (sniffed from the name when the browser gave none); '' for folders. */
  readonly mediaType: string;
  /** The node record's version (compare-and-swap counter), starting at 1. */
  readonly version: number;
  /** True when the node itself was moved to the trash (its descendants are not flagged one by one). */
  readonly trashed: boolean;
  /** When it was moved to the trash, ms since the epoch; null when not trashed. */
  readonly trashedAt: number | null;
  /** SHA-256 of the plaintext (hex) for files uploaded since it was recorded; null for folders and older files. */
  readonly contentHash: string | null;
}

export interface StoredNode { id: string; version: number; body: NodeBody }

export function toClientNode(node: StoredNode): ClientNode {
  const { body } = node;
  return {
    id: node.id,
    parentId: body.parentId,
    type: body.type,
    name: body.name,
    size: body.content?.size ?? 0,
    mtime: body.mtime,
    mediaType: body.content?.mediaType ?? '',
    version: node.version,
    trashed: body.trashed,
    trashedAt: body.trashedAt,
    contentHash: body.content?.contentHash ?? null,
  };
}

export class VaultTree {
  readonly nodes = new NodeMap();
  /** Highest revision this tree has applied; the relay must never show less. */
  revision = 0;
  /** Highest revision this device saw in earlier sessions (revision-store.ts); the relay must never show less either. */
  seenBefore = 0;

  constructor(readonly rootId: string) {}

  get(id: string): StoredNode {
    const node = this.nodes.get(id);
    if (!node) throw new ClientError('not-found', `Node ${id} is not in the vault (deleted, or not synced yet).`, { nodeId: id });
    return node;
  }

  /** Records a revision the relay reported; a smaller one than already seen is a rollback. */
  noteRevision(revision: number): void {
    this.checkRevision(revision);
    this.revision = revision;
  }

  /** Refuses a relay state older than one this client (in this session or an earlier one) has seen. */
  checkRevision(revision: number): void {
    const seen = Math.max(this.revision, this.seenBefore);
    if (revision < seen) {
      throw new ClientError('rollback', `The relay shows the vault as it was at change ${revision}, but this device already saw change ${seen}: it may have been restored from an old copy. Nothing was changed here; ask the relay's operator.`);
    }
  }

  /** Applies one node state; an older version than one already seen is a rollback of that node. */
  upsert(node: StoredNode): void {
    const known = this.nodes.get(node.id);
    if (known && known.version > node.version) {
      throw new ClientError('rollback', `The relay shows version ${node.version} of a node this client saw at ${known.version}.`, { nodeId: node.id });
    }
    this.nodes.set(node.id, node);
  }

  remove(id: string): void {
    this.nodes.delete(id);
  }

  children(parentId: string): StoredNode[] {
    return [...this.nodes.childrenOf(parentId)];
  }

  /** The node, which must be a folder (the target of a create, move or upload). */
  folder(id: string): StoredNode {
    const node = this.get(id);
    if (node.body.type !== 'folder') throw new ClientError('invalid-name', 'Only a folder can hold other items.', { nodeId: id });
    return node;
  }

  /** Refuses a name `parentId` already holds (live items only; `except` is the item being renamed or moved). */
  checkFree(parentId: string, name: string, except?: string): void {
    if (this.childNamed(parentId, name, except)) throw new ClientError('name-taken', `The folder already holds an item named "${name}".`, { nodeId: except });
  }

  /** The live (not trashed) child of `parentId` with this name, compared as nameKey does. */
  childNamed(parentId: string, name: string, except?: string): StoredNode | undefined {
    const key = nameKey(name);
    for (const n of this.nodes.childrenNamed(parentId, key)) if (n.id !== except && !n.body.trashed) return n;
    return undefined;
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let cur: string | null = id; cur !== null && !seen.has(cur); cur = this.nodes.get(cur)?.body.parentId ?? null) {
      if (cur === ancestorId) return true;
      seen.add(cur);
    }
    return false;
  }

  /** True when the node or one of its ancestors is in the trash. */
  inTrash(id: string): boolean {
    const seen = new Set<string>();
    for (let cur: string | null = id; cur !== null && !seen.has(cur); cur = this.nodes.get(cur)?.body.parentId ?? null) {
      if (this.nodes.get(cur)?.body.trashed) return true;
      seen.add(cur);
    }
    return false;
  }

  /** The node and everything below it, parents before children. */
  subtree(id: string): StoredNode[] {
    const out: StoredNode[] = [this.get(id)];
    for (let i = 0; i < out.length; i++) {
      if (out[i].body.type === 'folder') out.push(...this.children(out[i].id));
    }
    return out;
  }

  /** The node's path of names (as pathOf), or null when it is gone or it or an ancestor is in the trash. */
  livePath(id: string | null): string[] | null {
    if (!id || !this.nodes.has(id) || this.inTrash(id)) return null;
    return this.pathOf(id);
  }

  /** Path of names from the root (exclusive) to the node (inclusive). */
  pathOf(id: string): string[] {
    const names: string[] = [];
    for (let cur = this.nodes.get(id); cur && cur.id !== this.rootId; cur = cur.body.parentId ? this.nodes.get(cur.body.parentId) : undefined) {
      names.unshift(cur.body.name);
    }
    return names;
  }

  snapshot(): { rootId: string; nodes: ClientNode[]; revision: number } {
    return { rootId: this.rootId, nodes: [...this.nodes.values()].map(toClientNode), revision: this.revision };
  }
}
