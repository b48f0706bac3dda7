// <vb-filter-bar>: the type, size and date filters beside search, as three labelled selects and a
// "Clear" button; reports a new NodeFilter on every change (search.ts applies it).
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { dateLabels, emptyFilter, isFilterActive, sizeLabels, type DateFilter, type NodeFilter, type SizeFilter } from '../state/search.js';
import { mediaKindLabels, type MediaKind } from '../state/media-kind.js';
import { sharedStyles } from './shared-styles.js';

@customElement('vb-filter-bar')
export class VbFilterBar extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    .bar { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
    select { width: auto; min-height: 32px; padding: 4px 8px; font-size: 0.9em; border-radius: 999px; }
    select.on { border-color: var(--vb-accent); background: var(--vb-accent-soft); }
    button { min-height: 32px; font-size: 0.9em; }
    @media (max-width: 720px) {
      .bar { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; }
      select { width: 100%; }
      button { grid-column: 1 / -1; }
    }
  `];

  @property({ attribute: false }) filter: NodeFilter = emptyFilter;

  private set(patch: Partial<NodeFilter>): void {
    this.dispatchEvent(new CustomEvent<NodeFilter>('vb-filter-change', { detail: { ...this.filter, ...patch }, bubbles: true, composed: true }));
  }

  override render() {
    const f = this.filter;
    const kinds = Object.keys(mediaKindLabels) as MediaKind[];
    return html`<div class="bar" role="group" aria-label="Filters">
      <select aria-label="Type" class=${f.kind !== 'any' ? 'on' : ''} @change=${(e: Event) => this.set({ kind: (e.target as HTMLSelectElement).value as MediaKind | 'any' })}>
        <option value="any" ?selected=${f.kind === 'any'}>Any type</option>
        ${kinds.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${mediaKindLabels[k]}</option>`)}
      </select>
      <select aria-label="Size" class=${f.size !== 'any' ? 'on' : ''} @change=${(e: Event) => this.set({ size: (e.target as HTMLSelectElement).value as SizeFilter })}>
        ${(Object.keys(sizeLabels) as SizeFilter[]).map((k) => html`<option value=${k} ?selected=${f.size === k}>${sizeLabels[k]}</option>`)}
      </select>
      <select aria-label="Modified" class=${f.modified !== 'any' ? 'on' : ''} @change=${(e: Event) => this.set({ modified: (e.target as HTMLSelectElement).value as DateFilter })}>
        ${(Object.keys(dateLabels) as DateFilter[]).map((k) => html`<option value=${k} ?selected=${f.modified === k}>${dateLabels[k]}</option>`)}
      </select>
      ${isFilterActive(f) ? html`<button class="ghost" @click=${() => this.set(emptyFilter)}>Clear search and filters</button>` : ''}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-filter-bar': VbFilterBar }
  interface HTMLElementEventMap { 'vb-filter-change': CustomEvent<NodeFilter> }
}
