// <vb-preview>: shows a decrypted preview of one file: an image from a blob URL; audio and video from a
// service-worker URL that answers the player's Range requests by reading single chunks (so seeking in a
// large video decrypts only what is shown; a blob URL where no service worker runs); text and code as
// text; PDF opened in its own tab (see [Note: PDF preview under the CSP]); anything else is offered for
// download. Releases its URLs and cancels reads when the file changes.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PreviewHandle, VaultClient, VaultNode } from '../state/vault-client.js';
import { offerMedia, transferWorker } from '../sw/offer-transfer.js';
import { mediaKindOf } from '../state/media-kind.js';
import { describeError, type ErrorText } from '../state/vault-error.js';
import { formatBytes } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';
import { announce } from './events.js';

/*
 * [Note: PDF preview under the CSP]
 * The served CSP has no frame-src/object-src, so an <iframe>/<embed> of a blob: PDF is blocked. A
 * top-level tab is not a frame: opening the blob: URL in a new tab shows the browser's own PDF viewer
 * (checked in Chromium: the viewer loads with no CSP report; Firefox and Safari render PDFs natively).
 * Inline page rendering would need pdf.js drawing to a <canvas> (its worker served from 'self',
 * isEvalSupported: false), fed by `VaultClient.readBytes`; that needs the pdfjs-dist dependency.
 */

/** Text previews read at most this much; the rest is offered as a download. */
export const textPreviewBytes = 256 * 1024;
/** Images above this size are not decrypted just to look at them. */
export const imagePreviewBytes = 64 * 1024 * 1024;

@customElement('vb-preview')
export class VbPreview extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    .frame { background: var(--vb-surface-2); border-radius: var(--vb-radius); overflow: hidden; display: grid; place-items: center; min-height: 120px; }
    img, video { display: block; max-width: 100%; max-height: 320px; object-fit: contain; }
    audio { width: 100%; margin: 12px; }
    pre { margin: 0; padding: 12px; width: 100%; max-height: 360px; overflow: auto; font: 0.82rem/1.45 var(--vb-mono); white-space: pre-wrap; word-break: break-word; align-self: start; }
    .msg { padding: 16px; text-align: center; color: var(--vb-muted); font-size: 0.92em; }
    .msg.err { color: var(--vb-danger); }
    .more { font-size: 0.85em; color: var(--vb-muted); margin-top: 6px; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) node: VaultNode | null = null;
  @state() private url = '';
  @state() private text: { text: string; truncated: boolean } | null = null;
  @state() private loading = false;
  @state() private error: ErrorText | null = null;
  private handle: PreviewHandle | null = null;
  private abort: AbortController | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const old = changed.get('node') as VaultNode | null | undefined;
    if (changed.has('node') && (old?.id !== this.node?.id || old?.version !== this.node?.version)) this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clear();
  }

  private clear(): void {
    this.abort?.abort();
    this.abort = null;
    this.handle?.release();
    this.handle = null;
    this.url = '';
    this.text = null;
    this.error = null;
    this.loading = false;
  }

  private load(): void {
    this.clear();
    const n = this.node;
    if (!n || n.type !== 'file') return;
    const kind = mediaKindOf(n);
    const abort = (this.abort = new AbortController());
    const done = () => { if (this.abort === abort) this.loading = false; };
    const fail = (e: unknown) => {
      if (abort.signal.aborted) return;
      this.error = describeError(e);
      announce(this, `Preview failed: ${this.error.message}`, true);
    };
    if (kind === 'image' && n.size <= imagePreviewBytes || kind === 'audio' || kind === 'video') {
      this.loading = true;
      const handle = kind === 'image' ? this.client.previewUrl(n.id, { signal: abort.signal }) : this.mediaHandle(n, abort.signal, fail);
      handle.then((h) => {
        if (abort.signal.aborted) { h.release(); return; }
        this.handle = h;
        this.url = h.url;
      }, fail).finally(done);
    } else if (kind === 'text') {
      this.loading = true;
      this.client.readText(n.id, { maxBytes: textPreviewBytes, signal: abort.signal }).then((t) => {
        if (!abort.signal.aborted) this.text = t;
      }, fail).finally(done);
    }
  }

  /**
   * Audio and video through the service worker ([Note: Transfers through the service worker]): each
   * Range request of the player becomes one `readRange`. A failed read (say, a tampered chunk) ends that
   * response, so the player stops; `fail` shows why. Without a service worker: the whole file as a blob.
   */
  private async mediaHandle(n: VaultNode, signal: AbortSignal, fail: (e: unknown) => void): Promise<PreviewHandle> {
    const container = transferWorker();
    const client = this.client;
    if (!container) return client.previewUrl(n.id, { signal });
    const read = (span: { start: number; end: number }) => {
      const reader = client.readRange(n.id, span, { signal }).getReader();
      // The player drops responses all the time (seeking, enough buffered): that is no failure.
      let dropped = false;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (dropped) return;
            if (done) controller.close(); else controller.enqueue(value);
          } catch (e) {
            if (dropped) return;
            fail(e);
            controller.error(e);
          }
        },
        cancel: (reason) => { dropped = true; return reader.cancel(reason); },
      }, { highWaterMark: 0 });
    };
    try {
      const offer = await offerMedia(container, { size: n.size, mediaType: n.mediaType }, read);
      return { url: offer.url, mediaType: n.mediaType, release: () => offer.release() };
    } catch {
      return client.previewUrl(n.id, { signal });
    }
  }

  private async openPdf(): Promise<void> {
    const n = this.node;
    if (!n) return;
    // Open the tab inside the click (popup blockers), then point it at the decrypted blob.
    const tab = window.open('', '_blank');
    try {
      const h = await this.client.previewUrl(n.id);
      if (tab) tab.location.href = h.url; else window.location.assign(h.url);
      // The tab has loaded the document by then; revoking frees the decrypted copy in memory.
      setTimeout(() => h.release(), 60_000);
    } catch (e) {
      tab?.close();
      this.error = describeError(e);
      announce(this, `Couldn't open the PDF: ${this.error.message}`, true);
    }
  }

  override render() {
    const n = this.node;
    if (!n || n.type !== 'file') return html``;
    const kind = mediaKindOf(n);
    if (this.error) return html`<div class="frame"><p class="msg err" role="alert"><strong>${this.error.title}.</strong> ${this.error.message}</p></div>`;
    if (this.loading) return html`<div class="frame"><p class="msg" aria-busy="true">Decrypting preview…</p></div>`;
    switch (kind) {
      case 'image':
        if (n.size > imagePreviewBytes) break;
        return html`<div class="frame">${this.url ? html`<img src=${this.url} alt="Preview of ${n.name}" />` : ''}</div>`;
      case 'video':
        return html`<div class="frame">${this.url ? html`<video src=${this.url} controls preload="metadata" aria-label="Video: ${n.name}"></video>` : ''}</div>`;
      case 'audio':
        return html`<div class="frame">${this.url ? html`<audio src=${this.url} controls preload="metadata" aria-label="Audio: ${n.name}"></audio>` : ''}</div>`;
      case 'text':
        return html`<div class="frame"><pre tabindex="0" aria-label="Contents of ${n.name}">${this.text?.text ?? ''}</pre></div>
          ${this.text?.truncated ? html`<p class="more">Showing the first ${formatBytes(textPreviewBytes)}; download the file for the rest.</p>` : ''}`;
      case 'pdf':
        return html`<div class="frame"><p class="msg">PDF document<br /><br /><button @click=${this.openPdf}>Open PDF in a new tab</button></p></div>`;
      default:
        break;
    }
    return html`<div class="frame"><p class="msg">No preview for this kind of file. Download it to open it.</p></div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-preview': VbPreview } }
