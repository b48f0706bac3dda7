// <vb-move-dialog>: the non-drag way to move: pick a destination folder from a filterable list of
// every folder (with its path), as an ARIA listbox. Folders being moved, and their insides, are left out.
// The Devices page reuses it to choose the vault folder a helper syncs (other title and button).
import { LitElement, html, css } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import type { NodeId } from '../state/vault-client.js';
import type { VaultIndex } from '../state/vault-index.js';
import { compareNames } from '../state/sort.js';
import { plural } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';

interface Dest { readonly id: NodeId; readonly path: string }

@customElement('vb-move-dialog')
export class VbMoveDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    [role=listbox] { max-height: 300px; overflow-y: auto; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); margin-top: 8px; }
    [role=option] { padding: 8px 12px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    [role=option][aria-selected=true] { background: var(--vb-selected); }
    [role=option]:hover { background: var(--vb-surface-2); }
    .none { padding: 12px; color: var(--vb-muted); }
  `];

  @state() private dests: Dest[] = [];
  @state() private filter = '';
  @state() private chosen: NodeId | null = null;
  @state() private count = 0;
  @state() private labels: { title: string; submit: string } | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;
  private resolve: ((v: NodeId | null) => void) | null = null;

  async ask(index: VaultIndex, ids: readonly NodeId[], labels: { title: string; submit: string } | null = null): Promise<NodeId | null> {
    this.resolve?.(null);
    const moving = ids.filter((id) => index.get(id)?.type === 'folder');
    const dests: Dest[] = [];
    for (const n of index.liveNodes()) {
      if (n.type !== 'folder' || moving.some((m) => index.isWithin(n.id, m))) continue;
      dests.push({ id: n.id, path: ['Home', ...index.pathTo(n.id).slice(1).map((p) => p.name)].join(' / ') });
    }
    dests.sort((a, b) => compareNames(a.path, b.path));
    this.dests = [{ id: index.rootId, path: 'Home' }, ...dests];
    this.filter = '';
    this.count = ids.length;
    this.labels = labels;
    this.chosen = null;
    await this.updateComplete;
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
    return new Promise((r) => { this.resolve = r; });
  }

  private visible(): Dest[] {
    const f = this.filter.trim().toLowerCase();
    return f ? this.dests.filter((d) => d.path.toLowerCase().includes(f)) : this.dests;
  }

  private finish(v: NodeId | null): void {
    this.resolve?.(v);
    this.resolve = null;
    if (this.dialog.open) this.dialog.close();
  }

  private onKeydown(e: KeyboardEvent): void {
    const list = this.visible();
    if (!list.length) return;
    const at = list.findIndex((d) => d.id === this.chosen);
    let to = at;
    if (e.key === 'ArrowDown') to = Math.min(list.length - 1, at + 1);
    else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    else if (e.key === 'Home' && e.target !== this.renderRoot.querySelector('input')) to = 0;
    else if (e.key === 'End' && e.target !== this.renderRoot.querySelector('input')) to = list.length - 1;
    else return;
    e.preventDefault();
    this.chosen = list[to].id;
    void this.updateComplete.then(() => this.renderRoot.querySelector(`[data-id="${CSS.escape(list[to].id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }

  override render() {
    const list = this.visible();
    return html`<dialog aria-labelledby="t" @close=${() => this.finish(null)}>
      <form @submit=${(e: Event) => { e.preventDefault(); if (this.chosen) this.finish(this.chosen); }} @keydown=${this.onKeydown}>
        <h2 id="t">${this.labels?.title ?? `Move ${plural(this.count, 'item')} to…`}</h2>
        <label class="visually-hidden" for="f">Filter folders</label>
        <input id="f" type="search" placeholder="Filter folders" autocomplete="off" .value=${this.filter}
          aria-controls="list" aria-activedescendant=${this.chosen ? `o-${this.chosen}` : ''}
          @input=${(e: Event) => { this.filter = (e.target as HTMLInputElement).value; }} />
        <div id="list" role="listbox" aria-label="Destination folder">
          ${list.length ? list.slice(0, 500).map((d) => html`<div role="option" id="o-${d.id}" data-id=${d.id} aria-selected=${this.chosen === d.id ? 'true' : 'false'}
            @click=${() => { this.chosen = d.id; }} @dblclick=${() => this.finish(d.id)}>${d.path}</div>`) : html`<div class="none">No folder matches.</div>`}
        </div>
        <div class="actions"><button type="button" @click=${() => this.finish(null)}>Cancel</button>
          <button class="primary" type="submit" ?disabled=${!this.chosen}>${this.labels?.submit ?? 'Move here'}</button></div>
      </form>
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-move-dialog': VbMoveDialog } }
