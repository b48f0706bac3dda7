// <vb-top-bar>: the header of every vault page: brand, vault status (unlocked, offline), the search box,
// lock, and the account menu links. It only reports what the user asked for; <vb-app> acts.
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { VaultStatus } from '../state/vault-client.js';
import { sharedStyles } from './shared-styles.js';

@customElement('vb-top-bar')
export class VbTopBar extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; background: var(--vb-surface); border-bottom: 1px solid var(--vb-border); }
    header { display: flex; align-items: center; gap: 12px; padding: 8px 16px; min-height: 56px; }
    .brand { font-weight: 700; font-size: 1.1rem; color: var(--vb-text); text-decoration: none; display: flex; align-items: center; gap: 8px; }
    .logo { width: 26px; height: 26px; border-radius: 7px; background: var(--vb-accent); color: var(--vb-accent-text); display: grid; place-items: center; font-size: 0.9rem; }
    .status { font-size: 0.85em; color: var(--vb-muted); display: flex; align-items: center; gap: 6px; white-space: nowrap; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--vb-ok); }
    .dot.off { background: var(--vb-warn); }
    .search { flex: 1; max-width: 560px; position: relative; }
    .search input { padding-left: 34px; border-radius: 999px; background: var(--vb-surface-2); border-color: transparent; }
    .search input:focus { background: var(--vb-surface); border-color: var(--vb-border); }
    .search .glass { position: absolute; left: 12px; top: 50%; transform: translateY(-50%); color: var(--vb-muted); pointer-events: none; }
    nav { display: flex; gap: 4px; margin-left: auto; }
    nav a { color: var(--vb-text); text-decoration: none; padding: 6px 10px; border-radius: var(--vb-radius); }
    nav a:hover { background: var(--vb-surface-2); }
    nav a[aria-current=page] { background: var(--vb-accent-soft); }
    .menu-toggle { display: none; }
    @media (max-width: 720px) {
      header { flex-wrap: wrap; gap: 8px; padding: 8px 12px; }
      .status .text, nav a.wide { display: none; }
      .search { order: 3; flex-basis: 100%; max-width: none; }
      .menu-toggle { display: inline-flex; }
    }
  `];

  @property({ attribute: false }) status: VaultStatus | null = null;
  @property({ type: Boolean }) online = true;
  @property() searchText = '';
  @property() current = '';

  private emit(type: string, detail?: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Focuses the search box ("/" and Ctrl+F shortcut, handled by <vb-app>). */
  focusSearch(): void { this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus(); }

  override render() {
    const s = this.status;
    const login = s && s.state !== 'signed-out' ? s.login : '';
    return html`<header>
      <button class="ghost icon menu-toggle" aria-label="Folders" @click=${() => this.emit('vb-toggle-sidebar')}>☰</button>
      <a class="brand" href="/files"><span class="logo" aria-hidden="true">V</span><span>Veilbox</span></a>
      <span class="status" title=${this.online ? 'Connected' : 'Offline: changes wait for the connection'}>
        <span class="dot ${this.online ? '' : 'off'}" aria-hidden="true"></span>
        <span class="text">${this.online ? 'Unlocked' : 'Offline'}${login ? html` · ${login}` : ''}</span>
      </span>
      <div class="search" role="search">
        <span class="glass" aria-hidden="true">⌕</span>
        <label class="visually-hidden" for="q">Search files</label>
        <input id="q" type="search" placeholder="Search your vault" autocomplete="off" .value=${this.searchText}
          @input=${(e: Event) => this.emit('vb-search', (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.emit('vb-search', ''); }} />
      </div>
      <nav aria-label="Account">
        <a href="/files" class="wide" aria-current=${this.current === 'files' ? 'page' : 'false'}>Files</a>
        <a href="/shares" aria-current=${this.current === 'shares' ? 'page' : 'false'}>My shares</a>
        <a href="/settings" aria-current=${this.current === 'settings' ? 'page' : 'false'}>Settings</a>
        <button @click=${() => this.emit('vb-lock')} title="Lock (wipes the keys from memory)">Lock</button>
      </nav>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-top-bar': VbTopBar }
  interface HTMLElementEventMap {
    'vb-search': CustomEvent<string>;
    'vb-lock': CustomEvent<undefined>;
    'vb-toggle-sidebar': CustomEvent<undefined>;
  }
}
