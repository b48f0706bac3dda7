// <vb-folder-tree>: the sidebar's folder tree as a WAI-ARIA tree (arrows, Home/End, type-ahead,
// Enter to open) with roving focus; folders are drop targets for moving nodes. Rows come from
// state/tree.ts; expansion is local to this element, opened along the path to the current folder.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from './style-props.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { NodeId } from '../state/vault-client.js';
import type { VaultIndex } from '../state/vault-index.js';
import { flattenTree, expandTo, treeKey, type TreeRow } from '../state/tree.js';
import { TypeAhead, isTypeAheadKey } from '../state/type-ahead.js';
import { sharedStyles } from './shared-styles.js';
import { nodeDragType, type MoveDropDetail } from './vb-file-grid.js';

@customElement('vb-folder-tree')
export class VbFolderTree extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    [role=tree] { list-style: none; margin: 0; padding: 0; }
    [role=treeitem] { display: flex; align-items: center; gap: 4px; min-height: 32px; padding-right: 8px; border-radius: 6px; cursor: pointer; white-space: nowrap; }
    [role=treeitem]:hover { background: var(--vb-surface-2); }
    [role=treeitem][aria-current=page] { background: var(--vb-accent-soft); font-weight: 600; }
    [role=treeitem]:focus { outline: 2px solid var(--vb-focus); outline-offset: -2px; }
    [role=treeitem].drop { outline: 2px dashed var(--vb-accent); outline-offset: -2px; }
    .twisty { width: 22px; height: 22px; display: grid; place-items: center; flex: none; color: var(--vb-muted); border-radius: 4px; font-size: 0.7em; }
    .twisty:hover { background: var(--vb-border); }
    .label { overflow: hidden; text-overflow: ellipsis; }
    .folder { width: 15px; height: 11px; flex: none; margin-right: 4px; border-radius: 2px; background: var(--vb-accent); opacity: 0.8; position: relative; }
    .folder::before { content: ''; position: absolute; left: 0; top: -3px; width: 7px; height: 4px; border-radius: 2px 2px 0 0; background: inherit; }
  `];

  @property({ attribute: false }) index: VaultIndex | null = null;
  /** Bumped by the owner when the index changed in place. */
  @property({ type: Number }) indexVersion = 0;
  @property() currentId: NodeId | null = null;
  @state() private expanded = new Set<NodeId>();
  @state() private focusId: NodeId | null = null;
  private readonly typeAhead = new TypeAhead();
  @state() private dropTarget: NodeId | null = null;
  private focusAfterRender = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('currentId') || changed.has('index')) && this.index) {
      const id = this.currentId ?? this.index.rootId;
      this.expanded = expandTo(this.index, id, new Set([...this.expanded, this.index.rootId]));
      if (!this.focusId || !this.index.get(this.focusId)) this.focusId = id;
    }
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[role=treeitem][tabindex="0"]')?.focus();
    }
  }

  /** Puts keyboard focus on the focused folder (when the phone drawer opens). */
  focusCurrent(): void {
    this.focusAfterRender = true;
    this.requestUpdate();
  }

  private rows(): TreeRow[] {
    if (!this.index) return [];
    return flattenTree(this.index, this.index.rootId, 'Home', this.expanded);
  }

  /**
   * The roving tab stop: the focused folder while it is shown, else the current folder, else Home. A
   * focused folder that a collapse hid, or that went to the trash, must not take the tree's only tab stop with it.
   */
  private tabStop(rows: readonly TreeRow[]): NodeId | null {
    if (rows.some((r) => r.id === this.focusId)) return this.focusId;
    const current = this.currentId ?? this.index?.rootId;
    return rows.find((r) => r.id === current)?.id ?? rows[0]?.id ?? null;
  }

  private open(id: NodeId): void {
    this.dispatchEvent(new CustomEvent<NodeId>('vb-open-folder', { detail: id, bubbles: true, composed: true }));
  }

  private toggle(id: NodeId, open?: boolean): void {
    const next = new Set(this.expanded);
    if (open ?? !next.has(id)) next.add(id); else next.delete(id);
    this.expanded = next;
  }

  private onKeydown(e: KeyboardEvent, rows: TreeRow[]): void {
    const at = Math.max(0, rows.findIndex((r) => r.id === this.tabStop(rows)));
    const r = treeKey(rows, at, e.key);
    if (r.type !== 'none') {
      e.preventDefault();
      if (r.type === 'focus') this.focusId = rows[r.index].id;
      else this.toggle(r.id, r.type === 'expand');
      this.focusAfterRender = true;
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.open(rows[at].id);
    } else if (e.key === '*') {
      // ARIA: "*" expands all siblings of the focused node.
      const row = rows[at];
      const next = new Set(this.expanded);
      for (const s of rows) if (s.parentId === row.parentId && s.hasChildren) next.add(s.id);
      this.expanded = next;
    } else if (isTypeAheadKey(e)) {
      const i = this.typeAhead.next(rows.map((x) => x.name), at, e.key);
      if (i >= 0) { this.focusId = rows[i].id; this.focusAfterRender = true; }
    }
  }

  private onDrop(e: DragEvent, id: NodeId): void {
    const raw = e.dataTransfer?.getData(nodeDragType);
    this.dropTarget = null;
    if (!raw) return;
    e.preventDefault();
    const ids = (JSON.parse(raw) as unknown[]).filter((x): x is string => typeof x === 'string' && x !== id);
    if (ids.length) this.dispatchEvent(new CustomEvent<MoveDropDetail>('vb-move-drop', { detail: { ids, targetId: id }, bubbles: true, composed: true }));
  }

  override render() {
    const rows = this.rows();
    const current = this.currentId ?? this.index?.rootId;
    const stop = this.tabStop(rows);
    return html`<ul role="tree" aria-label="Folders" @keydown=${(e: KeyboardEvent) => this.onKeydown(e, rows)}>
      ${rows.map((r) => html`<li role="treeitem" aria-level=${r.level} aria-setsize=${r.setSize} aria-posinset=${r.posInSet}
          aria-expanded=${ifDefined(r.hasChildren ? String(r.expanded) : undefined)}
          aria-current=${r.id === current ? 'page' : 'false'} aria-selected=${r.id === current ? 'true' : 'false'}
          tabindex=${r.id === stop ? '0' : '-1'} class=${this.dropTarget === r.id ? 'drop' : ''}
          ${styleProps({ 'padding-left': `${(r.level - 1) * 16 + 4}px` })}
          @click=${() => { this.focusId = r.id; this.open(r.id); }}
          @dragover=${(e: DragEvent) => { if (e.dataTransfer?.types.includes(nodeDragType)) { e.preventDefault(); this.dropTarget = r.id; } }}
          @dragleave=${() => { if (this.dropTarget === r.id) this.dropTarget = null; }}
          @drop=${(e: DragEvent) => this.onDrop(e, r.id)}>
        <span class="twisty" aria-hidden="true" @click=${(e: Event) => { e.stopPropagation(); if (r.hasChildren) this.toggle(r.id); }}>${r.hasChildren ? (r.expanded ? '▼' : '▶') : ''}</span>
        <span class="folder" aria-hidden="true"></span>
        <span class="label">${r.name}</span>
      </li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-folder-tree': VbFolderTree }
  interface HTMLElementEventMap { 'vb-open-folder': CustomEvent<NodeId> }
}
