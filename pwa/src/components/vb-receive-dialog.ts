// <vb-receive-dialog>: "Receive from phone" on the desktop. Makes a drop into the open folder (15
// minutes, a size cap) and shows its link as a QR code and as text to copy; lists each file as it
// arrives (the worker placed it in the folder already) and says when the phone's batch is complete
// and the drop closed. Done (or closing the dialog) places what arrived and closes the drop; a drop
// nothing arrived in is deleted. The link holds the secret: it is shown here and nowhere else.
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import QRCode from 'qrcode';
import type { DropClient, DropOffer, DropReceiveEvent } from '../state/drop-client.js';
import type { NodeId } from '../state/vault-client.js';
import { describeError } from '../state/vault-error.js';
import { formatBytes, plural } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';
import { announce, reportError } from './events.js';

interface Arrival { readonly name: string; readonly size: number; readonly nodeId: NodeId }

/** The link without its scheme: the same link, shorter to read out or type. */
export function shortLink(link: string): string {
  return link.replace(/^https?:\/\//, '');
}

@customElement('vb-receive-dialog')
export class VbReceiveDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    dialog { width: min(520px, 96vw); }
    .code { display: grid; grid-template-columns: auto 1fr; gap: 16px; align-items: center; margin: 8px 0 14px; }
    img { width: 180px; height: 180px; background: #fff; border-radius: 8px; padding: 8px; image-rendering: pixelated; }
    .link { font-family: var(--vb-mono); font-size: 0.92rem; word-break: break-all; user-select: all; margin: 0 0 8px; }
    .meta { color: var(--vb-muted); font-size: 0.92em; }
    ul { list-style: none; margin: 8px 0 0; padding: 0; max-height: 180px; overflow: auto; }
    li { display: flex; gap: 8px; padding: 6px 0; border-top: 1px solid var(--vb-border); }
    li .size { color: var(--vb-muted); margin-left: auto; }
    .status { margin: 10px 0 0; }
    @media (max-width: 560px) { .code { grid-template-columns: 1fr; justify-items: center; } }
  `];

  @property({ attribute: false }) drops: DropClient | null = null;
  @state() private folderName = '';
  @state() private offer: DropOffer | null = null;
  @state() private qr = '';
  @state() private arrivals: readonly Arrival[] = [];
  @state() private phase: 'making' | 'waiting' | 'closed' | 'expired' | 'failed' = 'making';
  @state() private problem = '';
  @state() private now = Date.now();
  @query('dialog') private dialog!: HTMLDialogElement;
  private folderId: NodeId | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Which drop the events belong to: a new code makes the old drop's late events stale. */
  private generation = 0;

  /** Opens the dialog and makes a new drop into `folderId`. */
  async open(folderId: NodeId, folderName: string): Promise<void> {
    this.folderId = folderId;
    this.folderName = folderName;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    await this.makeDrop();
  }

  private async makeDrop(): Promise<void> {
    if (!this.drops || !this.folderId) return;
    this.offer = null;
    this.qr = '';
    this.arrivals = [];
    this.problem = '';
    this.phase = 'making';
    try {
      const generation = ++this.generation;
      const offer = await this.drops.receive(this.folderId, { label: this.folderName }, (e) => { if (generation === this.generation) this.onEvent(e); });
      this.offer = offer;
      this.phase = 'waiting';
      const svg = await QRCode.toString(offer.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
      // A data: URL image is allowed by img-src; the SVG has no scripts (qrcode emits paths only).
      if (this.offer === offer) this.qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      this.tick();
    } catch (error) {
      this.phase = 'failed';
      this.problem = describeError(error).message;
      reportError(this, 'Couldn\'t make a code for your phone', error);
    }
  }

  private onEvent(e: DropReceiveEvent): void {
    if (e.type === 'arrived') {
      this.arrivals = [...this.arrivals, { name: e.name, size: e.size, nodeId: e.nodeId }];
      announce(this, `Received ${e.name} from your phone.`);
    } else if (e.type === 'closed') {
      this.phase = 'closed';
      this.stopTicker();
      announce(this, e.received ? `All ${plural(e.received, 'file')} from your phone are in ${this.folderName}.` : 'The drop is closed.');
    } else {
      this.problem = describeError(e.error).message;
      announce(this, `A file from your phone could not be added: ${this.problem}`, true);
    }
  }

  private tick(): void {
    this.stopTicker();
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.phase === 'waiting' && this.offer && this.now >= this.offer.expiresAt) {
        this.phase = 'expired';
        announce(this, 'The code for your phone has expired.');
      }
    }, 1000);
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** Places what arrived and closes the drop (or deletes it when empty), then the dialog. */
  private async done(): Promise<void> {
    this.stopTicker();
    const offer = this.offer;
    this.offer = null;
    this.generation++;
    if (this.dialog.open) this.dialog.close();
    if (!offer || !this.drops || this.phase === 'closed') return;
    try {
      await this.drops.finish(offer.dropId);
    } catch (error) {
      reportError(this, 'Couldn\'t close the drop', error);
    }
  }

  private async newCode(): Promise<void> {
    const offer = this.offer;
    if (offer && this.drops && this.phase !== 'closed') await this.drops.finish(offer.dropId).catch(() => undefined);
    await this.makeDrop();
  }

  private async copy(): Promise<void> {
    if (!this.offer) return;
    try {
      await navigator.clipboard.writeText(this.offer.link);
      announce(this, 'Link copied. Open it on your phone.');
    } catch {
      announce(this, 'Copying is blocked here; select the link and copy it by hand.', true);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
    // Gone with the vault view (lock, log-out): close the drop if everything that came is placed.
    const offer = this.offer;
    this.offer = null;
    if (offer && this.phase !== 'closed') void this.drops?.finish(offer.dropId).catch(() => undefined);
  }

  private statusText(): string {
    const n = this.arrivals.length;
    switch (this.phase) {
      case 'making': return 'Making a code…';
      case 'waiting': {
        const left = this.offer ? Math.max(0, Math.ceil((this.offer.expiresAt - this.now) / 1000)) : 0;
        const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
        return n ? `${plural(n, 'file')} received so far. Waiting for more…` : `Waiting for files… The code is valid for ${clock}.`;
      }
      case 'closed': return n ? `Done: ${plural(n, 'file')} received into ${this.folderName}. The drop is closed.` : 'The drop is closed.';
      case 'expired': return n ? `${plural(n, 'file')} received. The code has expired; files already on their way still arrive.` : 'The code has expired. Make a new one to receive more files.';
      case 'failed': return this.problem;
    }
  }

  override render() {
    const offer = this.offer;
    return html`<dialog aria-labelledby="receive-title" @close=${() => void this.done()}>
      <div class="body">
        <h2 id="receive-title">Receive from phone</h2>
        <p class="meta">Scan the code with your phone's camera. The files are encrypted on the phone and land in <strong>${this.folderName}</strong>.</p>
        ${offer && this.phase !== 'closed' ? html`<div class="code">
            ${this.qr ? html`<img src=${this.qr} alt="QR code of the link for your phone" />` : html`<span></span>`}
            <div>
              <p class="link" aria-label="Link for your phone">${shortLink(offer.link)}</p>
              <div class="row"><button @click=${this.copy}>Copy link</button></div>
              <p class="meta">Up to ${formatBytes(offer.sizeCap)}, for 15 minutes, one phone.</p>
            </div></div>` : ''}
        <p class="status" role="status">${this.statusText()}</p>
        ${this.problem && this.phase !== 'failed' ? html`<p class="error-text" role="alert">${this.problem}</p>` : ''}
        ${this.arrivals.length ? html`<ul aria-label="Received files">${this.arrivals.map((a) => html`<li><span>${a.name}</span><span class="size">${formatBytes(a.size)}</span></li>`)}</ul>` : ''}
        <div class="actions">
          ${this.phase === 'expired' || this.phase === 'failed' ? html`<button @click=${this.newCode}>New code</button>` : ''}
          <button class="primary" @click=${() => void this.done()}>Done</button>
        </div>
      </div>
    </dialog>`;
  }
}

/** Asks <vb-app> to open this dialog for a folder (the file manager's "Receive from phone"). */
export function requestReceive(from: EventTarget, folderId: NodeId): void {
  from.dispatchEvent(new CustomEvent<NodeId>('vb-receive-request', { detail: folderId, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementTagNameMap { 'vb-receive-dialog': VbReceiveDialog }
  interface HTMLElementEventMap { 'vb-receive-request': CustomEvent<NodeId> }
}
