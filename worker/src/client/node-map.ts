// The tree's nodes by id, with each folder's children kept beside them so "the children of X" and "the
// child of X named N" cost the folder's size, not the vault's. Every writer goes through set/delete/clear
// (the tree, its sync, offline changes all use the Map API), so the index can't fall behind.
import { nameKey } from './names.js';
import type { StoredNode } from './vault-tree.js';

export class NodeMap extends Map<string, StoredNode> {
  /** parentId → (child id → child). Created lazily: Map's constructor calls set() before fields exist. */
  private byParent?: Map<string, Map<string, StoredNode>>;
  /** parentId → (nameKey → ids of children with that name, trashed ones too). */
  private byName?: Map<string, Map<string, Set<string>>>;

  private index(): { byParent: Map<string, Map<string, StoredNode>>; byName: Map<string, Map<string, Set<string>>> } {
    this.byParent ??= new Map();
    this.byName ??= new Map();
    return { byParent: this.byParent, byName: this.byName };
  }

  override set(id: string, node: StoredNode): this {
    const old = super.get(id);
    const parentId = node.body.parentId;
    if (old && parentId !== null && old.body.parentId === parentId && old.body.name === node.body.name) {
      // Same place: replaced where it stands, so children keep their order (as the Map itself does).
      super.set(id, node);
      this.byParent?.get(parentId)?.set(id, node);
      return this;
    }
    this.unindex(id);
    super.set(id, node);
    if (parentId !== null) {
      const { byParent, byName } = this.index();
      let kids = byParent.get(parentId);
      if (!kids) byParent.set(parentId, kids = new Map());
      kids.set(id, node);
      let names = byName.get(parentId);
      if (!names) byName.set(parentId, names = new Map());
      const key = nameKey(node.body.name);
      let ids = names.get(key);
      if (!ids) names.set(key, ids = new Set());
      ids.add(id);
    }
    return this;
  }

  override delete(id: string): boolean {
    this.unindex(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byParent?.clear();
    this.byName?.clear();
  }

  private unindex(id: string): void {
    const old = super.get(id);
    const parentId = old?.body.parentId;
    if (!old || parentId === null || parentId === undefined) return;
    const { byParent, byName } = this.index();
    const kids = byParent.get(parentId);
    kids?.delete(id);
    if (kids?.size === 0) byParent.delete(parentId);
    const names = byName.get(parentId);
    const key = nameKey(old.body.name);
    const ids = names?.get(key);
    ids?.delete(id);
    if (ids?.size === 0) names!.delete(key);
    if (names?.size === 0) byName.delete(parentId);
  }

  /** The nodes whose parent is `parentId`, trashed ones included. */
  childrenOf(parentId: string): IterableIterator<StoredNode> {
    return (this.byParent?.get(parentId) ?? new Map<string, StoredNode>()).values();
  }

  /** The children of `parentId` whose name has this nameKey, trashed ones included. */
  *childrenNamed(parentId: string, key: string): IterableIterator<StoredNode> {
    for (const id of this.byName?.get(parentId)?.get(key) ?? []) yield super.get(id)!;
  }
}
