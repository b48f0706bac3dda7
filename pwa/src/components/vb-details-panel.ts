// <vb-details-panel>: the right-hand panel for the current selection: one file's preview, facts and
// actions (download, rename, share, move, delete, versions, available offline), or a summary and actions for several items.
// Actions go up as `vb-action` events; the files page carries them out.
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { VaultClient, VaultNode } from '../state/vault-client.js';
import type { VaultIndex } from '../state/vault-index.js';
import { formatBytes, formatDateTime, plural } from '../state/format.js';
import { mediaKindOf, typeLabelOf } from '../state/media-kind.js';
import { sharedStyles } from './shared-styles.js';
import { kindIcon } from './icons.js';
import './vb-preview.js';
import './vb-versions-panel.js';
import './vb-offline-toggle.js';

export type NodeAction = 'download' | 'rename' | 'move' | 'trash' | 'restore' | 'delete-forever' | 'open';

@customElement('vb-details-panel')
export class VbDetailsPanel extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px; overflow-y: auto; }
    .title { display: flex; gap: 10px; align-items: center; margin-bottom: 12px; }
    .title h2 { margin: 0; font-size: 1.05rem; word-break: break-word; }
    .icon { width: 36px; height: 36px; flex: none; border-radius: 8px; display: grid; place-items: center; background: var(--vb-surface-2); color: var(--vb-muted); font-size: 0.75rem; font-weight: 700; }
    .icon.folder { background: var(--vb-accent-soft); }
    .icon.folder::after { content: ''; width: 18px; height: 13px; border-radius: 2px; background: var(--vb-accent); opacity: 0.85; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; margin: 16px 0; font-size: 0.92em; }
    dt { color: var(--vb-muted); }
    dd { margin: 0; word-break: break-word; }
    .actions { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
    .actions .primary { grid-column: 1 / -1; }
    h3 { margin-top: 20px; }
    .empty { color: var(--vb-muted); text-align: center; padding: 32px 8px; }
    .close { margin-left: auto; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) index: VaultIndex | null = null;
  @property({ attribute: false }) nodes: readonly VaultNode[] = [];
  @property({ type: Boolean }) inTrash = false;
  @state() private showVersions = false;

  private act(action: NodeAction): void {
    this.dispatchEvent(new CustomEvent<{ action: NodeAction; ids: string[] }>('vb-action', {
      detail: { action, ids: this.nodes.map((n) => n.id) }, bubbles: true, composed: true,
    }));
  }

  private location(n: VaultNode): string {
    const path = this.index?.pathTo(n.parentId ?? '').slice(1).map((p) => p.name) ?? [];
    return ['Home', ...path].join(' / ');
  }

  override render() {
    const nodes = this.nodes;
    const closeBtn = html`<button class="ghost icon close" aria-label="Close details" @click=${() => this.dispatchEvent(new CustomEvent('vb-close-details', { bubbles: true, composed: true }))}>✕</button>`;
    if (nodes.length === 0) return html`<div class="empty">Select a file to see its preview and details.</div>`;
    if (nodes.length > 1) {
      const size = nodes.reduce((s, n) => s + n.size, 0);
      return html`<div class="title"><h2>${plural(nodes.length, 'item')} selected</h2>${closeBtn}</div>
        <dl><dt>Total size</dt><dd>${formatBytes(size)}${nodes.some((n) => n.type === 'folder') ? ' plus folder contents' : ''}</dd></dl>
        ${this.actions(nodes)}`;
    }
    const n = nodes[0];
    const kind = mediaKindOf(n);
    return html`
      <div class="title"><span class="icon ${kind}" aria-hidden="true">${kindIcon(kind)}</span><h2>${n.name}</h2>${closeBtn}</div>
      ${n.type === 'file' && !this.inTrash ? html`<vb-preview .client=${this.client} .node=${n}></vb-preview>` : ''}
      <dl>
        <dt>Type</dt><dd>${typeLabelOf(n)}</dd>
        ${n.type === 'file' ? html`<dt>Size</dt><dd>${formatBytes(n.size)}</dd>` : ''}
        <dt>Modified</dt><dd>${formatDateTime(n.mtime)}</dd>
        <dt>Location</dt><dd>${this.location(n)}</dd>
        ${n.trashedAt ? html`<dt>Deleted</dt><dd>${formatDateTime(n.trashedAt)}</dd>` : ''}
      </dl>
      ${this.actions(nodes)}
      ${n.type === 'file' && !this.inTrash ? html`
        <h3><button class="ghost" aria-expanded=${String(this.showVersions)} @click=${() => { this.showVersions = !this.showVersions; }}>
          ${this.showVersions ? '▼' : '▶'} Version history</button></h3>
        ${this.showVersions ? html`<vb-versions-panel .client=${this.client} .node=${n}></vb-versions-panel>` : ''}` : ''}`;
  }

  private actions(nodes: readonly VaultNode[]) {
    if (this.inTrash) {
      return html`<div class="actions">
        <button class="primary" @click=${() => this.act('restore')}>Restore</button>
        <button class="danger" @click=${() => this.act('delete-forever')}>Delete forever</button></div>`;
    }
    const single = nodes.length === 1 ? nodes[0] : null;
    return html`<div class="actions">
      ${single ? html`<button class="primary" @click=${() => this.act('download')}>${single.type === 'folder' ? 'Download as ZIP' : 'Download'}</button>` : ''}
      ${single ? html`<button @click=${() => this.act('rename')}>Rename</button>` : ''}
      ${single ? html`<button @click=${() => this.dispatchEvent(new CustomEvent<string>('vb-share-request', { detail: single.id, bubbles: true, composed: true }))}>Share…</button>` : ''}
      <button @click=${() => this.act('move')}>Move to…</button>
      <button class="danger" @click=${() => this.act('trash')}>Delete</button>
      <vb-offline-toggle .client=${this.client} .ids=${nodes.map((n) => n.id)}></vb-offline-toggle>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-details-panel': VbDetailsPanel }
  interface HTMLElementEventMap {
    'vb-action': CustomEvent<{ action: NodeAction; ids: string[] }>;
    'vb-close-details': CustomEvent<undefined>;
    /** "Share…" on one node (its id); <vb-app> opens the share dialog. */
    'vb-share-request': CustomEvent<string>;
  }
}
