// <vb-install-steps-dialog>: how to add Veilbox to the Home Screen (iPhone, iPad) or the Dock (Mac) in
// Safari, which has no install button a page can trigger: numbered steps, each with a small drawing of
// what to tap. Drawings are inline SVG with classes (the CSP allows no inline style attributes).
import { LitElement, html, css, svg } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.js';

const shareIcon = svg`<svg viewBox="0 0 24 24" class="glyph" aria-hidden="true"><path d="M12 3v12M7.5 7.5 12 3l4.5 4.5" /><path d="M8 10H5v11h14V10h-3" /></svg>`;
const addIcon = svg`<svg viewBox="0 0 24 24" class="glyph" aria-hidden="true"><rect x="4" y="4" width="16" height="16" rx="4" /><path d="M12 8v8M8 12h8" /></svg>`;
const dockIcon = svg`<svg viewBox="0 0 24 24" class="glyph" aria-hidden="true"><rect x="2" y="15" width="20" height="6" rx="2" /><rect x="6" y="9" width="5" height="5" rx="1" class="filled" /><rect x="13" y="9" width="5" height="5" rx="1" /></svg>`;
const homeIcon = svg`<svg viewBox="0 0 24 24" class="glyph" aria-hidden="true"><rect x="6" y="2" width="12" height="20" rx="3" /><rect x="9" y="6" width="6" height="6" rx="1.5" class="filled" /></svg>`;

@customElement('vb-install-steps-dialog')
export class VbInstallStepsDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    h3 { margin-top: 14px; }
    ol { margin: 0; padding: 0; list-style: none; counter-reset: step; display: grid; gap: 10px; }
    li { counter-increment: step; display: grid; grid-template-columns: 28px 40px 1fr; gap: 10px; align-items: center; }
    li::before { content: counter(step); display: grid; place-items: center; width: 26px; height: 26px; border-radius: 50%; background: var(--vb-accent-soft); color: var(--vb-accent); font-weight: 700; }
    .glyph { width: 36px; height: 36px; padding: 5px; border-radius: 8px; background: var(--vb-surface-2); fill: none; stroke: var(--vb-accent); stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
    .glyph .filled { fill: var(--vb-accent); }
    .menu { font-weight: 600; }
  `];

  @query('dialog') private dialog!: HTMLDialogElement;

  async open(): Promise<void> {
    await this.updateComplete;
    this.dialog.showModal();
  }

  override render() {
    return html`<dialog aria-labelledby="steps-t">
      <div class="body">
        <h2 id="steps-t">Add Veilbox to your Home Screen or Dock</h2>
        <p class="hint">Safari installs web apps from its Share menu. Veilbox then opens in its own window, works offline
          with the files you keep on the device, and keeps this version until you choose to update.</p>
        <h3>iPhone and iPad (Safari)</h3>
        <ol aria-label="Steps on iPhone and iPad">
          <li>${shareIcon}<span>Tap <span class="menu">Share</span> in Safari's toolbar.</span></li>
          <li>${addIcon}<span>Scroll down and tap <span class="menu">Add to Home Screen</span>.</span></li>
          <li>${homeIcon}<span>Tap <span class="menu">Add</span>. Veilbox appears on your Home Screen.</span></li>
        </ol>
        <h3>Mac (Safari 17 or later)</h3>
        <ol aria-label="Steps on a Mac">
          <li>${shareIcon}<span>Choose <span class="menu">File › Add to Dock…</span> (or Share › Add to Dock).</span></li>
          <li>${dockIcon}<span>Click <span class="menu">Add</span>. Veilbox opens from the Dock like any app.</span></li>
        </ol>
        <div class="actions"><button class="primary" @click=${() => this.dialog.close()}>Close</button></div>
      </div>
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-install-steps-dialog': VbInstallStepsDialog } }
