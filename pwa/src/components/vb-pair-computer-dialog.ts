// <vb-pair-computer-dialog>: "Add a computer" on the Devices page. Offers a pairing (a one-time code,
// 5 minutes) and shows it as a QR code and as text with the command to type on the computer; polls the
// relay until the helper claims it, then shows the 6-digit verification code the helper also shows and
// asks the user to compare: "Codes match" keeps the computer, "Codes differ" removes it at once. Closing
// before confirming withdraws the offer (or removes a computer that claimed it).
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import QRCode from 'qrcode';
import type { PairingClient, PairingOffer } from '../state/pairing-client.js';
import { describeError } from '../state/vault-error.js';
import { sharedStyles } from './shared-styles.js';
import { announce } from './events.js';

type Phase = 'making' | 'waiting' | 'claimed' | 'paired' | 'rejected' | 'expired' | 'burnt' | 'failed';

@customElement('vb-pair-computer-dialog')
export class VbPairComputerDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    dialog { width: min(560px, 96vw); }
    .code { display: grid; grid-template-columns: auto 1fr; gap: 16px; align-items: center; margin: 8px 0 14px; }
    img { width: 160px; height: 160px; background: #fff; border-radius: 8px; padding: 8px; image-rendering: pixelated; }
    .pairing-code, .verify { font-family: var(--vb-mono); font-size: 1.5rem; letter-spacing: 0.08em; user-select: all; margin: 0 0 8px; }
    .verify { font-size: 2rem; letter-spacing: 0.2em; }
    code.command { display: block; font-family: var(--vb-mono); font-size: 0.85rem; word-break: break-all; background: var(--vb-surface-2); padding: 6px 8px; border-radius: 6px; }
    .meta { color: var(--vb-muted); font-size: 0.92em; }
    @media (max-width: 560px) { .code { grid-template-columns: 1fr; justify-items: center; } }
  `];

  @property({ attribute: false }) pairing: PairingClient | null = null;
  @state() private offer: PairingOffer | null = null;
  @state() private qr = '';
  @state() private phase: Phase = 'making';
  @state() private verification = '';
  @state() private problem = '';
  @state() private now = Date.now();
  @query('dialog') private dialog!: HTMLDialogElement;
  private poller: ReturnType<typeof setInterval> | null = null;

  async open(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    await this.makeOffer();
  }

  private async makeOffer(): Promise<void> {
    if (!this.pairing) return;
    this.stopPolling();
    Object.assign(this, { offer: null, qr: '', phase: 'making', verification: '', problem: '' });
    try {
      const offer = await this.pairing.offer();
      this.offer = offer;
      this.phase = 'waiting';
      const svg = await QRCode.toString(offer.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
      if (this.offer === offer) this.qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      this.poller = setInterval(() => void this.poll(), 1000);
    } catch (error) {
      this.phase = 'failed';
      this.problem = describeError(error).message;
    }
  }

  private async poll(): Promise<void> {
    const offer = this.offer;
    if (!offer || !this.pairing || this.phase !== 'waiting') return;
    this.now = Date.now();
    try {
      const s = await this.pairing.state(offer.pairingId);
      if (this.offer !== offer || this.phase !== 'waiting') return;
      if (s.status === 'claimed' && s.verificationCode) {
        this.verification = s.verificationCode;
        this.phase = 'claimed';
        this.stopPolling();
        announce(this, `A computer used the code. Check that it shows ${s.verificationCode.split('').join(' ')}.`);
      } else if (s.status === 'expired') {
        this.phase = 'expired';
        this.stopPolling();
      } else if (s.status === 'burnt') {
        this.phase = 'burnt';
        this.stopPolling();
      }
    } catch (error) {
      this.problem = describeError(error).message;
    }
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  private async confirm(): Promise<void> {
    if (!this.offer || !this.pairing) return;
    try {
      await this.pairing.confirm(this.offer.pairingId);
      this.phase = 'paired';
      announce(this, 'The computer is paired. It syncs without your password.');
      this.dispatchEvent(new CustomEvent('vb-paired', { bubbles: true, composed: true }));
    } catch (error) {
      this.problem = describeError(error).message;
    }
  }

  private async reject(): Promise<void> {
    const offer = this.offer;
    if (!offer || !this.pairing) return;
    try {
      await this.pairing.reject(offer.pairingId);
      this.phase = 'rejected';
      announce(this, 'The computer that used the code was removed.', true);
    } catch (error) {
      this.problem = describeError(error).message;
    }
  }

  /** Closing: an offer never confirmed is withdrawn (a computer that claimed it is removed). */
  private onClose(): void {
    this.stopPolling();
    const offer = this.offer;
    const open = this.phase === 'waiting' || this.phase === 'claimed' || this.phase === 'making';
    this.offer = null;
    if (offer && open) void this.pairing?.reject(offer.pairingId).catch(() => undefined);
    this.dispatchEvent(new CustomEvent('vb-pair-closed', { bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  private statusText(): string {
    switch (this.phase) {
      case 'making': return 'Making a pairing code…';
      case 'waiting': {
        const left = this.offer ? Math.max(0, Math.ceil((this.offer.expiresAt - this.now) / 1000)) : 0;
        return `Waiting for the computer… The code is valid for ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}.`;
      }
      case 'claimed': return 'A computer used the code. Does it show the same verification code?';
      case 'paired': return 'Paired. The computer now syncs without your password; it is listed below.';
      case 'rejected': return 'The codes differed: the computer that used the code was removed. Make a new code to try again.';
      case 'expired': return 'The code expired before a computer used it. Make a new code.';
      case 'burnt': return 'Too many wrong codes were tried. Make a new code.';
      case 'failed': return this.problem;
    }
  }

  override render() {
    const offer = this.offer;
    const host = location.origin;
    return html`<dialog aria-labelledby="pair-title" @close=${() => this.onClose()}>
      <div class="body">
        <h2 id="pair-title">Add a computer</h2>
        ${offer && this.phase === 'waiting' ? html`
          <p class="meta">On the computer, install the Veilbox helper, then run:</p>
          <code class="command" aria-label="Command to run on the computer">veilbox-helper pair --relay ${host} --code ${offer.code}</code>
          <div class="code">
            ${this.qr ? html`<img src=${this.qr} alt="QR code of the pairing code" />` : html`<span></span>`}
            <div><p class="meta">Pairing code</p><p class="pairing-code" aria-label="Pairing code">${offer.code}</p>
              <p class="meta">Single use, for 5 minutes. Anyone with this code can pair a computer with your vault until then.</p></div>
          </div>` : ''}
        ${this.phase === 'claimed' ? html`
          <p class="meta">Verification code</p>
          <p class="verify" aria-label="Verification code">${this.verification}</p>` : ''}
        <p class="status" role="status">${this.statusText()}</p>
        ${this.problem && this.phase !== 'failed' ? html`<p class="error-text" role="alert">${this.problem}</p>` : ''}
        <div class="actions">
          ${this.phase === 'claimed' ? html`
            <button class="danger" @click=${() => void this.reject()}>Codes differ</button>
            <button class="primary" @click=${() => void this.confirm()}>Codes match</button>` : ''}
          ${['expired', 'burnt', 'failed', 'rejected'].includes(this.phase) ? html`<button @click=${() => void this.makeOffer()}>New code</button>` : ''}
          ${this.phase !== 'claimed' ? html`<button class=${this.phase === 'paired' ? 'primary' : ''} @click=${() => this.dialog.close()}>${this.phase === 'paired' ? 'Done' : 'Cancel'}</button>` : ''}
        </div>
      </div>
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-pair-computer-dialog': VbPairComputerDialog } }
