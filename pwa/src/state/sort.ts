// Orders the file list: folders first, then by the chosen column, names compared the way people read
// them ("file 2" before "file 10"), ties broken by name then id so the order is stable.
import type { VaultNode } from './vault-client.js';
import { typeLabelOf } from './media-kind.js';

export type SortKey = 'name' | 'size' | 'mtime' | 'type';
export type SortDirection = 'asc' | 'desc';
export interface SortOrder { readonly key: SortKey; readonly direction: SortDirection }

export const defaultSort: SortOrder = { key: 'name', direction: 'asc' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortNodes(nodes: readonly VaultNode[], order: SortOrder): VaultNode[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  // Type labels are computed once per node, not once per comparison.
  const typeOf = order.key === 'type' ? new Map(nodes.map((n) => [n.id, typeLabelOf(n)])) : null;
  const primary = (a: VaultNode, b: VaultNode): number => {
    switch (order.key) {
      case 'name': return 0;
      case 'size': return a.size - b.size;
      case 'mtime': return a.mtime - b.mtime;
      case 'type': return compareNames(typeOf!.get(a.id)!, typeOf!.get(b.id)!);
    }
  };
  return [...nodes].sort((a, b) => {
    if (a.type !== b.type) return a.type === 'folder' ? -1 : 1;
    const p = primary(a, b);
    if (p) return sign * p;
    const n = compareNames(a.name, b.name);
    if (n) return order.key === 'name' ? sign * n : n;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Clicking a column header: same column flips direction, another column starts ascending (newest first for dates). */
export function toggleSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'mtime' || key === 'size' ? 'desc' : 'asc' };
}
