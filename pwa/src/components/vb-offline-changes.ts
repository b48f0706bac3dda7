// <vb-offline-changes>: the changes made while offline that wait on this device to be sent, under the
// top bar while there are any: how many, and on request the list (what, when, and why one was refused),
// with "Discard" per change. It only reports what the user asked for; <vb-app> acts.
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { OfflineChange } from '../state/vault-client.js';
import { sharedStyles } from './shared-styles.js';

const VERBS: Record<OfflineChange['kind'], string> = {
  'create-folder': 'New folder', rename: 'Rename to', move: 'Move', trash: 'Move to trash', upload: 'Upload',
};

@customElement('vb-offline-changes')
export class VbOfflineChanges extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    details { padding: 6px 16px; background: var(--vb-surface-2); border-bottom: 1px solid var(--vb-border); }
    summary { cursor: pointer; }
    ul { list-style: none; margin: 8px 0 4px; padding: 0; display: grid; gap: 4px; }
    li { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
    .what { flex: 1 1 240px; }
    .when { color: var(--vb-muted); font-size: 0.85em; }
    .error { color: var(--vb-danger, #b00020); flex-basis: 100%; font-size: 0.9em; }
    button { min-height: 28px; }
  `];

  @property({ attribute: false }) changes: readonly OfflineChange[] = [];
  @property({ type: Boolean }) online = true;

  private retry(): void {
    this.dispatchEvent(new CustomEvent('vb-send-offline-changes', { bubbles: true, composed: true }));
  }

  private discard(change: OfflineChange): void {
    this.dispatchEvent(new CustomEvent<string>('vb-discard-offline-change', { detail: change.id, bubbles: true, composed: true }));
  }

  override render() {
    const n = this.changes.length;
    if (n === 0) return html``;
    const waiting = `${n} ${n === 1 ? 'change' : 'changes'} made offline ${n === 1 ? 'waits' : 'wait'} to be sent`;
    return html`<details>
      <summary>${waiting}${this.online ? ' — sending…' : ' — they go out when the connection is back'}</summary>
      <ul aria-label="Changes waiting to be sent">
        ${this.changes.map((c) => html`<li>
          <span class="what">${VERBS[c.kind]}${c.name ? html` <strong>${c.name}</strong>` : ''}</span>
          <span class="when">${new Date(c.queuedAt).toLocaleTimeString()}</span>
          <button class="ghost" aria-label="Discard: ${VERBS[c.kind]} ${c.name}" @click=${() => this.discard(c)}>Discard</button>
          ${c.error ? html`<span class="error">Refused: ${c.error} <button class="ghost" @click=${this.retry}>Try again</button></span>` : ''}
        </li>`)}
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-offline-changes': VbOfflineChanges }
  interface HTMLElementEventMap { 'vb-discard-offline-change': CustomEvent<string>; 'vb-send-offline-changes': CustomEvent<undefined> }
}
