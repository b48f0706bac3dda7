// The in-memory decrypted index the UI browses and searches: nodes by id, children by parent, kept up
// to date by applying `nodes` events. Lives only in memory (see [Note: VaultClient contract]).
import type { NodeId, VaultNode, VaultTree } from './vault-client.js';

export class VaultIndex {
  readonly rootId: NodeId;
  revision: number;
  private readonly byId = new Map<NodeId, VaultNode>();
  private readonly children = new Map<NodeId, Set<NodeId>>();
  /** Lower-cased names, computed once per node version, so search does no per-keystroke work per node. */
  private readonly folded = new Map<NodeId, string>();

  constructor(tree: VaultTree) {
    this.rootId = tree.rootId;
    this.revision = tree.revision;
    for (const n of tree.nodes) this.put(n);
  }

  get size(): number { return this.byId.size; }
  get(id: NodeId): VaultNode | undefined { return this.byId.get(id); }
  foldedName(id: NodeId): string { return this.folded.get(id) ?? ''; }
  all(): IterableIterator<VaultNode> { return this.byId.values(); }

  /** Applies a change batch. Batches older than what we hold are ignored (they arrive late from another tab). */
  /** `local`: a change of this device's own picture (made offline), applied whatever the revision. */
  apply(revision: number, upserted: readonly VaultNode[], removed: readonly NodeId[], local = false): boolean {
    if (!local && revision <= this.revision) return false;
    this.revision = Math.max(this.revision, revision);
    for (const id of removed) this.remove(id);
    for (const n of upserted) this.put(n);
    return true;
  }

  private put(n: VaultNode): void {
    const old = this.byId.get(n.id);
    if (old && old.parentId !== n.parentId && old.parentId !== null) this.children.get(old.parentId)?.delete(n.id);
    this.byId.set(n.id, n);
    this.folded.set(n.id, n.name.toLowerCase());
    if (n.parentId !== null) {
      let set = this.children.get(n.parentId);
      if (!set) this.children.set(n.parentId, (set = new Set()));
      set.add(n.id);
    }
  }

  private remove(id: NodeId): void {
    const old = this.byId.get(id);
    if (!old) return;
    if (old.parentId !== null) this.children.get(old.parentId)?.delete(id);
    this.byId.delete(id);
    this.folded.delete(id);
  }

  /** Children not in the trash (the trash view lists trashed nodes with `trashedNodes`). */
  childrenOf(id: NodeId): VaultNode[] {
    const out: VaultNode[] = [];
    for (const c of this.children.get(id) ?? []) {
      const n = this.byId.get(c);
      if (n && !n.trashed) out.push(n);
    }
    return out;
  }

  childFolders(id: NodeId): VaultNode[] { return this.childrenOf(id).filter((n) => n.type === 'folder'); }
  hasChildFolders(id: NodeId): boolean {
    for (const c of this.children.get(id) ?? []) {
      const n = this.byId.get(c);
      if (n && !n.trashed && n.type === 'folder') return true;
    }
    return false;
  }

  /** Nodes the user moved to the trash themselves, newest first. */
  trashedNodes(): VaultNode[] {
    return [...this.byId.values()].filter((n) => n.trashed).sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0));
  }

  /** Root-first chain of folders from the root to `id` (inclusive). Empty for an unknown id. */
  pathTo(id: NodeId): VaultNode[] {
    const out: VaultNode[] = [];
    const seen = new Set<NodeId>();
    for (let n = this.byId.get(id); n && !seen.has(n.id); n = n.parentId === null ? undefined : this.byId.get(n.parentId)) {
      seen.add(n.id);
      out.unshift(n);
    }
    return out;
  }

  /** True when the node or any ancestor is trashed: it is not visible outside the trash. */
  isInTrash(id: NodeId): boolean {
    return this.pathTo(id).some((n) => n.trashed);
  }

  /** True when `id` is `ancestorId` or below it (moving a folder into itself is refused early). */
  isWithin(id: NodeId, ancestorId: NodeId): boolean {
    return this.pathTo(id).some((n) => n.id === ancestorId);
  }

  /** Visible (not trashed) nodes, root excluded: what search runs over. */
  liveNodes(): VaultNode[] {
    const trashedRoots = [...this.byId.values()].filter((n) => n.trashed).map((n) => n.id);
    if (trashedRoots.length === 0) return [...this.byId.values()].filter((n) => n.id !== this.rootId);
    const hidden = new Set<NodeId>();
    const stack = [...trashedRoots];
    while (stack.length) {
      const id = stack.pop()!;
      hidden.add(id);
      for (const c of this.children.get(id) ?? []) stack.push(c);
    }
    return [...this.byId.values()].filter((n) => n.id !== this.rootId && !hidden.has(n.id));
  }

  /** Names in a folder, lower-cased, for conflict checks before upload, create and rename. */
  namesIn(folderId: NodeId): Map<string, VaultNode> {
    return new Map(this.childrenOf(folderId).map((n) => [n.name.toLowerCase(), n]));
  }
}
