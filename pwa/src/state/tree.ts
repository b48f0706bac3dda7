// Flattens the folder tree into the rows the sidebar shows (depth, expanded, position in set), so
// the ARIA tree's keyboard handling is arithmetic over an array.
import type { NodeId } from './vault-client.js';
import type { VaultIndex } from './vault-index.js';
import { compareNames } from './sort.js';

export interface TreeRow {
  readonly id: NodeId;
  readonly name: string;
  /** 1 for the root, as aria-level counts. */
  readonly level: number;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  readonly posInSet: number;
  readonly setSize: number;
  readonly parentId: NodeId | null;
}

export interface TreeSource {
  childFolders(id: NodeId): readonly { readonly id: NodeId; readonly name: string }[];
  hasChildFolders(id: NodeId): boolean;
}

/** Depth-first rows of the visible folders, children in name order. */
export function flattenTree(source: TreeSource, rootId: NodeId, rootName: string, expanded: ReadonlySet<NodeId>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (id: NodeId, name: string, level: number, pos: number, size: number, parentId: NodeId | null) => {
    const isOpen = expanded.has(id);
    rows.push({ id, name, level, hasChildren: source.hasChildFolders(id), expanded: isOpen, posInSet: pos, setSize: size, parentId });
    if (!isOpen) return;
    const kids = [...source.childFolders(id)].sort((a, b) => compareNames(a.name, b.name));
    kids.forEach((k, i) => visit(k.id, k.name, level + 1, i + 1, kids.length, id));
  };
  visit(rootId, rootName, 1, 1, 1, null);
  return rows;
}

/** Expands every ancestor of `id` so the current folder is visible in the tree. */
export function expandTo(index: VaultIndex, id: NodeId, expanded: ReadonlySet<NodeId>): Set<NodeId> {
  const next = new Set(expanded);
  for (const n of index.pathTo(id).slice(0, -1)) next.add(n.id);
  return next;
}

export type TreeKeyResult =
  | { readonly type: 'focus'; readonly index: number }
  | { readonly type: 'expand'; readonly id: NodeId }
  | { readonly type: 'collapse'; readonly id: NodeId }
  | { readonly type: 'none' };

/** The WAI-ARIA tree pattern's arrow/Home/End behaviour for the row at `at`. */
export function treeKey(rows: readonly TreeRow[], at: number, key: string): TreeKeyResult {
  const row = rows[at];
  if (!row) return { type: 'none' };
  switch (key) {
    case 'ArrowDown': return at < rows.length - 1 ? { type: 'focus', index: at + 1 } : { type: 'none' };
    case 'ArrowUp': return at > 0 ? { type: 'focus', index: at - 1 } : { type: 'none' };
    case 'Home': return { type: 'focus', index: 0 };
    case 'End': return { type: 'focus', index: rows.length - 1 };
    case 'ArrowRight':
      if (row.hasChildren && !row.expanded) return { type: 'expand', id: row.id };
      if (row.hasChildren && row.expanded) return { type: 'focus', index: at + 1 };
      return { type: 'none' };
    case 'ArrowLeft': {
      if (row.expanded) return { type: 'collapse', id: row.id };
      const parent = rows.findIndex((r) => r.id === row.parentId);
      return parent >= 0 ? { type: 'focus', index: parent } : { type: 'none' };
    }
    default: return { type: 'none' };
  }
}
