// <vb-drop-page>: what a phone shows at /d/<dropId>#<secret> after scanning the desktop's QR code. No
// account and no vault: the secret is read from the fragment and wiped from the address bar at once,
// the crypto worker derives the drop's keys, and picking files (several at once; the phone's picker
// offers "select all" where it has one) encrypts and uploads them with progress. Then the page waits
// until the desktop has closed the drop, which it does once it placed every file, and says so. A drop
// that expired, was already used or doesn't exist says that instead.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { sharedStyles } from '../components/shared-styles.js';
import { styleProps } from '../components/style-props.js';
import { announce } from '../components/events.js';
import type { DropClient, DropSendProgress, DropState } from '../state/drop-client.js';
import { describeError } from '../state/vault-error.js';
import { formatBytes, plural } from '../state/format.js';
import { accountPageStyles } from './page-styles.js';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly drop: Extract<DropState, { state: 'open' }> }
  | { readonly kind: 'sending' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'received'; readonly count: number }
  | { readonly kind: 'refused'; readonly why: 'expired' | 'closed' | 'not-found' | 'incomplete' | 'late'; readonly sent: number }
  | { readonly kind: 'failed'; readonly message: string };

interface Row { readonly name: string; readonly size: number; done: number; phase: DropSendProgress['phase']; error: string | null }

/** How often the page asks whether the desktop has taken the files. */
const WAIT_POLL_MS = 1000;

const REFUSED: Record<Extract<Phase, { kind: 'refused' }>['why'], { title: string; text: string }> = {
  expired: { title: 'This code has expired', text: 'A code works for 15 minutes. Make a new one on your computer ("Receive from phone") and scan it again.' },
  closed: { title: 'This code was already used', text: 'Each code takes one batch of files, then closes. Make a new one on your computer and scan it again.' },
  'not-found': { title: 'This code does not work', text: 'No drop answers to this link. Scan the code again, or copy the whole link including the part after #.' },
  incomplete: { title: 'This link is incomplete', text: 'The part after # is missing, so nothing can be sent. Scan the code on your computer again.' },
  late: { title: 'The files did not reach your computer', text: 'The drop ended before your computer took the files. Make a new code on your computer and send them again.' },
};

@customElement('vb-drop-page')
export class VbDropPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    .pick { display: grid; place-items: center; gap: 6px; min-height: 160px; border: 2px dashed var(--vb-accent); border-radius: 14px;
      background: var(--vb-surface-2); font-size: 1.2rem; font-weight: 600; cursor: pointer; text-align: center; padding: 16px; }
    .pick input { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .pick .hint { font-size: 0.85rem; }
    ul { list-style: none; margin: 12px 0 0; padding: 0; }
    li { padding: 8px 0; border-top: 1px solid var(--vb-border); }
    li .line { display: flex; gap: 8px; }
    li .size { color: var(--vb-muted); margin-left: auto; white-space: nowrap; }
    .bar { height: 6px; border-radius: 3px; background: var(--vb-surface-2); margin-top: 6px; overflow: hidden; }
    .bar div { height: 100%; background: var(--vb-accent); }
    .ok { color: var(--vb-ok, var(--vb-accent)); font-weight: 600; }
  `];

  @property({ attribute: false }) drops: DropClient | null = null;
  @property() dropId = '';
  @state() private phase: Phase = { kind: 'loading' };
  @state() private rows: Row[] = [];
  @query('#pick') private input?: HTMLInputElement;
  private secret: string | null = null;
  private waiting: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // DESIGN.md §3: a secret read from a URL fragment leaves the address bar at once.
    const fragment = location.hash.slice(1);
    if (fragment) history.replaceState(history.state, '', location.pathname + location.search);
    this.secret = fragment || null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.waiting) clearTimeout(this.waiting);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('drops') || changed.has('dropId')) && this.drops && this.dropId && this.phase.kind === 'loading') void this.start();
  }

  private async start(): Promise<void> {
    const drops = this.drops!;
    const secret = this.secret;
    this.secret = null;
    if (!secret) { this.phase = { kind: 'refused', why: 'incomplete', sent: 0 }; return; }
    try {
      const drop = await drops.open(this.dropId, secret);
      if (drop.state !== 'open') { this.refuse(drop.state, 0); return; }
      this.phase = { kind: 'ready', drop };
      await this.updateComplete;
      // Straight to the picker where the browser allows it without a tap (most need the tap below).
      try { this.input?.showPicker(); } catch { /* needs a user gesture here: the big button is the way */ }
    } catch (error) {
      this.phase = { kind: 'failed', message: describeError(error).message };
    }
  }

  private refuse(why: 'expired' | 'closed' | 'not-found' | 'late', sent: number): void {
    this.phase = { kind: 'refused', why, sent };
    announce(this, REFUSED[why].title, true);
  }

  private async onPicked(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length || !this.drops) return;
    this.rows = files.map((f) => ({ name: f.name, size: f.size, done: 0, phase: 'queued', error: null }));
    this.phase = { kind: 'sending' };
    announce(this, `Sending ${plural(files.length, 'file')}…`);
    try {
      const result = await this.drops.send(this.dropId, files, {
        onProgress: (p) => {
          const row = this.rows[p.index];
          if (!row) return;
          row.done = p.bytesDone;
          row.phase = p.phase;
          row.error = p.error ? describeError(p.error).message : null;
          this.rows = [...this.rows];
        },
      });
      if (result.stopped) { this.refuse(result.sent.length && result.stopped === 'closed' ? 'late' : result.stopped, result.sent.length); return; }
      if (!result.sent.length) { this.phase = { kind: 'failed', message: result.failed[0] ? describeError(result.failed[0].error).message : 'Nothing was sent.' }; return; }
      this.phase = { kind: 'waiting' };
      announce(this, `${plural(result.sent.length, 'file')} sent. Waiting for your computer…`);
      this.waitForDesktop(result.sent.length);
    } catch (error) {
      this.phase = { kind: 'failed', message: describeError(error).message };
    }
  }

  /** Asks until the desktop closed the drop: it closes it only after placing every file. */
  private waitForDesktop(count: number): void {
    this.waiting = setTimeout(async () => {
      try {
        const s = await this.drops!.state(this.dropId);
        if (s.state === 'closed') {
          this.phase = { kind: 'received', count };
          announce(this, `Your computer has the ${plural(count, 'file')}.`);
          return;
        }
        if (s.state === 'not-found') { this.refuse('late', count); return; }
      } catch {
        // A moment without network: ask again.
      }
      this.waitForDesktop(count);
    }, WAIT_POLL_MS);
  }

  private list() {
    if (!this.rows.length) return '';
    return html`<ul aria-label="Files">${this.rows.map((r) => html`<li>
      <div class="line"><span>${r.name}</span><span class="size">${r.phase === 'done' ? 'sent' : r.phase === 'failed' ? 'failed' : `${formatBytes(r.done)} of ${formatBytes(r.size)}`}</span></div>
      ${r.error ? html`<div class="error-text">${r.error}</div>` : html`<div class="bar" role="progressbar" aria-label=${`Sending ${r.name}`} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${String(r.size ? Math.floor((r.done / r.size) * 100) : r.phase === 'done' ? 100 : 0)}><div ${styleProps({ width: `${r.size ? (r.done / r.size) * 100 : r.phase === 'done' ? 100 : 0}%` })}></div></div>`}
    </li>`)}</ul>`;
  }

  private body() {
    const p = this.phase;
    switch (p.kind) {
      case 'loading': return html`<h1>Send files</h1><p role="status">Opening the drop…</p>`;
      case 'ready': return html`<h1>Send files${p.drop.label ? html` to ${p.drop.label}` : ''}</h1>
        <p class="lead">They are encrypted on this phone before they leave it. Up to ${formatBytes(Math.max(0, p.drop.sizeCap - p.drop.bytesUsed))} in all.</p>
        <label class="pick">Choose photos and files
          <span class="hint">Tap to pick one or several</span>
          <input id="pick" type="file" multiple @change=${this.onPicked} /></label>`;
      case 'sending': return html`<h1>Sending…</h1><p role="status">Encrypting and uploading. Keep this page open.</p>${this.list()}`;
      case 'waiting': return html`<h1>Sent</h1><p role="status">Waiting for your computer to take the files…</p>${this.list()}`;
      case 'received': return html`<h1>Done</h1><p role="status" class="ok">Your computer has the ${plural(p.count, 'file')}. You can close this page.</p>${this.list()}`;
      case 'refused': return html`<h1>${REFUSED[p.why].title}</h1><p role="alert">${REFUSED[p.why].text}</p>${this.list()}`;
      case 'failed': return html`<h1>Nothing was sent</h1><p role="alert">${p.message}</p>${this.list()}`;
    }
  }

  override render() {
    return html`<div class="column"><div class="brand"><span class="logo" aria-hidden="true">V</span> Veilbox</div>
      <div class="card">${this.body()}</div></div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-drop-page': VbDropPage } }
