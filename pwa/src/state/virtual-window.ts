// Window math for the virtualized file list: which rows to render for a scroll position, and how far
// to scroll to bring a row into view. Fixed row height keeps it O(1) for any number of rows.
export interface VirtualWindow {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** Last rendered row + 1 (exclusive). */
  readonly end: number;
  /** Full scrollable height of all rows in px. */
  readonly totalHeight: number;
}

export function computeWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): VirtualWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, totalHeight: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil((top + Math.max(viewportHeight, 0)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(visible, first + 1) + overscan), totalHeight };
}

/** The scrollTop that shows row `index` fully, or null when it already is visible. */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}

/** Rows that one Page Up/Down moves: a viewport less one row of context. */
export function pageSize(rowHeight: number, viewportHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}
