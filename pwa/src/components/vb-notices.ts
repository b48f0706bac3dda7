// <vb-notices>: the stack of dismissible notices in the corner (errors in plain words, "uploaded 3
// files"); each error is also announced assertively by <vb-app>'s live region.
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.js';

export interface Notice {
  readonly id: number;
  readonly tone: 'error' | 'info';
  readonly title: string;
  readonly message: string;
}

@customElement('vb-notices')
export class VbNotices extends LitElement {
  static override styles = [sharedStyles, css`
    :host { position: fixed; right: 16px; bottom: 16px; z-index: 50; display: grid; gap: 8px; width: min(380px, calc(100vw - 32px)); }
    .notice { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; background: var(--vb-surface); border: 1px solid var(--vb-border); border-left: 4px solid var(--vb-accent); border-radius: var(--vb-radius); box-shadow: var(--vb-shadow); padding: 10px 10px 10px 14px; }
    .notice.error { border-left-color: var(--vb-danger); }
    .title { font-weight: 600; }
    .error .title { color: var(--vb-danger); }
    .msg { grid-column: 1; color: var(--vb-text); font-size: 0.93em; }
    button { grid-row: 1 / span 2; grid-column: 2; align-self: start; min-height: 28px; width: 28px; padding: 0; }
  `];

  @property({ attribute: false }) notices: readonly Notice[] = [];

  override render() {
    return html`${this.notices.map((n) => html`
      <div class="notice ${n.tone}">
        <div class="title">${n.title}</div>
        <div class="msg">${n.message}</div>
        <button class="ghost" aria-label="Dismiss: ${n.title}"
          @click=${() => this.dispatchEvent(new CustomEvent<number>('vb-dismiss', { detail: n.id }))}>✕</button>
      </div>`)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-notices': VbNotices }
  interface HTMLElementEventMap { 'vb-dismiss': CustomEvent<number> }
}
