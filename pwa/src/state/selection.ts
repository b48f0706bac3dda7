// The file list's selection model over an ordered list of ids: click, Ctrl/Cmd-click, Shift-click,
// keyboard moves with and without Shift, select all. Pure: each function returns a new state.
export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts. */
  readonly anchor: string | null;
  /** The row that has (roving) focus. */
  readonly focus: string | null;
}

export const emptySelection: Selection = { selected: new Set(), anchor: null, focus: null };

export interface Modifiers { readonly toggle: boolean; readonly range: boolean }

function rangeIds(order: readonly string[], from: string | null, to: string): string[] {
  const b = order.indexOf(to);
  const a = from === null ? -1 : order.indexOf(from);
  if (a < 0) return [to];
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return order.slice(lo, hi + 1);
}

/** Pointer click on `id`: plain selects only it; Ctrl toggles it; Shift selects anchor…id (Ctrl+Shift adds the range). */
export function clickSelect(s: Selection, order: readonly string[], id: string, m: Modifiers): Selection {
  if (m.range) {
    const range = rangeIds(order, s.anchor, id);
    const selected = new Set(m.toggle ? s.selected : []);
    for (const r of range) selected.add(r);
    return { selected, anchor: s.anchor ?? id, focus: id };
  }
  if (m.toggle) {
    const selected = new Set(s.selected);
    if (selected.has(id)) selected.delete(id); else selected.add(id);
    return { selected, anchor: id, focus: id };
  }
  return { selected: new Set([id]), anchor: id, focus: id };
}

/**
 * Keyboard move to index `to` (arrows, Home/End, Page keys): plain moves focus and selects that row;
 * Shift extends from the anchor; Ctrl moves focus only (Space then toggles).
 */
export function moveFocus(s: Selection, order: readonly string[], to: number, m: Modifiers): Selection {
  if (order.length === 0) return emptySelection;
  const id = order[Math.max(0, Math.min(order.length - 1, to))];
  if (m.range) return { selected: new Set(rangeIds(order, s.anchor ?? s.focus, id)), anchor: s.anchor ?? s.focus ?? id, focus: id };
  if (m.toggle) return { ...s, focus: id };
  return { selected: new Set([id]), anchor: id, focus: id };
}

export function toggleFocused(s: Selection): Selection {
  return s.focus === null ? s : clickSelect(s, [], s.focus, { toggle: true, range: false });
}

export function selectAll(order: readonly string[], s: Selection): Selection {
  return { selected: new Set(order), anchor: s.anchor ?? order[0] ?? null, focus: s.focus ?? order[0] ?? null };
}

/** Drops ids that are no longer listed (deleted, moved away, filtered out); keeps the focus near where it was. */
export function pruneSelection(s: Selection, order: readonly string[], previousOrder: readonly string[] = []): Selection {
  const present = new Set(order);
  const selected = new Set([...s.selected].filter((id) => present.has(id)));
  let focus = s.focus !== null && present.has(s.focus) ? s.focus : null;
  if (focus === null && s.focus !== null && order.length) {
    const was = previousOrder.indexOf(s.focus);
    focus = order[Math.min(Math.max(was, 0), order.length - 1)];
  }
  const anchor = s.anchor !== null && present.has(s.anchor) ? s.anchor : focus;
  if (selected.size === s.selected.size && focus === s.focus && anchor === s.anchor) return s;
  return { selected, anchor, focus };
}

/** The ids an action applies to, in list order. */
export function selectedInOrder(s: Selection, order: readonly string[]): string[] {
  return order.filter((id) => s.selected.has(id));
}
