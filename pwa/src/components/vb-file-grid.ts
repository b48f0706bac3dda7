// <vb-file-grid>: the file list as an ARIA grid: virtualized rows (only the visible window plus the
// focused row are in the DOM), roving focus, Ctrl/Shift multi-select, sortable column headers,
// type-ahead, F2/Delete/Enter shortcuts and drag-to-move. Selection logic is state/selection.ts.
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { styleProps } from './style-props.js';
import type { NodeId, VaultNode } from '../state/vault-client.js';
import { type SortKey, type SortOrder } from '../state/sort.js';
import { clickSelect, moveFocus, selectAll, toggleFocused, emptySelection, type Selection } from '../state/selection.js';
import { computeWindow, scrollToReveal, pageSize } from '../state/virtual-window.js';
import { TypeAhead, isTypeAheadKey } from '../state/type-ahead.js';
import { formatBytes, formatDate } from '../state/format.js';
import { mediaKindOf, typeLabelOf } from '../state/media-kind.js';
import { sharedStyles } from './shared-styles.js';
import { kindIcon } from './icons.js';

/** DataTransfer type carrying the dragged node ids (JSON array). */
export const nodeDragType = 'application/x-veilbox-nodes';

export interface MoveDropDetail { readonly ids: readonly NodeId[]; readonly targetId: NodeId }

const columns: readonly { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' }, { key: 'size', label: 'Size' }, { key: 'mtime', label: 'Modified' }, { key: 'type', label: 'Type' },
];

@customElement('vb-file-grid')
export class VbFileGrid extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; flex: 1; --row: 44px; }
    [role=grid] { display: flex; flex-direction: column; min-height: 0; flex: 1; }
    .head, .r { display: grid; grid-template-columns: 36px minmax(0, 1fr) 96px 120px 150px; align-items: center; }
    .head.loc, .r.loc { grid-template-columns: 36px minmax(0, 1fr) 160px 96px 120px 150px; }
    .head { border-bottom: 1px solid var(--vb-border); font-size: 0.85em; color: var(--vb-muted); min-height: 36px; }
    .head button { border: none; background: none; min-height: 32px; padding: 0 8px; color: inherit; font-weight: 600; width: 100%; justify-content: flex-start; }
    .head button:hover { color: var(--vb-text); }
    .viewport { flex: 1; overflow-y: auto; position: relative; min-height: 0; contain: strict; }
    .spacer { position: relative; }
    .r { position: absolute; left: 0; right: 0; height: var(--row); border-bottom: 1px solid color-mix(in srgb, var(--vb-border) 50%, transparent); cursor: default; user-select: none; }
    .r:hover { background: var(--vb-surface-2); }
    .r[aria-selected=true] { background: var(--vb-selected); }
    .r:focus { outline: 2px solid var(--vb-focus); outline-offset: -2px; }
    .r.drop { outline: 2px dashed var(--vb-accent); outline-offset: -3px; }
    .c { padding: 0 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .name { display: flex; align-items: center; gap: 10px; }
    .name span:last-child { overflow: hidden; text-overflow: ellipsis; }
    .icon { width: 28px; height: 28px; border-radius: 6px; display: grid; place-items: center; flex: none; font-size: 0.72rem; font-weight: 700; background: var(--vb-surface-2); color: var(--vb-muted); }
    .icon.folder { background: var(--vb-accent-soft); position: relative; }
    .icon.folder::after { content: ''; width: 16px; height: 12px; border-radius: 2px; background: var(--vb-accent); opacity: 0.85; box-shadow: -3px -3px 0 -1px var(--vb-accent); }
    .num, .muted { color: var(--vb-muted); font-size: 0.92em; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .head .num button { justify-content: flex-end; }
    .check { display: grid; place-items: center; }
    .box { width: 16px; height: 16px; border: 1.5px solid var(--vb-muted); border-radius: 4px; display: grid; place-items: center; font-size: 11px; color: var(--vb-accent-text); }
    [aria-selected=true] .box { background: var(--vb-accent); border-color: var(--vb-accent); }
    .empty { padding: 48px 16px; text-align: center; color: var(--vb-muted); }
    @media (max-width: 720px) {
      :host { --row: 56px; }
      .head, .r, .head.loc, .r.loc { grid-template-columns: 36px minmax(0, 1fr) 84px; }
      .hide-narrow { display: none; }
      .sub { display: block; font-size: 0.8em; color: var(--vb-muted); }
    }
    @media (min-width: 721px) { .sub { display: none; } }
  `];

  /** Rows in display order (already sorted and filtered). */
  @property({ attribute: false }) nodes: readonly VaultNode[] = [];
  @property({ attribute: false }) selection: Selection = emptySelection;
  @property({ attribute: false }) sort: SortOrder = { key: 'name', direction: 'asc' };
  /** Search results show where each match lives (called only for rendered rows). */
  @property({ attribute: false }) locations: ((node: VaultNode) => string) | null = null;
  @property() label = 'Files';
  @property() emptyText = 'This folder is empty.';
  /** False in the trash: nothing there can be dragged or dropped onto. */
  @property({ type: Boolean }) movable = true;

  @state() private listTop = 0;
  @state() private viewportHeight = 600;
  @state() private dropTarget: NodeId | null = null;
  @query('.viewport') private viewport!: HTMLElement;
  private rowHeight = 44;
  private readonly typeAhead = new TypeAhead();
  private resize?: ResizeObserver;
  private focusAfterRender = false;
  private scrollFrame = 0;

  private get order(): string[] { return this.nodes.map((n) => n.id); }

  override firstUpdated(): void {
    this.resize = new ResizeObserver(() => {
      this.viewportHeight = this.viewport.clientHeight;
      this.rowHeight = parseFloat(getComputedStyle(this).getPropertyValue('--row')) || 44;
    });
    this.resize.observe(this.viewport);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    cancelAnimationFrame(this.scrollFrame);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      // An empty folder keeps the keyboard in the list on its "empty" cell, so Backspace still goes up.
      this.renderRoot.querySelector<HTMLElement>('.r[tabindex="0"], .empty [tabindex="0"]')?.focus({ preventScroll: true });
    }
    if (changed.has('nodes') && changed.get('nodes') !== undefined && this.viewport && this.nodes.length * this.rowHeight < this.viewport.scrollTop) {
      this.viewport.scrollTop = 0;
    }
  }

  /** Moves keyboard focus into the list (after navigation, or from the "skip to files" link). */
  focusList(): void {
    if (!this.selection.focus && this.nodes.length) this.setSelection(moveFocus(this.selection, this.order, 0, { toggle: true, range: false }));
    this.focusAfterRender = true;
    this.requestUpdate();
  }

  private setSelection(s: Selection): void {
    this.dispatchEvent(new CustomEvent<Selection>('vb-selection-change', { detail: s, bubbles: true, composed: true }));
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private onScroll(): void {
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = requestAnimationFrame(() => { this.listTop = this.viewport.scrollTop; });
  }

  private reveal(index: number): void {
    const top = scrollToReveal(index, this.rowHeight, this.viewport.scrollTop, this.viewport.clientHeight);
    if (top !== null) { this.viewport.scrollTop = top; this.listTop = top; }
  }

  private onKeydown(e: KeyboardEvent): void {
    const order = this.order;
    if (!order.length) return;
    const at = Math.max(0, this.selection.focus ? order.indexOf(this.selection.focus) : 0);
    const mods = { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey };
    const page = pageSize(this.rowHeight, this.viewport.clientHeight);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: order.length - 1, PageDown: at + page, PageUp: at - page };
    const focused = this.nodes[at];
    if (e.key in moves) {
      e.preventDefault();
      const to = Math.max(0, Math.min(order.length - 1, moves[e.key]));
      this.setSelection(moveFocus(this.selection, order, to, mods));
      this.reveal(to);
      this.focusAfterRender = true;
    } else if (e.key === ' ' ) {
      e.preventDefault();
      this.setSelection(e.shiftKey ? moveFocus(this.selection, order, at, { toggle: false, range: true }) : toggleFocused(this.selection));
    } else if (e.key === 'a' && mods.toggle) {
      e.preventDefault();
      this.setSelection(selectAll(order, this.selection));
    } else if (e.key === 'Escape' && this.selection.selected.size) {
      e.preventDefault();
      this.setSelection({ ...this.selection, selected: new Set() });
    } else if (e.key === 'Enter' && focused) {
      e.preventDefault();
      this.emit('vb-open', focused.id);
    } else if (e.key === 'F2' && focused) {
      e.preventDefault();
      this.emit('vb-rename-request', focused.id);
    } else if (e.key === 'Delete' || (e.key === 'Backspace' && mods.toggle)) {
      e.preventDefault();
      this.emit('vb-delete-request', undefined);
    } else if (isTypeAheadKey(e)) {
      const i = this.typeAhead.next(this.nodes.map((n) => n.name), at, e.key);
      if (i >= 0) {
        this.setSelection(moveFocus(this.selection, order, i, { toggle: false, range: false }));
        this.reveal(i);
        this.focusAfterRender = true;
      }
    }
  }

  private onRowClick(e: MouseEvent, id: NodeId, viaCheckbox: boolean): void {
    const mods = viaCheckbox ? { toggle: true, range: e.shiftKey } : { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey };
    this.setSelection(clickSelect(this.selection, this.order, id, mods));
  }

  private onDragStart(e: DragEvent, node: VaultNode): void {
    if (!this.movable || !e.dataTransfer) return;
    const ids = this.selection.selected.has(node.id) ? [...this.selection.selected] : [node.id];
    if (!this.selection.selected.has(node.id)) this.setSelection(clickSelect(this.selection, this.order, node.id, { toggle: false, range: false }));
    e.dataTransfer.setData(nodeDragType, JSON.stringify(ids));
    e.dataTransfer.effectAllowed = 'move';
  }

  private onDragOver(e: DragEvent, node: VaultNode): void {
    if (!this.movable || node.type !== 'folder' || !e.dataTransfer?.types.includes(nodeDragType)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'move';
    this.dropTarget = node.id;
  }

  private onDrop(e: DragEvent, node: VaultNode): void {
    const raw = e.dataTransfer?.getData(nodeDragType);
    this.dropTarget = null;
    if (!raw || node.type !== 'folder') return;
    e.preventDefault();
    e.stopPropagation();
    const ids = (JSON.parse(raw) as unknown[]).filter((x): x is string => typeof x === 'string' && x !== node.id);
    if (ids.length) this.emit<MoveDropDetail>('vb-move-drop', { ids, targetId: node.id });
  }

  private header() {
    const loc = this.locations !== null;
    const sortButton = (c: { key: SortKey; label: string }, cls = '') => {
      const active = this.sort.key === c.key;
      const ariaSort = active ? (this.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
      return html`<div role="columnheader" class="c ${cls}" aria-sort=${ariaSort}>
        <button @click=${() => this.emit('vb-sort', c.key)} aria-label="Sort by ${c.label}">${c.label}${active ? (this.sort.direction === 'asc' ? ' ↑' : ' ↓') : ''}</button></div>`;
    };
    return html`<div class="head ${loc ? 'loc' : ''}" role="row" aria-rowindex="1">
      <div role="columnheader" class="c check"><span class="visually-hidden">Selected</span></div>
      ${sortButton(columns[0])}
      ${loc ? html`<div role="columnheader" class="c hide-narrow">Location</div>` : nothing}
      ${sortButton(columns[1], 'num')}
      ${sortButton(columns[2], 'hide-narrow')}
      ${sortButton(columns[3], 'hide-narrow')}
    </div>`;
  }

  private row(n: VaultNode, i: number) {
    const selected = this.selection.selected.has(n.id);
    const focused = this.selection.focus === n.id || (this.selection.focus === null && i === 0);
    const kind = mediaKindOf(n);
    const loc = this.locations;
    const sub = n.type === 'folder' ? 'Folder' : `${formatBytes(n.size)} · ${formatDate(n.mtime)}`;
    return html`<div role="row" class="r ${loc ? 'loc' : ''} ${this.dropTarget === n.id ? 'drop' : ''}" aria-rowindex=${i + 2}
        aria-selected=${selected ? 'true' : 'false'} tabindex=${focused ? '0' : '-1'} data-id=${n.id}
        ${styleProps({ transform: `translateY(${i * this.rowHeight}px)` })}
        draggable=${this.movable ? 'true' : 'false'}
        @click=${(e: MouseEvent) => this.onRowClick(e, n.id, false)}
        @dblclick=${() => this.emit('vb-open', n.id)}
        @dragstart=${(e: DragEvent) => this.onDragStart(e, n)}
        @dragover=${(e: DragEvent) => this.onDragOver(e, n)}
        @dragleave=${() => { if (this.dropTarget === n.id) this.dropTarget = null; }}
        @drop=${(e: DragEvent) => this.onDrop(e, n)}>
      <div role="gridcell" class="c check" @click=${(e: MouseEvent) => { e.stopPropagation(); this.onRowClick(e, n.id, true); }}>
        <span class="box" aria-hidden="true">${selected ? '✓' : ''}</span></div>
      <div role="gridcell" class="c name"><span class="icon ${kind}" aria-hidden="true">${kindIcon(kind)}</span>
        <span>${n.name}<span class="sub">${loc ? `${loc(n)} · ` : ''}${sub}</span></span></div>
      ${loc ? html`<div role="gridcell" class="c muted hide-narrow">${loc(n)}</div>` : nothing}
      <div role="gridcell" class="c num">${n.type === 'folder' ? '—' : formatBytes(n.size)}</div>
      <div role="gridcell" class="c muted hide-narrow">${formatDate(n.mtime)}</div>
      <div role="gridcell" class="c muted hide-narrow">${typeLabelOf(n)}</div>
    </div>`;
  }

  override render() {
    const w = computeWindow(this.nodes.length, this.rowHeight, this.listTop, this.viewportHeight);
    const rows = [];
    for (let i = w.start; i < w.end; i++) rows.push(this.row(this.nodes[i], i));
    // The focused row stays in the DOM even when scrolled away, so Tab always lands on it.
    const fi = this.selection.focus ? this.nodes.findIndex((n) => n.id === this.selection.focus) : -1;
    if (fi >= 0 && (fi < w.start || fi >= w.end)) rows.push(this.row(this.nodes[fi], fi));
    return html`<div role="grid" aria-label=${this.label} aria-multiselectable="true" aria-rowcount=${this.nodes.length + 1} @keydown=${this.onKeydown}>
      ${this.header()}
      <div class="viewport" @scroll=${this.onScroll} role="rowgroup">
        ${this.nodes.length === 0 ? html`<div class="empty" role="row"><div role="gridcell" tabindex="0">${this.emptyText}</div></div>` : html`
        <div class="spacer" ${styleProps({ height: `${w.totalHeight}px` })}>${rows}</div>`}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-file-grid': VbFileGrid }
  interface HTMLElementEventMap {
    'vb-selection-change': CustomEvent<Selection>;
    'vb-open': CustomEvent<NodeId>;
    'vb-rename-request': CustomEvent<NodeId>;
    'vb-delete-request': CustomEvent<undefined>;
    'vb-sort': CustomEvent<SortKey>;
    'vb-move-drop': CustomEvent<MoveDropDetail>;
  }
}
