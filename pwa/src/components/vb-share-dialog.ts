// <vb-share-dialog>: "Share…" for one file or folder. Asks for the options (password, expiry, download
// limit), creates the share through the ShareClient, then shows the link with Copy, a QR code and
// "Email it" (a mailto: with the link only: the password is never put in the same message).
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import QRCode from 'qrcode';
import type { OwnedShare, ShareClient } from '../state/share-client.js';
import type { VaultNode } from '../state/vault-client.js';
import { formatDateTime } from '../state/format.js';
import { describeError } from '../state/vault-error.js';
import { sharedStyles } from './shared-styles.js';
import { announce } from './events.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** The relay's bounds (docs/API.md POST /shares). */
const MIN_TTL = 60;
const MAX_TTL = 366 * DAY;
const MAX_LIMIT = 1_000_000;

const EXPIRY_CHOICES: readonly { value: string; label: string; seconds: number | null }[] = [
  { value: '1h', label: '1 hour', seconds: HOUR },
  { value: '1d', label: '1 day', seconds: DAY },
  { value: '7d', label: '7 days', seconds: 7 * DAY },
  { value: '30d', label: '30 days', seconds: 30 * DAY },
  { value: 'never', label: 'Never', seconds: null },
  { value: 'custom', label: 'Custom…', seconds: null },
];

@customElement('vb-share-dialog')
export class VbShareDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
    .custom { display: grid; grid-template-columns: 1fr auto; gap: 8px; }
    input[type=number] { font: inherit; width: 100%; min-height: 38px; padding: 8px 10px; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); background: var(--vb-surface); color: var(--vb-text); }
    .link { font-family: var(--vb-mono); font-size: 0.85em; }
    .qr { display: grid; place-items: center; margin: 12px 0; }
    .qr img { width: 200px; height: 200px; background: #fff; padding: 8px; border-radius: 8px; image-rendering: pixelated; }
    .facts { color: var(--vb-muted); font-size: 0.9em; margin: 8px 0 0; }
    .note { background: var(--vb-warn-soft); border: 1px solid var(--vb-warn); border-radius: var(--vb-radius); padding: 8px 12px; font-size: 0.9em; margin-top: 12px; }
    @media (max-width: 480px) { .grid { grid-template-columns: 1fr; } }
  `];

  @property({ attribute: false }) client: ShareClient | null = null;
  @state() private node: VaultNode | null = null;
  @state() private expiry = '7d';
  @state() private customAmount = '3';
  @state() private customUnit: 'hours' | 'days' = 'days';
  @state() private limit = '';
  @state() private password = '';
  @state() private problem = '';
  @state() private busy = false;
  @state() private share: OwnedShare | null = null;
  @state() private qr = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  /** Opens the dialog for `node`. */
  async open(node: VaultNode): Promise<void> {
    Object.assign(this, { node, expiry: '7d', customAmount: '3', customUnit: 'days', limit: '', password: '', problem: '', busy: false, share: null, qr: '' });
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLSelectElement>('#expiry')?.focus();
  }

  private close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private onClosed(): void {
    // The link holds the secret: it leaves the page's memory with the dialog.
    this.share = null;
    this.qr = '';
    this.password = '';
  }

  /** Seconds to expiry, null for none, or a sentence saying what is wrong. */
  private expirySeconds(): number | null | string {
    const choice = EXPIRY_CHOICES.find((c) => c.value === this.expiry)!;
    if (choice.value !== 'custom') return choice.seconds;
    const amount = Number(this.customAmount);
    if (!Number.isFinite(amount) || amount <= 0) return 'Enter how long the link should work.';
    const seconds = Math.round(amount * (this.customUnit === 'hours' ? HOUR : DAY));
    if (seconds < MIN_TTL) return 'A link must work for at least a minute.';
    if (seconds > MAX_TTL) return 'A link can work for at most 366 days.';
    return seconds;
  }

  private limitValue(): number | null | string {
    if (this.limit.trim() === '') return null;
    const n = Number(this.limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) return 'The download limit is a whole number from 1 to 1,000,000, or empty for no limit.';
    return n;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.client || !this.node || this.busy) return;
    const ttl = this.expirySeconds();
    const limit = this.limitValue();
    if (typeof ttl === 'string' || typeof limit === 'string') { this.problem = typeof ttl === 'string' ? ttl : limit as string; return; }
    this.problem = '';
    this.busy = true;
    try {
      this.share = await this.client.createShare(this.node.id, {
        ...(this.password ? { password: this.password } : {}),
        ...(ttl !== null ? { expiresInSeconds: ttl } : {}),
        ...(limit !== null ? { downloadLimit: limit } : {}),
      });
      announce(this, `Share link for ${this.node.name} created.`);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.select();
    } catch (error) {
      const t = describeError(error);
      this.problem = `${t.title}. ${t.message}`;
    } finally {
      this.busy = false;
    }
  }

  private async copy(): Promise<void> {
    if (!this.share?.link) return;
    try {
      await navigator.clipboard.writeText(this.share.link);
      announce(this, 'Link copied.');
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.select();
      announce(this, 'Copying is blocked here; the link is selected, copy it with Ctrl+C.', true);
    }
  }

  private async toggleQr(): Promise<void> {
    const link = this.share?.link;
    if (this.qr || !link) { this.qr = ''; return; }
    const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
    // A data: URL image is allowed by img-src; the SVG has no scripts (qrcode emits paths only).
    if (this.share?.link === link) this.qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }

  private mailto(share: OwnedShare): string {
    const name = share.summary?.name ?? 'files';
    const body = [
      `I'm sharing "${name}" with you through Veilbox. Open this link to download it:`,
      '', share.link ?? '', '',
      share.expiresAt !== null ? `The link works until ${formatDateTime(share.expiresAt)}.` : '',
      // The password never goes in the same message as the link.
      share.passwordProtected ? 'It needs a password, which I will send you separately.' : '',
    ].filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== '')).join('\n');
    return `mailto:?subject=${encodeURIComponent(`Shared with you: ${name}`)}&body=${encodeURIComponent(body)}`;
  }

  private renderForm(node: VaultNode) {
    return html`<form @submit=${this.submit} novalidate>
      <h2 id="t">Share ${node.type === 'folder' ? 'folder' : 'file'} “${node.name}”</h2>
      <p class="hint">Anyone with the link can download ${node.type === 'folder' ? 'everything in this folder' : 'this file'}; the server can't read it.</p>
      <div class="grid">
        <div class="field"><label for="expiry">Link expires after</label>
          <select id="expiry" .value=${this.expiry} @change=${(e: Event) => { this.expiry = (e.target as HTMLSelectElement).value; }}>
            ${EXPIRY_CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === this.expiry}>${c.label}</option>`)}
          </select></div>
        <div class="field"><label for="limit">Download limit</label>
          <input id="limit" type="number" min="1" max=${MAX_LIMIT} step="1" placeholder="No limit" .value=${this.limit}
            @input=${(e: Event) => { this.limit = (e.target as HTMLInputElement).value; }} /></div>
      </div>
      ${this.expiry === 'custom' ? html`<div class="field"><label for="amount">Custom expiry</label>
        <div class="custom"><input id="amount" type="number" min="1" step="1" aria-label="Custom expiry amount" .value=${this.customAmount}
            @input=${(e: Event) => { this.customAmount = (e.target as HTMLInputElement).value; }} />
          <select aria-label="Custom expiry unit" .value=${this.customUnit} @change=${(e: Event) => { this.customUnit = (e.target as HTMLSelectElement).value as 'hours' | 'days'; }}>
            <option value="hours" ?selected=${this.customUnit === 'hours'}>hours</option><option value="days" ?selected=${this.customUnit === 'days'}>days</option>
          </select></div></div>` : ''}
      <div class="field"><label for="share-password">Password <span class="hint">(optional)</span></label>
        <input id="share-password" type="password" autocomplete="new-password" .value=${this.password}
          @input=${(e: Event) => { this.password = (e.target as HTMLInputElement).value; }} />
        <span class="hint">Send it to the recipient another way than the link.</span></div>
      <p class="error-text" role="alert">${this.problem}</p>
      <div class="actions"><button type="button" @click=${() => this.close()}>Cancel</button>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating link…' : 'Create link'}</button></div>
    </form>`;
  }

  private renderLink(share: OwnedShare) {
    const facts = [
      share.expiresAt !== null ? `Expires ${formatDateTime(share.expiresAt)}` : 'Never expires',
      share.downloadLimit !== null ? `${share.downloadLimit} download${share.downloadLimit === 1 ? '' : 's'}` : 'Unlimited downloads',
      share.passwordProtected ? 'Password protected' : 'No password',
    ];
    return html`<div class="body">
      <h2 id="t">Link ready</h2>
      <div class="field"><label for="link">Share link</label>
        <input id="link" class="link" type="text" readonly .value=${share.link ?? ''} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></div>
      <p class="facts">${facts.join(' · ')}</p>
      <div class="row">
        <button class="primary" @click=${() => this.copy()}>Copy link</button>
        <button aria-pressed=${this.qr ? 'true' : 'false'} @click=${() => this.toggleQr()}>${this.qr ? 'Hide QR code' : 'Show QR code'}</button>
        <a class="btn" href=${this.mailto(share)}>Email it</a>
      </div>
      ${this.qr ? html`<div class="qr"><img src=${this.qr} alt="QR code of the share link" /></div>` : ''}
      ${share.passwordProtected ? html`<p class="note">The password is not in the link or the email: tell the recipient another way.</p>` : ''}
      <div class="actions"><button @click=${() => this.close()}>Done</button></div>
    </div>`;
  }

  override render() {
    return html`<dialog aria-labelledby="t" @close=${() => this.onClosed()}>
      ${this.share ? this.renderLink(this.share) : this.node ? this.renderForm(this.node) : ''}
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-share-dialog': VbShareDialog } }
