// <vb-recovery-key>: shows a recovery key once, as grouped text, a QR code and a key-file download,
// and requires the "I saved it" confirmation; fires `vb-recovery-confirmed` when the user confirms.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import QRCode from 'qrcode';
import type { RecoveryKeySheet } from '../state/vault-client.js';
import { keyRows } from '../state/recovery-key-format.js';
import { sharedStyles } from './shared-styles.js';
import { announce } from './events.js';

@customElement('vb-recovery-key')
export class VbRecoveryKey extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    .warning { background: var(--vb-warn-soft); border: 1px solid var(--vb-warn); border-radius: var(--vb-radius); padding: 12px 14px; margin-bottom: 16px; }
    .sheet { display: grid; grid-template-columns: 1fr auto; gap: 16px; align-items: center; border: 1px dashed var(--vb-border); border-radius: var(--vb-radius); padding: 16px; margin-bottom: 16px; }
    .key { font-family: var(--vb-mono); font-size: 1.05rem; letter-spacing: 0.04em; line-height: 1.8; margin: 0; user-select: all; word-break: break-all; }
    img { width: 148px; height: 148px; background: #fff; border-radius: 6px; padding: 6px; image-rendering: pixelated; }
    .confirm { display: flex; gap: 10px; align-items: flex-start; margin: 16px 0; font-weight: 400; }
    .confirm input { width: 20px; height: 20px; margin-top: 2px; flex: none; }
    @media (max-width: 560px) { .sheet { grid-template-columns: 1fr; justify-items: center; } }
  `];

  @property({ attribute: false }) sheet: RecoveryKeySheet | null = null;
  @property() confirmLabel = 'Continue to my vault';
  @property({ type: Boolean }) busy = false;
  @state() private qr = '';
  @state() private saved = false;
  @state() private downloaded = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sheet') && this.sheet) {
      this.saved = false;
      const payload = this.sheet.qrPayload;
      QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 }).then((svg) => {
        // A data: URL image is allowed by img-src; the SVG has no scripts (qrcode emits paths only).
        if (this.sheet?.qrPayload === payload) this.qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      }, () => { this.qr = ''; });
    }
  }

  private download(): void {
    if (!this.sheet) return;
    const url = URL.createObjectURL(new Blob([this.sheet.keyFileText], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = this.sheet.keyFileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.downloaded = true;
    announce(this, `Key file ${this.sheet.keyFileName} downloaded.`);
  }

  private async copy(): Promise<void> {
    if (!this.sheet) return;
    try {
      await navigator.clipboard.writeText(this.sheet.text);
      announce(this, 'Recovery key copied. Paste it somewhere safe, then clear your clipboard.');
    } catch {
      announce(this, 'Copying is blocked here; select the key and copy it by hand.', true);
    }
  }

  override render() {
    if (!this.sheet) return html``;
    return html`
      <div class="warning" role="note">
        <strong>Save this recovery key now. It is shown only once.</strong>
        It opens your vault if you forget your password. Veilbox can't reset passwords: if you lose
        both your password and this key, your files are lost for good.
      </div>
      <div class="sheet">
        <pre class="key" aria-label="Recovery key, in groups of five characters">${keyRows(this.sheet.text).join('\n')}</pre>
        ${this.qr ? html`<img src=${this.qr} alt="QR code of the recovery key" />` : html``}
      </div>
      <div class="row">
        <button class="primary" @click=${this.download}>Download key file</button>
        <button @click=${this.copy}>Copy</button>
        <button @click=${() => print()}>Print</button>
      </div>
      <label class="confirm">
        <input type="checkbox" .checked=${this.saved} @change=${(e: Event) => { this.saved = (e.target as HTMLInputElement).checked; }} />
        <span>I saved my recovery key somewhere safe, away from this device${this.downloaded ? ' (the key file is in my downloads: I will move it)' : ''}.</span>
      </label>
      <button class="primary" ?disabled=${!this.saved || this.busy}
        @click=${() => this.dispatchEvent(new CustomEvent('vb-recovery-confirmed', { bubbles: true, composed: true }))}>${this.confirmLabel}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-recovery-key': VbRecoveryKey }
  interface HTMLElementEventMap { 'vb-recovery-confirmed': CustomEvent<void> }
}
