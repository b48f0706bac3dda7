// Search and filter over the in-memory index: free text on names plus type, size and date filters.
// Pure and linear; 10,000 nodes take well under a frame, so it runs on every keystroke.
import type { VaultNode } from './vault-client.js';
import type { VaultIndex } from './vault-index.js';
import { mediaKindOf, type MediaKind } from './media-kind.js';

export type SizeFilter = 'any' | 'small' | 'medium' | 'large' | 'huge';
export type DateFilter = 'any' | 'day' | 'week' | 'month' | 'year' | 'older';

export interface NodeFilter {
  readonly text: string;
  readonly kind: MediaKind | 'any';
  readonly size: SizeFilter;
  readonly modified: DateFilter;
}

export const emptyFilter: NodeFilter = { text: '', kind: 'any', size: 'any', modified: 'any' };

const MiB = 1024 * 1024;
/** [min, max) in bytes. */
export const sizeRanges: Record<Exclude<SizeFilter, 'any'>, readonly [number, number]> = {
  small: [0, MiB], medium: [MiB, 100 * MiB], large: [100 * MiB, 1024 * MiB], huge: [1024 * MiB, Infinity],
};
export const sizeLabels: Record<SizeFilter, string> = { any: 'Any size', small: 'Under 1 MB', medium: '1–100 MB', large: '100 MB – 1 GB', huge: 'Over 1 GB' };
const DAY = 86_400_000;
export const dateSpans: Record<Exclude<DateFilter, 'any' | 'older'>, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };
export const dateLabels: Record<DateFilter, string> = { any: 'Any time', day: 'Last 24 hours', week: 'Last 7 days', month: 'Last 30 days', year: 'Last year', older: 'Over a year ago' };

export function isFilterActive(f: NodeFilter): boolean {
  return f.text.trim() !== '' || f.kind !== 'any' || f.size !== 'any' || f.modified !== 'any';
}

/** Splits free text into lower-cased words; every word must occur in the name (in any order). */
export function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function makePredicate(f: NodeFilter, now: number): (node: VaultNode, foldedName: string) => boolean {
  const terms = searchTerms(f.text);
  const range = f.size === 'any' ? null : sizeRanges[f.size];
  return (node, folded) => {
    for (const t of terms) if (!folded.includes(t)) return false;
    if (f.kind !== 'any' && mediaKindOf(node) !== f.kind) return false;
    if (range && (node.type === 'folder' || node.size < range[0] || node.size >= range[1])) return false;
    if (f.modified === 'older' && node.mtime > now - dateSpans.year) return false;
    if (f.modified !== 'any' && f.modified !== 'older' && node.mtime < now - dateSpans[f.modified]) return false;
    return true;
  };
}

/** Every live node in the vault that passes the filter (search is vault-wide, like people expect). */
export function searchIndex(index: VaultIndex, f: NodeFilter, now: number = Date.now()): VaultNode[] {
  return filterNodes(index, index.liveNodes(), f, now);
}

/**
 * Filters an already ordered list, keeping its order. The file list keeps every live node sorted once
 * per index change, so each keystroke is one linear pass and never a sort.
 */
export function filterNodes(index: VaultIndex, nodes: readonly VaultNode[], f: NodeFilter, now: number = Date.now()): VaultNode[] {
  const keep = makePredicate(f, now);
  return nodes.filter((n) => keep(n, index.foldedName(n.id)));
}

/**
 * `locationOf` memoized by parent folder, for rendering only the visible rows: most results share a
 * few folders, and computing 10,000 paths up front would cost more than the search itself.
 */
export function locationLookup(index: VaultIndex): (node: VaultNode) => string {
  const byParent = new Map<string, string>();
  return (node) => {
    const key = node.parentId ?? index.rootId;
    let loc = byParent.get(key);
    if (loc === undefined) byParent.set(key, (loc = locationOf(index, node)));
    return loc;
  };
}

/** Where a match sits, for the "in Docs / Sub" hint beside search results. */
export function locationOf(index: VaultIndex, node: VaultNode): string {
  const path = index.pathTo(node.parentId ?? index.rootId).slice(1).map((n) => n.name);
  return path.length ? path.join(' / ') : 'Home';
}
