// <vb-warning-banner>: the header alert for the two risky states of an unlocked vault (remembered
// device, recovery key not confirmed): says what is at risk and offers the one click that fixes it.
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { VaultStatus } from '../state/vault-client.js';
import { sharedStyles } from './shared-styles.js';

export type BannerFix = 'save-recovery-key' | 'forget-device';

@customElement('vb-warning-banner')
export class VbWarningBanner extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    .banner { display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: var(--vb-warn-soft); border-bottom: 1px solid var(--vb-warn); flex-wrap: wrap; }
    .icon { color: var(--vb-warn); font-weight: 700; }
    p { margin: 0; flex: 1 1 320px; }
    button { min-height: 32px; }
  `];

  @property({ attribute: false }) status: VaultStatus | null = null;

  private fix(fix: BannerFix): void {
    this.dispatchEvent(new CustomEvent<BannerFix>('vb-banner-fix', { detail: fix, bubbles: true, composed: true }));
  }

  override render() {
    const s = this.status;
    if (!s || s.state !== 'unlocked') return html``;
    const items = [];
    if (!s.recoveryKeyConfirmed) {
      items.push(html`<div class="banner" role="alert">
        <span class="icon" aria-hidden="true">⚠</span>
        <p><strong>No recovery key saved.</strong> If you forget your password, nobody can open your files, not even the server's administrator.</p>
        <button class="primary" @click=${() => this.fix('save-recovery-key')}>Save a recovery key</button>
      </div>`);
    }
    if (s.deviceRemembered) {
      items.push(html`<div class="banner" role="alert">
        <span class="icon" aria-hidden="true">⚠</span>
        <p><strong>This browser opens your vault without a password.</strong> Anyone who uses it can read your files.</p>
        <button @click=${() => this.fix('forget-device')}>Forget this device</button>
      </div>`);
    }
    return html`${items}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-warning-banner': VbWarningBanner }
  interface HTMLElementEventMap { 'vb-banner-fix': CustomEvent<BannerFix> }
}
